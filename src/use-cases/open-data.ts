import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  type FileHandle,
  mkdir,
  open,
  readdir,
  readFile,
  readlink,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Executor } from '../../graph/executor';
import { type OpenDataCompany, readOpenDataCompanies } from '../../graph/open-data';
import {
  companiesCsvHeader,
  companyCsvLine,
  dcatDescription,
  directoryCompany,
  directoryHead,
  ecccHead,
  ecccOrganisation,
  isOpenDataFileName,
  jsonList,
  LICENCE,
  OPEN_DATA_FILES,
  OPEN_DATA_MEDIA_TYPES,
  type OpenDataFileName,
  type PublishedFile,
  productCsvLines,
  productsCsvHeader,
} from './open-data-format';

/**
 * The open-data export: reads the published directory a page at a time, writes the files
 * (open-data-format.ts) as it goes and publishes them in OPEN_DATA_DIR without a reader ever seeing half an export. Each export is
 * written into a temporary folder, renamed to a version folder, and then the `current` symlink is
 * replaced by a rename (atomic on POSIX). Readers (the page, the file URLs) go through `current`.
 */

export interface OpenDataManifest {
  generatedAt: string;
  companies: number;
  products: number;
  licence: { name: string; url: string };
  files: Array<PublishedFile & { mediaType: string }>;
}

const CURRENT = 'current';
const MANIFEST = 'manifest.json';
/** Version folders older than this that `current` does not point at are removed after an export. */
const KEEP_OLD_MS = 10 * 60_000;

