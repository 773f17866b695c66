import type { Locale } from '../../i18n';
import { UNSUBSCRIBE_PATHS } from '../../use-cases/confirmation';

/** The confirmation's and the unsubscribe link's pages, in each language. */
export const CONFIRM_PATHS = { da: '/mine-sider/bekraeft', en: '/en/my-pages/confirm' } as const;

export const confirmPath = (locale: Locale): string => CONFIRM_PATHS[locale];
export const unsubscribePath = (locale: Locale, token?: string | null): string =>
  token ? `${UNSUBSCRIBE_PATHS[locale]}?token=${encodeURIComponent(token)}` : UNSUBSCRIBE_PATHS[locale];
