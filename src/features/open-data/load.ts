import { INTL_LOCALES } from '../../../graph/format';
import type { Locale } from '../../i18n';
import { type OpenDataManifest, readOpenDataFile, readOpenDataManifest } from '../../use-cases/open-data';
import { OPEN_DATA_FILES, type OpenDataFileName } from '../../use-cases/open-data-format';

/**
 * The open-data page and its files. The page lists what the current export holds; the files are
 * served at /aaben-data/<name> (the same for both languages) with their own content types, and
 * answer 404 (the site's page) before the first export or for a name that is not one of them.
 */

/** The files in the order the page lists them: the data first, the description last. */
export const LISTED_FILES: OpenDataFileName[] = [
  OPEN_DATA_FILES.directory,
  OPEN_DATA_FILES.companiesCsv,
  OPEN_DATA_FILES.productsCsv,
  OPEN_DATA_FILES.eccc,
  OPEN_DATA_FILES.dcat,
];

export const formatOf = (name: OpenDataFileName): string =>
  name.endsWith('.csv') ? 'CSV' : name.endsWith('.jsonld') ? 'JSON-LD' : 'JSON';

/** A file size in kB or MB, in the reader's number format. */
export function formatBytes(locale: Locale, bytes: number): string {
  const number = (value: number) =>
    new Intl.NumberFormat(INTL_LOCALES[locale], { maximumFractionDigits: 1 }).format(value);
  if (bytes < 1000) return `${number(bytes)} B`;
  if (bytes < 1_000_000) return `${number(bytes / 1000)} kB`;
  return `${number(bytes / 1_000_000)} MB`;
}

export async function loadOpenDataPage(locals: App.Locals): Promise<OpenDataManifest | null> {
  return readOpenDataManifest(locals.services.config.OPEN_DATA_DIR);
}

export async function openDataDownload(context: { locals: App.Locals; params: Record<string, string | undefined> }) {
  const file = await readOpenDataFile(context.locals.services.config.OPEN_DATA_DIR, context.params.file ?? '');
  // An empty 404 from a page lets Astro answer with the site’s 404 page (src/pages/404.astro).
  if (!file) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      'content-type': file.mediaType,
      'content-disposition': `inline; filename="${file.name}"`,
      // The files change once a night; an hour keeps caches close to the current export.
      'cache-control': 'public, max-age=3600',
      'access-control-allow-origin': '*',
    },
  });
}
