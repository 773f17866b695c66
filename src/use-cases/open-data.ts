import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '../../graph/executor';
import { type OpenDataCompany, readOpenDataCompanies } from '../../graph/open-data';
import {
  companiesCsv,
  dcatDescription,
  directoryJson,
  ecccAtlas,
  isOpenDataFileName,
  LICENCE,
  OPEN_DATA_FILES,
  OPEN_DATA_MEDIA_TYPES,
  type OpenDataFileName,
  type PublishedFile,
  productsCsv,
} from './open-data-format';

/**
 * The open-data export: reads the published directory, builds the files (open-data-format.ts) and
 * publishes them in OPEN_DATA_DIR without a reader ever seeing half an export. Each export is
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
}): Promise<OpenDataManifest> {
  const now = options.now ?? new Date();
  const generatedAt = now.toISOString();
  const companies: OpenDataCompany[] = [];
  for await (const page of readOpenDataCompanies(options.executor)) companies.push(...page);

  const bodies = new Map<OpenDataFileName, string>([
    [
      OPEN_DATA_FILES.directory,
      `${JSON.stringify(directoryJson(companies, options.publicUrl, generatedAt), null, 1)}\n`,
    ],
    [OPEN_DATA_FILES.companiesCsv, companiesCsv(companies, options.publicUrl)],
    [OPEN_DATA_FILES.productsCsv, productsCsv(companies, options.publicUrl)],
    [OPEN_DATA_FILES.eccc, `${JSON.stringify(ecccAtlas(companies, options.publicUrl, generatedAt), null, 1)}\n`],
  ]);
  const sizes = (): PublishedFile[] =>
    [...bodies].map(([name, body]) => ({ name, bytes: Buffer.byteLength(body, 'utf8') }));
  bodies.set(
    OPEN_DATA_FILES.dcat,
    `${JSON.stringify(dcatDescription({ publicUrl: options.publicUrl, generatedAt, files: sizes() }), null, 1)}\n`,
  );
  const manifest: OpenDataManifest = {
    generatedAt,
    companies: companies.length,
    products: companies.reduce((sum, company) => sum + company.products.length, 0),
    licence: { name: LICENCE.name, url: LICENCE.url },
    files: sizes().map((file) => ({ ...file, mediaType: OPEN_DATA_MEDIA_TYPES[file.name] })),
  };
  await publish(path.resolve(options.dir), bodies, manifest, now);
  return manifest;
}

async function publish(dir: string, bodies: Map<string, string>, manifest: OpenDataManifest, now: Date) {
  await mkdir(dir, { recursive: true });
  const version = versionName(now);
  const temporary = path.join(dir, `.tmp-${version}`);
  await mkdir(temporary);
  try {
    for (const [name, body] of bodies) await writeFile(path.join(temporary, name), body);
    await writeFile(path.join(temporary, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    await rename(temporary, path.join(dir, version));
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  const link = path.join(dir, `.link-${version}`);
  await symlink(version, link);
  await rename(link, path.join(dir, CURRENT));
  await removeOldVersions(dir, now);
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
