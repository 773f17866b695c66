/**
 * Every string the site shows, Danish first. Each feature keeps its texts beside its code
 * (src/features/<feature>/messages.ts); site-wide texts and the labels of the closed lists live
 * in ./messages. Each table types its English against its Danish, so a key missing in either
 * language fails the type check (and the test in i18n.test.ts).
 * `{name}` marks a value filled in by `t()`; keys ending in `.one` / `.other` are plural forms.
 * The Danish is written for a business owner without security staff: everyday words, no jargon.
 */
import { aboutMessages } from '../features/about/messages';
import { analyticsMessages } from '../features/analytics/messages';
import { apiDocsMessages } from '../features/api-docs/messages';
import { auditMessages } from '../features/audit/messages';
import { authMessages } from '../features/auth/messages';
import { companyMessages } from '../features/company/messages';
import { confirmationMessages } from '../features/confirmation/messages';
import { homeMessages } from '../features/home/messages';
import { importMessages } from '../features/import/messages';
import { matchMessages } from '../features/match/messages';
import { myDataMessages } from '../features/my-data/messages';
import { openDataMessages } from '../features/open-data/messages';
import { portalMessages } from '../features/portal/messages';
import { productMessages } from '../features/product/messages';
import { rankingMessages } from '../features/ranking/messages';
import { reviewMessages } from '../features/review/messages';
import { searchMessages } from '../features/search/messages';
import { staffAdminMessages } from '../features/staff-admin/messages';
import { statisticsMessages } from '../features/statistics/messages';
import { commonMessages } from './messages/common';
import { vocabularyMessages } from './messages/vocabulary';

const TABLES = [
  commonMessages,
  vocabularyMessages,
  homeMessages,
  searchMessages,
  companyMessages,
  productMessages,
  aboutMessages,
  matchMessages,
  rankingMessages,
  authMessages,
  reviewMessages,
  importMessages,
  confirmationMessages,
  auditMessages,
  myDataMessages,
  portalMessages,
  staffAdminMessages,
  openDataMessages,
  analyticsMessages,
  statisticsMessages,
  apiDocsMessages,
] as const;

type KeysOf<Table> = Table extends { da: infer Da } ? keyof Da : never;
export type MessageKey = KeysOf<(typeof TABLES)[number]>;

/** One language's tables as one; a key in two tables is refused, where a spread would silently keep the last. */
function merge(locale: 'da' | 'en'): Record<MessageKey, string> {
  const merged: Record<string, string> = {};
  for (const table of TABLES) {
    for (const [key, text] of Object.entries(table[locale])) {
      if (key in merged) throw new Error(`message key ${key} is defined in two tables`);
      merged[key] = text;
    }
  }
  return merged as Record<MessageKey, string>;
}

export const dictionary: Record<'da' | 'en', Record<MessageKey, string>> = { da: merge('da'), en: merge('en') };
