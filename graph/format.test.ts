import { describe, expect, it } from 'vitest';
import { formatDkk, formatNumber, formatPoints } from './format';

describe('formatting numbers and money', () => {
  it('writes amounts the way each language expects', () => {
    expect(formatDkk('da', 4995)).toBe('4.995 kr.');
    expect(formatDkk('en', 4995)).toBe('DKK 4,995');
    expect(formatNumber('da', 1234.6)).toBe('1.235');
    expect(formatNumber('en', 250_000)).toBe('250,000');
  });

  it('keeps up to two decimals of points', () => {
    expect(formatPoints('da', 2.5)).toBe('2,5');
    expect(formatPoints('da', 16.666)).toBe('16,67');
    expect(formatPoints('en', 82.5)).toBe('82.5');
    expect(formatPoints('en', 25)).toBe('25');
  });
});
