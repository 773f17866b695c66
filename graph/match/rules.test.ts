import { describe, expect, it } from 'vitest';
import { budgetLimit, criterionRules, RANKING_RULES } from './rules';

describe('RANKING_RULES', () => {
  it('gives at most 100 points, split over the criteria in page order', () => {
    const rules = criterionRules();
    expect(rules.map((rule) => rule.criterion)).toEqual([
      'needs',
      'certifications',
      'distance',
      'sector',
      'smeFit',
      'price',
    ]);
    expect(rules.map((rule) => rule.max)).toEqual([50, 10, 12, 8, 12, 8]);
    expect(RANKING_RULES.totalMax).toBe(100);
    expect(rules.reduce((sum, rule) => sum + rule.max, 0)).toBe(RANKING_RULES.totalMax);
  });

  it('keeps each maximum equal to the best tier, so the page and the code agree', () => {
    const { distance, smeFit, price, sector, certifications } = RANKING_RULES.criteria;
    expect(distance.max).toBe(Math.max(distance.sameMunicipality, distance.sameRegion, distance.servesRegion));
    expect(smeFit.max).toBe(smeFit.smeFitProduct + smeFit.servesSizeBand + smeFit.speaksLanguage);
    expect(price.max).toBe(Math.max(price.withinBudget, price.onRequest, price.aboveBudget));
    expect(sector.max).toBe(sector.experienced);
    expect(certifications.verified).toBeGreaterThan(certifications.unverifiedOrStale);
  });

  it('states the numbers the code uses in both languages', () => {
    const { distance } = RANKING_RULES.criteria;
    for (const text of [distance.description.da, distance.description.en]) {
      for (const points of [
        distance.sameMunicipality,
        distance.sameRegion,
        distance.servesRegion,
        distance.remoteDelivery,
      ]) {
        expect(text).toContain(`${points} point`);
      }
    }
    expect(RANKING_RULES.criteria.certifications.description.da).toContain('2,5 point');
    expect(RANKING_RULES.criteria.certifications.description.en).toContain('2.5 points');
    for (const rule of criterionRules()) {
      expect(rule.description.da).toContain(`${rule.max} point`);
      expect(rule.description.en).toContain(`${rule.max} points`);
    }
  });

  it('names the budget bands with their limits', () => {
    expect(RANKING_RULES.budgetBands.map(({ band, maxDkk }) => [band, maxDkk])).toEqual([
      ['small', 10_000],
      ['medium', 50_000],
      ['large', 250_000],
      ['any', null],
    ]);
    expect(RANKING_RULES.budgetBands[0]?.label).toEqual({ da: 'Op til 10.000 kr.', en: 'Up to DKK 10,000' });
    expect(budgetLimit(null)).toBeNull();
    expect(budgetLimit('medium')).toBe(50_000);
  });

  it('explains ties without any order by name or payment', () => {
    expect(RANKING_RULES.ties.description.da).toContain('hver dag');
    expect(RANKING_RULES.neutrality.da).toContain('betale');
  });
});
