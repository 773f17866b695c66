import { describe, expect, it } from 'vitest';
import { displayHost, excerpt, isWebUrl } from './text';

describe('excerpt', () => {
  it('keeps short text and cuts long text at a word', () => {
    expect(excerpt('  Kort   tekst. ')).toBe('Kort tekst.');
    const long = 'ord '.repeat(100);
    const cut = excerpt(long, 50);
    expect(cut.length).toBeLessThanOrEqual(51);
    expect(cut.endsWith('ord…')).toBe(true);
  });
});

describe('links from listings', () => {
  it('accepts only http(s) URLs', () => {
    expect(isWebUrl('https://example.dk/x')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('')).toBe(false);
    expect(isWebUrl(null)).toBe(false);
  });

  it('shows the host without www', () => {
    expect(displayHost('https://www.example.dk/om')).toBe('example.dk');
    expect(displayHost('not a url')).toBe('not a url');
  });
});