const versionName = (at: Date) =>
  `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;

export async function exportOpenData(options: {
  executor: Executor;
  dir: string;
  publicUrl: string;
  now?: Date;
  /** Companies read from the graph at a time (the most the export holds at once). */
  pageSize?: number;
  /** See writeOpenData. */
  pace?: number;
}): Promise<OpenDataManifest> {
  return writeOpenData({ ...options, pages: readOpenDataCompanies(options.executor, options.pageSize) });
}

/** The export from pages of companies in slug order, however they are read. */
export async function writeOpenData(options: {
  pages: AsyncIterable<OpenDataCompany[]>;
  dir: string;
  publicUrl: string;
  now?: Date;
  /**
   * After each page, rest this many times as long as the page took (reading and writing it): the
   * server's own export passes 1, so on a busy machine it takes at most half of what it shares with
   * visitors' requests (at 10,000 companies, flat out, it cut the server's throughput by 85 % for
   * half a minute). 0, the default, runs flat out, as `npm run export` does.
   */
  pace?: number;
}): Promise<OpenDataManifest> {
  const pace = options.pace ?? 0;
  const now = options.now ?? new Date();
  const generatedAt = now.toISOString();
  const { publicUrl } = options;
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true });
  const version = versionName(now);
  const temporary = path.join(dir, `.tmp-${version}`);
  await mkdir(temporary);
  const at = (name: string) => path.join(temporary, name);
  let manifest: OpenDataManifest;
  try {
    // Written page by page as the companies are read, so the export holds one page at a time, not
    // the whole directory (at 10,000 companies, held whole with its files' text, it took the
    // serving process from under 400 MiB to 1.7 GiB for half a minute).
    const closers: Array<() => Promise<unknown>> = [];
    const kept = <T extends { close(): Promise<unknown> }>(file: T): T => {
      closers.push(() => file.close());
      return file;
    };
    const counts = { companies: 0, products: 0 };
    try {
      const directory = kept(await ListFile.open(at(OPEN_DATA_FILES.directory)));
      const eccc = kept(await ListFile.open(at(OPEN_DATA_FILES.eccc)));
      const companiesCsv = kept(await open(at(OPEN_DATA_FILES.companiesCsv), 'w'));
      const productsCsv = kept(await open(at(OPEN_DATA_FILES.productsCsv), 'w'));
      // FileHandle.writeFile writes all of its text from the current position (write may write less).
      await companiesCsv.writeFile(companiesCsvHeader());
      await productsCsv.writeFile(productsCsvHeader());
      let pageStarted = performance.now();
      for await (const page of options.pages) {
        counts.companies += page.length;
        for (const company of page) counts.products += company.products.length;
        await directory.add(page.map((company) => jsonList.item(directoryCompany(company, publicUrl))));
        await eccc.add(page.map((company) => jsonList.item(ecccOrganisation(company, publicUrl))));
        await companiesCsv.writeFile(page.map((company) => companyCsvLine(company, publicUrl)).join(''));
        await productsCsv.writeFile(page.map((company) => productCsvLines(company, publicUrl)).join(''));
        if (pace > 0) await sleep((performance.now() - pageStarted) * pace);
        pageStarted = performance.now();
      }
      await directory.finish(directoryHead(publicUrl, generatedAt, counts), 'companies');
      await eccc.finish(ecccHead(generatedAt), 'organisations');
    } finally {
      // Settled, not all: a failing close must not hide the failure that brought us here.
      await Promise.allSettled(closers.map((close) => close()));
    }
    const sizes = async (names: OpenDataFileName[]): Promise<PublishedFile[]> =>
      Promise.all(names.map(async (name) => ({ name, bytes: (await stat(at(name))).size })));
    const dataFiles = await sizes([
      OPEN_DATA_FILES.directory,
      OPEN_DATA_FILES.companiesCsv,
      OPEN_DATA_FILES.productsCsv,
      OPEN_DATA_FILES.eccc,
    ]);
    await writeFile(
      at(OPEN_DATA_FILES.dcat),
      `${JSON.stringify(dcatDescription({ publicUrl, generatedAt, files: dataFiles }), null, 1)}\n`,
    );
    manifest = {
      generatedAt,
      companies: counts.companies,
      products: counts.products,
      licence: { name: LICENCE.name, url: LICENCE.url },
      files: [...dataFiles, ...(await sizes([OPEN_DATA_FILES.dcat]))].map((file) => ({
        ...file,
        mediaType: OPEN_DATA_MEDIA_TYPES[file.name],
      })),
    };
    await writeFile(at(MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    await rename(temporary, path.join(dir, version));
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  const link = path.join(dir, `.link-${version}`);
  await symlink(version, link);
  await rename(link, path.join(dir, CURRENT));
  await removeOldVersions(dir, now);
  return manifest;
}

/**
 * A JSON file whose last field is a long list (open-data-format.ts jsonList): the items go to a
 * part file as they come, and `finish` writes the file's head (which may count the items), the
 * items and its end. Node's JSON has no streaming writer and this shape is all the export needs.
 */
class ListFile {
  private items = 0;
  private constructor(
    private readonly target: string,
    private readonly part: FileHandle,
  ) {}

  static async open(target: string): Promise<ListFile> {
    return new ListFile(target, await open(`${target}.part`, 'w'));
  }

  async add(items: string[]): Promise<void> {
    if (items.length === 0) return;
    await this.part.writeFile(`${this.items > 0 ? ',\n' : ''}${items.join(',\n')}`);
    this.items += items.length;
  }

  async finish(head: object, key: string): Promise<void> {
    await this.part.close();
    const empty = this.items === 0;
    const file = await open(this.target, 'w');
    try {
      await file.writeFile(jsonList.before(head, key, empty));
      for await (const chunk of createReadStream(`${this.target}.part`)) await file.writeFile(chunk as Buffer);
      await file.writeFile(jsonList.after(empty));
    } finally {
      await file.close();
    }
    await rm(`${this.target}.part`);
  }

  /** Closes the part file if finish did not (after a failure the whole folder is removed). */
  async close(): Promise<void> {
    await this.part.close().catch(() => undefined);
  }
}

async function removeOldVersions(dir: string, now: Date) {
  const current = await readlink(path.join(dir, CURRENT)).catch(() => null);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === CURRENT || entry.name === current) continue;
    const full = path.join(dir, entry.name);
    const info = await stat(full).catch(() => null);
    if (!info || now.getTime() - info.mtimeMs < KEEP_OLD_MS) continue;
    if (entry.isDirectory() || entry.isSymbolicLink()) await rm(full, { recursive: true, force: true });
  }
}

/** The current export's manifest, or null before the first export. */
export async function readOpenDataManifest(dir: string): Promise<OpenDataManifest | null> {
  try {
    return JSON.parse(await readFile(path.join(path.resolve(dir), CURRENT, MANIFEST), 'utf8')) as OpenDataManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** One file of the current export by its public name; null for an unknown name or before the first export. */
export async function readOpenDataFile(
  dir: string,
  name: string,
): Promise<{ body: Buffer; mediaType: string; name: OpenDataFileName } | null> {
  if (!isOpenDataFileName(name)) return null;
  try {
    const body = await readFile(path.join(path.resolve(dir), CURRENT, name));
    return { body, mediaType: OPEN_DATA_MEDIA_TYPES[name], name };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The nightly export runs at this hour (UTC): 02:00 or 03:00 in Denmark, when hardly anyone searches. */
export const NIGHTLY_EXPORT_HOUR_UTC = 1;

/** Milliseconds from `now` to the next nightly run (always in the future, at most a day away). */
export function msUntilNightlyExport(now: Date, hourUtc = NIGHTLY_EXPORT_HOUR_UTC): number {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

/** Whether the export in `dir` is missing or older than a day, so a (re)started server should write one soon. */
export async function openDataIsStale(dir: string, now: Date): Promise<boolean> {
  const manifest = await readOpenDataManifest(dir).catch(() => null);
  return manifest === null || now.getTime() - Date.parse(manifest.generatedAt) > 24 * 60 * 60_000;
}
