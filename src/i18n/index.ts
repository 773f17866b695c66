import { formatDkk, formatNumber, INTL_LOCALES } from '../../graph/format';
import { dictionary, type MessageKey } from './dictionary';

export { formatDkk, formatNumber, formatPoints } from '../../graph/format';
export type { MessageKey } from './dictionary';

export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'da';

/** `Astro.currentLocale` is a plain string (and undefined outside i18n routes); anything not English is Danish. */
export function localeFrom(value: string | undefined): Locale {
  return value === 'en' ? 'en' : DEFAULT_LOCALE;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'da' ? 'en' : 'da';
}

type Vars = Record<string, string | number>;

function fill(template: string, vars: Vars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = vars[name];
    return value === undefined ? match : String(value);
  });
}

export function t(locale: Locale, key: MessageKey, vars?: Vars): string {
  return fill(dictionary[locale][key], vars);
}

/** Base keys that have `.one` and `.other` forms. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

const pluralRules: Record<Locale, Intl.PluralRules> = {
  da: new Intl.PluralRules('da-DK'),
  en: new Intl.PluralRules('en-GB'),
};

/** Plural text with `{count}` filled in (formatted with the locale's digit grouping). */
export function tp(locale: Locale, key: PluralKey, count: number, vars?: Vars): string {
  const form = pluralRules[locale].select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${key}.${form}` as MessageKey, { ...vars, count: formatNumber(locale, count) });
}

export interface Picked {
  text: string;
  /** The language the text is actually in; differs from the page's when we fall back. */
  lang: Locale;
}

/** Picks the page language from a bilingual `{ da, en }` field, falling back to the other language when empty. */
export function pick(text: { da: string; en: string } | null | undefined, locale: Locale): Picked {
  const wanted = text?.[locale]?.trim();
  if (wanted) return { text: wanted, lang: locale };
  const other = otherLocale(locale);
  return { text: text?.[other]?.trim() ?? '', lang: other };
}

/** Shorthand when the fallback language does not need marking (labels, names). */
export function label(text: { da: string; en: string } | null | undefined, locale: Locale): string {
  return pick(text, locale).text;
}

export function formatPrice(locale: Locale, priceFromDkk: number | null): string {
  return priceFromDkk === null
    ? t(locale, 'price.onRequest')
    : t(locale, 'price.from', { price: formatDkk(locale, priceFromDkk) });
}

/** Formats an ISO date (or date-time); dates in the graph are calendar dates, so UTC keeps the day unchanged. */
export function formatDate(locale: Locale, iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(INTL_LOCALES[locale], { style: 'long', type: 'conjunction' }).format(items);
}

/** Sorts by a label in the reader's alphabet (Danish puts æ, ø, å last). */
export function compareLabels(locale: Locale): (a: string, b: string) => number {
  const collator = new Intl.Collator(INTL_LOCALES[locale]);
  return (a, b) => collator.compare(a, b);
}
