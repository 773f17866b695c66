import { describe, expect, it } from 'vitest';
import { TAXONOMIES } from './data/taxonomies';
import { RANKING_RULES } from './match/rules';
import { BUDGET_BANDS, COMPLIANCE_DRIVERS, isOneOf, SIZE_BANDS } from './vocabulary';

describe('vocabulary', () => {
  it('names only regulations the taxonomies hold as compliance drivers', () => {
    const regulations = TAXONOMIES.regulations.map((regulation) => regulation.code);
    expect(COMPLIANCE_DRIVERS.filter((driver) => !regulations.includes(driver))).toEqual([]);
  });

  it('gives every budget band a limit and a label in the ranking rules', () => {
    expect(RANKING_RULES.budgetBands.map(({ band }) => band)).toEqual([...BUDGET_BANDS]);
    for (const { label } of RANKING_RULES.budgetBands) expect(label.da && label.en).toBeTruthy();
  });

  it('narrows only values of the list', () => {
    expect(isOneOf(SIZE_BANDS, 'micro')).toBe(true);
    expect(isOneOf(SIZE_BANDS, 'huge')).toBe(false);
  });
});
