import { describe, expect, it } from 'vitest';
import type { DemandSignal } from '../../graph/demand';
import { DemandGate, type Visitor } from './demand-gate';

const search = (query: string, needs: string[] = []): DemandSignal => ({
  kind: 'search',
  needs,
  region: null,
  sector: null,
  sizeBand: null,
  results: 3,
  query,
});
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const visitor = (address: string, userAgent = firefox, channel: Visitor['channel'] = 'site'): Visitor => ({
  address,
  userAgent,
  channel,
});
const noon = new Date('2026-12-01T12:00:00Z');

describe('which searches and matches count as demand', () => {
  it('counts the same visitor repeating the same search once a day, and again the next day', () => {
    const gate = new DemandGate();
    const admitted = Array.from({ length: 6_000 }, () => gate.admit(search('backup'), visitor('192.0.2.1'), noon));
    expect(admitted.filter(Boolean)).toHaveLength(1);
    expect(gate.admit(search('  Backup '), visitor('192.0.2.1'), noon)).toBe(false);
    expect(gate.admit(search('phishing'), visitor('192.0.2.1'), noon)).toBe(true);
    expect(gate.admit(search('backup'), visitor('192.0.2.2'), noon)).toBe(true);
    expect(gate.admit(search('backup'), visitor('192.0.2.1', `${firefox} Edg/1`), noon)).toBe(true);
    // Midnight in Copenhagen is 23:00 UTC in winter: a new day, a new key, a clean slate.
    expect(gate.admit(search('backup'), visitor('192.0.2.1'), new Date('2026-12-01T23:30:00Z'))).toBe(true);
  });

  it('bounds what one visitor can add in a day', () => {
    const gate = new DemandGate({ perVisitorPerDay: 5 });
    const admitted = Array.from({ length: 50 }, (_, i) => gate.admit(search(`ord ${i}`), visitor('192.0.2.9'), noon));
    expect(admitted.filter(Boolean)).toHaveLength(5);
    expect(gate.admit(search('ord 0'), visitor('192.0.2.10'), noon)).toBe(true);
  });

  it('bounds memory: past the limit new signals are not counted', () => {
    const gate = new DemandGate({ maxRemembered: 3 });
    const admitted = Array.from({ length: 10 }, (_, i) => gate.admit(search('x'), visitor(`198.51.100.${i}`), noon));
    expect(admitted.filter(Boolean)).toHaveLength(3);
  });

  it('leaves out crawlers, scripts on the site, and requests without a user agent or address', () => {
    const gate = new DemandGate();
    for (const agent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0)',
      'curl/8.5.0',
      'python-requests/2.32',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36',
    ]) {
      expect(gate.admit(search(agent), visitor('192.0.2.3', agent), noon), agent).toBe(false);
    }
    expect(gate.admit(search('a'), { address: '192.0.2.3', userAgent: undefined, channel: 'site' }, noon)).toBe(false);
    expect(gate.admit(search('a'), { address: undefined, userAgent: firefox, channel: 'site' }, noon)).toBe(false);
    expect(gate.admit(search('a'), undefined, noon)).toBe(false);
  });

  it('counts anonymous API use from scripts, but not crawlers there either', () => {
    const gate = new DemandGate();
    expect(gate.admit(search('nis2'), visitor('192.0.2.4', 'python-requests/2.32', 'api'), noon)).toBe(true);
    expect(gate.admit(search('nis2'), visitor('192.0.2.4', 'Googlebot/2.1', 'api'), noon)).toBe(false);
  });
});
