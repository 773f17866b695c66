import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { DemandSignal } from '../../graph/demand';
import type { Viewer } from '../auth/viewer';
import { visitorOf } from '../server/visitor';
import { DemandGate } from './demand-gate';

const signal: DemandSignal = {
  kind: 'match',
  needs: ['backup-og-gendannelse'],
  region: 'DK-84',
  sector: null,
  sizeBand: 'small',
  results: 4,
  query: null,
};
const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const noon = new Date('2026-12-01T12:00:00Z');

const viewers: Record<Viewer['kind'], Viewer> = {
  anonymous: { kind: 'anonymous' },
  vendor: {
    kind: 'vendor',
    subject: 's-1',
    name: 'Vera',
    email: null,
    cvr: '12345678',
    companies: [],
    sessionId: 'x',
  },
  staff: { kind: 'staff', subject: 's-2', name: 'Sune', email: null, roles: ['reviewer'], sessionId: 'y' },
  token: { kind: 'token', tokenId: 't-1', roles: ['analyst'] },
};

/** A request as the Fastify plugins leave it: its address, user agent and viewer. */
const request = (viewer: Viewer, ip: string) =>
  ({ ip, headers: { 'user-agent': firefox }, viewer }) as unknown as FastifyRequest;

describe('only the site and anonymous API use count as demand', () => {
  it('counts anonymous visitors on the site and the API', () => {
    const gate = new DemandGate();
    expect(gate.admit(signal, visitorOf(request(viewers.anonymous, '192.0.2.20'), 'site'), noon)).toBe(true);
    expect(gate.admit(signal, visitorOf(request(viewers.anonymous, '192.0.2.21'), 'api'), noon)).toBe(true);
  });

  it.each(['vendor', 'staff', 'token'] as const)('does not count a %s, on the site or the API', (kind) => {
    const gate = new DemandGate();
    const visitor = visitorOf(request(viewers[kind], '192.0.2.30'), 'site');
    expect(visitor.viewer).toBe(kind);
    expect(gate.admit(signal, visitor, noon)).toBe(false);
    expect(gate.admit(signal, visitorOf(request(viewers[kind], '192.0.2.31'), 'api'), noon)).toBe(false);
    // The same address and browser, logged out, is an SME again.
    expect(gate.admit(signal, visitorOf(request(viewers.anonymous, '192.0.2.30'), 'site'), noon)).toBe(true);
  });

  it('treats a visitor without a viewer as anonymous (no HTTP login behind it)', () => {
    const gate = new DemandGate();
    expect(gate.admit(signal, { address: '192.0.2.40', userAgent: firefox, channel: 'api' }, noon)).toBe(true);
  });
});
