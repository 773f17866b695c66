import type { Text } from './model';

/**
 * Numbers and money as each language's readers write them. The ranking rules' texts (graph) and the
 * site (src) both format through here, so "4.995 kr." reads the same on every page.
 */

/** Intl locales of the two text languages: Danish digit grouping for Danish text, British for English. */
export const INTL_LOCALES: Readonly<Record<keyof Text, string>> = { da: 'da-DK', en: 'en-GB' };

function formatters(maximumFractionDigits: number): Record<keyof Text, Intl.NumberFormat> {
  return {
    da: new Intl.NumberFormat(INTL_LOCALES.da, { maximumFractionDigits }),
    en: new Intl.NumberFormat(INTL_LOCALES.en, { maximumFractionDigits }),
  };
}

const WHOLE = formatters(0);
const POINTS = formatters(2);

/** Counts and amounts, rounded to whole numbers. */
export function formatNumber(locale: keyof Text, value: number): string {
  return WHOLE[locale].format(value);
}

/** Points keep their decimals (16,67): rounding would hide why two providers are ranked apart. */
export function formatPoints(locale: keyof Text, points: number): string {
  return POINTS[locale].format(points);
}

/** Danish readers expect "4.995 kr.", English readers "DKK 4,995". */
export function formatDkk(locale: keyof Text, amount: number): string {
  const number = formatNumber(locale, amount);
  return locale === 'da' ? `${number} kr.` : `DKK ${number}`;
}
