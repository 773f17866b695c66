import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createExecutor } from '../graph/executor';
import { seedAll } from '../graph/load';
import { freePort } from '../graph/local-neo4j/free-port';
import { startLocalNeo4j } from '../graph/local-server';
import { migrate } from '../graph/migrations';
import type { CompanyRow, ProductRow } from '../graph/model';
import { generateEcosystem } from '../graph/sample/generate';
import { GraphWriter } from '../graph/write';
import { importListings, OPERATOR } from '../src/use-cases/import';
import { CSV_COLUMNS, csvRows } from '../src/use-cases/import-format';
import { intArg } from './bench/graph';

/**
 * `npm run bench:import -- --companies 10000`: writes the generated ecosystem (graph/sample) as an
 * import CSV (about 10 products per company at 10,000), imports it into a fresh local Neo4j that
 * holds only the taxonomies and needs, then imports it again, and prints for each run the time,
 * rows per second, the outcome counts and the importing process's peak RSS and heap. Each run is
 * a child process of its own, so the peaks are the import's, not the generator's.
 */

const CHILD = '--import-file';

/** One CSV line per company and product, in the columns of README "Import of companies and products". */
function companyCells(c: CompanyRow): Record<string, string> {
  return {
    type: 'company',
    cvr: c.cvr,
    name: c.name,
    legalForm: c.legalForm,
    descriptionDa: c.description.da,
    descriptionEn: c.description.en,
    address: c.address,
    postcode: c.postcode,
    city: c.city,
    municipalityCode: c.municipalityCode,
    website: c.website,
    email: c.email,
    phone: c.phone,
    founded: String(c.founded),
    employees: String(c.employees),
    sizeBand: c.sizeBand,
    languages: c.languages.join(';'),
    customerSizeBands: c.customerSizeBands.join(';'),
    regionsServed: c.regionsServed.join(';'),
    sectorCodes: c.sectorCodes.join(';'),
    competences: c.competences.map((k) => `${k.skillCode}:${k.headcount}`).join(';'),
    certifications: c.certifications
      .map((h) => [h.code, h.validUntil ?? '', h.evidence, h.certificateNumber ?? '', h.issuer ?? ''].join('|'))
      .join(';'),
  };
}

function productCells(p: ProductRow, cvr: string): Record<string, string> {
  return {
    type: 'product',
    cvr,
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    descriptionDa: p.description.da,
    descriptionEn: p.description.en,
    pricingModel: p.pricingModel,
    priceFromDkk: p.priceFromDkk === null ? '' : String(p.priceFromDkk),
    delivery: p.delivery.join(';'),
    languages: p.languages.join(';'),
    smeFit: p.smeFit ? 'ja' : 'nej',
    needSlugs: p.needSlugs.join(';'),
    categoryCodes: p.categoryCodes.join(';'),
    csfCategoryCodes: p.csfCategoryCodes.join(';'),
    regulationCodes: p.regulationCodes.join(';'),
  };
}

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const csvLine = (cells: Record<string, string>) => `${CSV_COLUMNS.map((c) => quote(cells[c] ?? '')).join(',')}\n`;

async function writeCsv(file: string, companies: number): Promise<{ companies: number; products: number }> {
  const ecosystem = generateEcosystem({ companies, seed: 1 });
  const cvrBySlug = new Map(ecosystem.companies.map((c) => [c.slug, c.cvr]));
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${CSV_COLUMNS.join(',')}\n`);
  for (const company of ecosystem.companies) await write(csvLine(companyCells(company)));
  for (const product of ecosystem.products) {
    await write(csvLine(productCells(product, cvrBySlug.get(product.companySlug) as string)));
  }
  out.end();
  await once(out, 'finish');
  return { companies: ecosystem.companies.length, products: ecosystem.products.length };
}

/** The child: one import of the file into the graph named by the environment, its figures as one JSON line. */
async function importOnce(file: string) {
  const executor = createExecutor({
    uri: process.env.BENCH_NEO4J_URI as string,
    user: process.env.BENCH_NEO4J_USER,
    password: process.env.BENCH_NEO4J_PASSWORD,
    database: 'neo4j',
  });
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 100);
  try {
    const started = performance.now();
    const summary = await importListings(
      { executor, writer: new GraphWriter(executor) },
      OPERATOR,
      csvRows(createReadStream(file)),
      { dryRun: false },
    );
    const seconds = (performance.now() - started) / 1000;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    console.log(
      JSON.stringify({
        seconds,
        summary,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
        peakHeapMiB: peakHeap / 2 ** 20,
      }),
    );
  } finally {
    clearInterval(sampler);
    await executor.driver.close();
  }
}

async function main() {
  const companies = intArg('companies', 1_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'cyberkort-bench-import-'));
  const file = path.join(dir, 'import.csv');
  const local = await startLocalNeo4j({ port: await freePort(), dataDir: path.join(dir, 'neo4j') });
  const executor = createExecutor({ uri: local.uri, user: local.user, password: local.password, database: 'neo4j' });
  try {
    const written = await writeCsv(file, companies);
    const { size } = await stat(file);
    console.log(
      `file: ${written.companies} companies, ${written.products} products, ${(size / 2 ** 20).toFixed(1)} MiB of CSV`,
    );
    await migrate(executor);
    await seedAll(executor, { companies: 0 });
    const env = {
      ...process.env,
      BENCH_NEO4J_URI: local.uri,
      BENCH_NEO4J_USER: local.user ?? '',
      BENCH_NEO4J_PASSWORD: local.password ?? '',
    };
    for (const run of ['first', 'second']) {
      const { stdout } = await promisify(execFile)(
        'npx',
        ['tsx', path.join(import.meta.dirname, 'bench-import.ts'), CHILD, file],
        { env, maxBuffer: 16 * 2 ** 20 },
      );
      const figures = JSON.parse(stdout.trim().split('\n').at(-1) as string);
      const { summary } = figures;
      console.log(
        `${run} run: ${figures.seconds.toFixed(1)} s, ${Math.round(summary.rows / figures.seconds)} rows/s — ` +
          `${summary.create} created, ${summary.change} changed, ${summary.unchanged} unchanged, ${summary.refused} refused; ` +
          `peak RSS ${figures.peakRssMiB.toFixed(0)} MiB, peak heap ${figures.peakHeapMiB.toFixed(0)} MiB`,
      );
    }
    const [counts] = await executor.read(
      'bench.counts',
      'RETURN COUNT { MATCH (:Company) } AS companies, COUNT { MATCH (:Product) } AS products, COUNT { MATCH (:AuditEvent) } AS auditEvents',
    );
    console.log(`graph: ${JSON.stringify(counts)} (Neo4j runs in its own JVM)`);
  } finally {
    await executor.driver.close();
    await local.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf(CHILD);
if (childAt >= 0) await importOnce(process.argv[childAt + 1] as string);
else await main();
