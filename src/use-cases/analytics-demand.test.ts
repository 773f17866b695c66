import { describe, expect, it } from 'vitest';
import { audienceOf, GAP_NEEDS, gapScore, gapScores, K_ANONYMITY, shownCount, UNDER_K } from './analytics-demand';

describe('k-anonymity of demand figures', () => {
  it('shows the public "under 5" for 4 signals and the number for 5 and 6', () => {
    expect(K_ANONYMITY).toBe(5);
    expect(shownCount(4, 'public')).toBe(UNDER_K);
    expect(UNDER_K).toBe('under 5');
    expect(shownCount(5, 'public')).toBe(5);
    expect(shownCount(6, 'public')).toBe(6);
    expect(shownCount(0, 'public')).toBe('under 5');
  });

  it('shows staff every number', () => {
    expect(shownCount(4, 'staff')).toBe(4);
    expect(shownCount(5, 'staff')).toBe(5);
    expect(shownCount(6, 'staff')).toBe(6);
  });

  it('counts reviewers, admins and analysts’ tokens as staff, vendors and anonymous visitors as public', () => {
    expect(audienceOf({ kind: 'anonymous' })).toBe('public');
    expect(
      audienceOf({ kind: 'vendor', subject: 's', name: 'n', email: null, cvr: '1', companies: [], sessionId: 'x' }),
    ).toBe('public');
    expect(audienceOf({ kind: 'staff', subject: 's', name: 'n', email: null, roles: ['admin'], sessionId: 'x' })).toBe(
      'staff',
    );
    expect(audienceOf({ kind: 'token', tokenId: 't', roles: ['analyst'] })).toBe('staff');
  });
});

describe('gap score', () => {
  it('is ln of the smoothed demand share over the smoothed supply share, K = 34 needs', () => {
    expect(GAP_NEEDS).toBe(34);
    // Need A in a region with 10 signal-need pairs and 4 provider-need pairs: 8 of the demand, 1 provider.
    // ln(((8 + 1) / (10 + 34)) / ((1 + 1) / (4 + 34))) = ln((9/44) / (2/38)) = ln(3.886…) = 1.3575
    expect(gapScore({ demand: 8, supply: 1 }, { demand: 10, supply: 4 })).toBeCloseTo(Math.log(9 / 44 / (2 / 38)), 12);
    expect(gapScore({ demand: 8, supply: 1 }, { demand: 10, supply: 4 })).toBeCloseTo(1.35747, 4);
    // Equal smoothed shares: no gap.
    expect(gapScore({ demand: 0, supply: 0 }, { demand: 0, supply: 0 })).toBe(0);
    expect(gapScore({ demand: 1, supply: 1 }, { demand: 1, supply: 1 }, 2)).toBe(0);
    // No provider in the region: supply share 1/K; the need asked for 3 times of 5 scores ln((4/39)/(1/34)).
    expect(gapScore({ demand: 3, supply: 0 }, { demand: 5, supply: 0 })).toBeCloseTo(Math.log((4 / 39) * 34), 12);
  });

  it('takes regional totals over all needs of a region and ranks highest first', () => {
    const scored = gapScores(
      [
        { need: 'b', region: 'R1', demand: 2, supply: 3 },
        { need: 'a', region: 'R1', demand: 8, supply: 1 },
        { need: 'a', region: 'R2', demand: 0, supply: 2 },
      ],
      3,
    );
    expect(scored.map((g) => [g.need, g.region, g.regionDemand, g.regionSupply])).toEqual([
      ['a', 'R1', 10, 4],
      ['a', 'R2', 0, 2],
      ['b', 'R1', 10, 4],
    ]);
    expect(scored[0]?.score).toBeCloseTo(Math.log(9 / 13 / (2 / 7)), 12); // 0.885
    expect(scored[1]?.score).toBeCloseTo(Math.log(1 / 3 / (3 / 5)), 12); // -0.588
    expect(scored[2]?.score).toBeCloseTo(Math.log(3 / 13 / (4 / 7)), 12); // -0.907
  });
});
