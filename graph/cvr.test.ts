import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CVR_SEED_SPACE, cvrFromSeed, isValidCvr } from './cvr';

describe('isValidCvr', () => {
  it('accepts a number checked by hand', () => {
    // 34051178: 3*2 + 4*7 + 0*6 + 5*5 + 1*4 + 1*3 + 7*2 + 8*1 = 6+28+0+25+4+3+14+8 = 88 = 8*11
    expect(isValidCvr('34051178')).toBe(true);
    // 10150817: 1*2 + 0 + 1*6 + 5*5 + 0 + 8*3 + 1*2 + 7*1 = 2+6+25+24+2+7 = 66 = 6*11
    expect(isValidCvr('10150817')).toBe(true);
  });

  it('rejects a wrong check digit, a leading zero, wrong lengths and non-digits', () => {
    expect(isValidCvr('34051179')).toBe(false);
    expect(isValidCvr('04051178')).toBe(false);
    expect(isValidCvr('3405117')).toBe(false);
    expect(isValidCvr('340511780')).toBe(false);
    expect(isValidCvr('3405117a')).toBe(false);
    expect(isValidCvr(' 34051178')).toBe(false);
    expect(isValidCvr('')).toBe(false);
  });

  it('rejects any single-digit change of a valid number', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (seed, position, delta) => {
        const cvr = cvrFromSeed(seed);
        const digit = (Number(cvr[position]) + delta) % 10;
        const changed = `${cvr.slice(0, position)}${digit}${cvr.slice(position + 1)}`;
        // Every weight is below 11 and non-zero, so changing one digit always breaks the sum.
        expect(isValidCvr(changed)).toBe(false);
      }),
    );
  });

  it('agrees with a direct reading of the rule for any 8-character digit string', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (cvr) => {
        const weights = [2, 7, 6, 5, 4, 3, 2, 1];
        const sum = [...cvr].reduce((acc, digit, i) => acc + Number(digit) * (weights[i] ?? 0), 0);
        expect(isValidCvr(cvr)).toBe(cvr[0] !== '0' && sum % 11 === 0);
      }),
    );
  });
});

describe('cvrFromSeed', () => {
  it('always yields a valid number, the same for the same seed', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const cvr = cvrFromSeed(seed);
        expect(isValidCvr(cvr)).toBe(true);
        expect(cvrFromSeed(seed)).toBe(cvr);
      }),
    );
  });

  it('yields distinct numbers for distinct seeds below the seed space', () => {
    fc.assert(
      fc.property(fc.nat({ max: CVR_SEED_SPACE - 1 }), fc.nat({ max: CVR_SEED_SPACE - 1 }), (a, b) => {
        fc.pre(a !== b);
        expect(cvrFromSeed(a)).not.toBe(cvrFromSeed(b));
      }),
    );
    const first = new Set(Array.from({ length: 20_000 }, (_, i) => cvrFromSeed(i)));
    expect(first.size).toBe(20_000);
  });

  it('rejects negative and fractional seeds', () => {
    expect(() => cvrFromSeed(-1)).toThrow(RangeError);
    expect(() => cvrFromSeed(1.5)).toThrow(RangeError);
  });
});
