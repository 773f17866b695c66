import { describe, expect, it } from 'vitest';
import { dictionary, type MessageKey } from './dictionary';
import { formatDate, formatDkk, formatPrice, localeFrom, pick, t, tp } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionary', () => {
  const danishKeys = Object.keys(dictionary.da).sort();
  const englishKeys = Object.keys(dictionary.en).sort();

  it('has the same keys in Danish and English', () => {
    expect(englishKeys).toEqual(danishKeys);
  });

  it('has a non-empty text for every key in both languages', () => {
    for (const locale of ['da', 'en'] as const) {
      const empty = Object.entries(dictionary[locale]).filter(([, text]) => text.trim() === '');
      expect(empty, `empty ${locale} texts`).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of danishKeys as MessageKey[]) {
      expect(placeholders(dictionary.en[key]), key).toEqual(placeholders(dictionary.da[key]));
    }
  });

  it('has both plural forms wherever one exists', () => {
    for (const key of danishKeys) {
      if (key.endsWith('.one')) expect(danishKeys, key).toContain(key.replace(/\.one$/, '.other'));
      if (key.endsWith('.other')) expect(danishKeys, key).toContain(key.replace(/\.other$/, '.one'));
    }
  });
});

describe('t and tp', () => {
  it('fills in values and leaves unknown placeholders visible', () => {
    expect(t('da', 'search.page', { page: 3 })).toBe('Side 3');
    expect(t('en', 'search.page', { page: 3 })).toBe('Page 3');
    expect(t('en', 'search.page')).toBe('Page {page}');
  });

  it('chooses the plural form and formats the count', () => {
    expect(tp('da', 'search.count', 1)).toBe('1 resultat');
    expect(tp('da', 'search.count', 0)).toBe('0 resultater');
    expect(tp('da', 'search.count', 1234)).toBe('1.234 resultater');
    expect(tp('en', 'search.count', 1234)).toBe('1,234 results');
  });
});

describe('localeFrom', () => {
  it('treats everything but English as Danish', () => {
    expect(localeFrom('en')).toBe('en');
    expect(localeFrom('da')).toBe('da');
    expect(localeFrom(undefined)).toBe('da');
    expect(localeFrom('de')).toBe('da');
  });
});

describe('pick', () => {
  it('takes the page language and falls back to the other one, saying which it used', () => {
    expect(pick({ da: 'Hej', en: 'Hello' }, 'en')).toEqual({ text: 'Hello', lang: 'en' });
    expect(pick({ da: 'Hej', en: '  ' }, 'en')).toEqual({ text: 'Hej', lang: 'da' });
    expect(pick(null, 'da')).toEqual({ text: '', lang: 'en' });
  });
});

describe('formatting', () => {
  it('writes prices the way each language expects', () => {
    expect(formatDkk('da', 4995)).toBe('4.995 kr.');
    expect(formatDkk('en', 4995)).toBe('DKK 4,995');
    expect(formatPrice('da', 1500)).toBe('Fra 1.500 kr.');
    expect(formatPrice('en', null)).toBe('Price on request');
  });

  it('formats calendar dates without shifting the day', () => {
    expect(formatDate('da', '2025-03-01')).toBe('1. marts 2025');
    expect(formatDate('en', '2025-03-01')).toBe('1 March 2025');
    expect(formatDate('en', null)).toBeNull();
    expect(formatDate('en', 'not a date')).toBeNull();
  });
});
