/**
 * Benchmark of the embedded search engine: builds an index of N synthetic, deterministic listings (Danish and
 * English texts, realistic facet code lists), then runs a fixed mix of ~200 queries (plain words, typos, synonyms,
 * inflections, compounds, multi-word, filters, sorts, browsing) and prints build time, heap and latency percentiles.
 *
 *   npm run bench:search -- --docs 110000 [--queries 200] [--seed 1]
 *
 * Heap figures are most accurate with a forced GC: `npx tsx --expose-gc scripts/bench-search.ts`.
 *
 * Latency percentiles are wall-clock time per query. On a machine shared with other work the wall-clock tail also
 * measures the scheduler, so the load average is printed, and so is the main thread's CPU time: for the build, and
 * as a mean per query class (the kernel accounts CPU time in scheduler ticks, too coarse for one query's percentile
 * but exact enough summed over a class).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createEmbeddedEngine } from '../search/embedded';
import type { SearchDocument, SearchRequest } from '../search/types';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '1800' },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
  },
});
const DOCS = Number(args.docs);
const QUERIES = Number(args.queries);
if (!Number.isInteger(DOCS) || DOCS < 1 || !Number.isInteger(QUERIES) || QUERIES < 1) {
  throw new Error('--docs and --queries must be positive integers');
}

/** mulberry32: small, fast and deterministic, so every run indexes and queries the same data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(Number(args.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const some = <T>(items: readonly T[], max: number): T[] => {
  const count = 1 + Math.floor(random() * max);
  return [...new Set(Array.from({ length: count }, () => pick(items)))];
};

const SERVICES_DA = [
  'penetrationstest',
  'sårbarhedsscanning',
  'døgnovervågning',
  'netværksovervågning',
  'sikkerhedskopiering',
  'gendannelse',
  'hændelseshåndtering',
  'beredskabsplan',
  'awareness-træning',
  'phishing-simulering',
  'kryptering',
  'firewall',
  'netværkssikkerhed',
  'adgangsstyring',
  'to-faktor',
  'risikovurdering',
  'sikkerhedspolitik',
  'it-revision',
  'GDPR-rådgivning',
  'NIS2-parathed',
  'ISO 27001',
  'D-mærket',
  'cloudsikkerhed',
  'endpointbeskyttelse',
  'logovervågning',
  'mailsikkerhed',
  'DDoS-beskyttelse',
  'cyberforsikring',
  'vCISO',
  'sikkerhedsrådgivning',
];
const SERVICES_EN = [
  'penetration testing',
  'vulnerability scanning',
  'managed detection',
  'backup',
  'restore',
  'incident response',
  'security awareness',
  'phishing',
  'encryption',
  'firewall',
  'network security',
  'access management',
  'MFA',
  'risk assessment',
  'security policy',
  'audit',
  'data protection',
  'NIS2',
  'ISO 27001',
  'cloud security',
  'EDR',
  'SIEM',
  'email security',
  'DDoS',
  'cyber insurance',
  'virtual CISO',
  'consulting',
  'SOC',
];
const FILLER_DA = [
  'vi hjælper små og mellemstore virksomheder',
  'med fast pris',
  'i hele Danmark',
  'med danske konsulenter',
  'til kommuner og regioner',
  'for produktionsvirksomheder',
  'med rapport på dansk',
  'døgnet rundt',
  'uden binding',
  'for advokater og revisorer',
  'til sundhedssektoren',
  'med hurtig opstart',
];
const FILLER_EN = [
  'for small and medium-sized businesses',
  'at a fixed price',
  'across Denmark',
  'with Danish consultants',
  'for the public sector',
  'around the clock',
  'with reports in English',
  'without lock-in',
];
const NAME_PARTS = [
  'Nord',
  'Syd',
  'Vest',
  'Øst',
  'Fyr',
  'Skjold',
  'Vagt',
  'Lys',
  'Havn',
  'Bro',
  'Fjord',
  'Klint',
  'Mose',
  'Eng',
  'Skov',
  'Data',
  'Cyber',
  'Sikker',
  'Net',
  'Digi',
  'Borg',
  'Tårn',
  'Værn',
  'Ring',
  'Kyst',
  'Klar',
  'Fast',
  'Tryg',
  'Værk',
];
const SUFFIXES = ['ApS', 'A/S', 'IT', 'Security', 'Sikkerhed', 'Consult', 'Partners', 'Group'];
const REGIONS = ['hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland', 'nordjylland'];
const MUNICIPALITIES = Array.from({ length: 98 }, (_, i) => `kommune-${String(i + 101)}`);
const NEEDS = Array.from({ length: 36 }, (_, i) => `need-${i + 1}`);
const CATEGORIES = Array.from({ length: 48 }, (_, i) => `category-${i + 1}`);
const CSF = ['govern', 'identify', 'protect', 'detect', 'respond', 'recover'];
const CERTIFICATIONS = ['iso-27001', 'd-maerket', 'soc2', 'crest', 'iso-9001', 'cyber-essentials'];
const SIZE_BANDS = ['1-9', '10-49', '50-249', '250+'];
const LANGUAGES = ['da', 'en', 'de'];

function sentence(parts: readonly string[], fillers: readonly string[]): string {
  return `${some(parts, 3).join(', ')} ${pick(fillers)}.`;
}

function generateDocuments(count: number): SearchDocument[] {
  const docs: SearchDocument[] = [];
  let company: SearchDocument | undefined;
  for (let i = 0; i < count; i += 1) {
    // Roughly one company per five listings; products inherit where their company is.
    if (company === undefined || random() < 0.2) {
      const name = `${pick(NAME_PARTS)}${pick(NAME_PARTS).toLowerCase()} ${pick(SUFFIXES)}`;
      const slug = `c${i}`;
      company = {
        id: `company:${slug}`,
        kind: 'company',
        slug,
        name,
        companySlug: slug,
        companyName: name,
        descriptionDa: `${sentence(SERVICES_DA, FILLER_DA)} ${sentence(SERVICES_DA, FILLER_DA)}`,
        descriptionEn: sentence(SERVICES_EN, FILLER_EN),
        keywords: some(SERVICES_DA, 4),
        needs: some(NEEDS, 4),
        categories: some(CATEGORIES, 3),
        csfFunctions: some(CSF, 3),
        certifications: random() < 0.5 ? some(CERTIFICATIONS, 2) : [],
        regions: some(REGIONS, 2),
        municipalities: some(MUNICIPALITIES, 2),
        sizeBand: pick(SIZE_BANDS),
        languages: some(LANGUAGES, 2),
        priceFrom: null,
        smeFit: random() < 0.7,
        updatedAt: Date.UTC(2024, 0, 1) + Math.floor(random() * 7e10),
      };
      docs.push(company);
      continue;
    }
    const service = pick(SERVICES_DA);
    const slug = `p${i}`;
    docs.push({
      ...company,
      id: `product:${slug}`,
      kind: 'product',
      slug,
      name: `${service} ${pick(['Basis', 'Pro', 'Plus', 'SMV', '24/7', 'Start'])}`,
      descriptionDa: `${sentence([service, ...some(SERVICES_DA, 2)], FILLER_DA)} ${sentence(SERVICES_DA, FILLER_DA)}`,
      descriptionEn: sentence(SERVICES_EN, FILLER_EN),
      keywords: some(SERVICES_DA, 3),
      needs: some(NEEDS, 3),
      categories: some(CATEGORIES, 2),
      csfFunctions: some(CSF, 2),
      priceFrom: random() < 0.8 ? Math.round(random() * 200) * 250 : null,
      smeFit: random() < 0.6,
      updatedAt: Date.UTC(2024, 0, 1) + Math.floor(random() * 7e10),
    });
  }
  return docs;
}

/** One deterministic typo: swap, drop or replace a letter in the middle of the word. */
function typo(word: string): string {
  const i = 1 + Math.floor(random() * Math.max(word.length - 2, 1));
  const kind = Math.floor(random() * 3);
  if (kind === 0 && i + 1 < word.length) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  return `${word.slice(0, i)}${pick(['e', 'a', 'r', 's'])}${word.slice(i + 1)}`;
}

interface BenchQuery {
  kind: string;
  request: SearchRequest;
}

function generateQueries(count: number): BenchQuery[] {
  const plain = ['penetrationstest', 'firewall', 'backup', 'phishing', 'kryptering', 'awareness', 'revision', 'cloud'];
  const typos = ['penetrationstest', 'sårbarhedsscanning', 'overvågning', 'sikkerhedskopiering', 'firewall', 'backup'];
  const synonyms = ['pentest', 'hacket', 'ransomware', 'mfa', 'soc', 'gdpr', 'sikkerhedschef', 'restore'];
  const inflected = ['overvågningen', 'sikkerhedskopier', 'virksomheder', 'konsulenter', 'kurser', 'netværket'];
  const compounds = ['overvågning', 'sikkerhed', 'scanning', 'beskyttelse', 'håndtering', 'test'];
  const multi = [
    'penetrationstest fast pris',
    'backup til kommuner',
    'incident response døgnet rundt',
    'iso 27001 rådgivning',
  ];
  const queries: BenchQuery[] = [];
  const filters = (): SearchRequest['filters'] => {
    const roll = random();
    if (roll < 0.4) return undefined;
    if (roll < 0.6) return { regions: some(REGIONS, 2) };
    if (roll < 0.8) return { regions: [pick(REGIONS)], needs: some(NEEDS, 3), smeFit: true };
    return { maxPrice: 10_000 + Math.floor(random() * 40_000), kind: ['product'] };
  };
  const sorts = ['relevance', 'relevance', 'relevance', 'name', 'priceAsc', 'newest'] as const;
  for (let i = 0; i < count; i += 1) {
    const roll = i % 8;
    const [kind, query] =
      roll === 0
        ? ['plain', pick(plain)]
        : roll === 1
          ? ['typo', typo(pick(typos))]
          : roll === 2
            ? ['synonym', pick(synonyms)]
            : roll === 3
              ? ['inflection', pick(inflected)]
              : roll === 4
                ? ['compound', pick(compounds)]
                : roll === 5
                  ? ['multi-word', pick(multi)]
                  : roll === 6
                    ? ['prefix', pick(plain).slice(0, 3 + Math.floor(random() * 3))]
                    : ['browse', ''];
    queries.push({
      kind,
      request: { query, filters: filters(), sort: pick(sorts), limit: 20, offset: random() < 0.2 ? 20 : 0 },
    });
  }
  return queries;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** CPU time of the main thread in milliseconds (user + system). */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

const mean = (list: readonly number[]): number => list.reduce((sum, value) => sum + value, 0) / list.length;

function summary(list: number[]): string {
  const sorted = [...list].sort((a, b) => a - b);
  const fmt = (ms: number) => ms.toFixed(2).padStart(8);
  return `p50 ${fmt(percentile(sorted, 50))}  p95 ${fmt(percentile(sorted, 95))}  p99 ${fmt(percentile(sorted, 99))}`;
}

async function main(): Promise<void> {
  const documents = generateDocuments(DOCS);
  const queries = generateQueries(QUERIES);
  const heapBefore = heapMb();
  const loadBefore = loadavg()[0] ?? Number.NaN;

  const engine = createEmbeddedEngine();
  const buildStarted = performance.now();
  const buildCpuStarted = threadCpuMs();
  await engine.replaceAll(documents);
  const buildMs = performance.now() - buildStarted;
  const buildCpuMs = threadCpuMs() - buildCpuStarted;
  const heapAfter = heapMb();

  // One warm-up pass so that the figures describe a running server, not JIT compilation.
  for (const { request } of queries) await engine.search(request);

  const timings: number[] = [];
  const cpuTimings: number[] = [];
  const byKind = new Map<string, { wall: number[]; cpu: number[] }>();
  let totalHits = 0;
  for (const { kind, request } of queries) {
    const started = performance.now();
    const cpuStarted = threadCpuMs();
    const result = await engine.search(request);
    const cpu = threadCpuMs() - cpuStarted;
    const ms = performance.now() - started;
    timings.push(ms);
    cpuTimings.push(cpu);
    totalHits += result.total;
    const list = byKind.get(kind) ?? { wall: [], cpu: [] };
    list.wall.push(ms);
    list.cpu.push(cpu);
    byKind.set(kind, list);
  }
  const loadAfter = loadavg()[0] ?? Number.NaN;

  console.log(
    `embedded search benchmark (Node ${process.versions.node}, gc ${'gc' in globalThis ? 'forced' : 'not exposed'}, ` +
      `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} on ${navigator.hardwareConcurrency} cores)`,
  );
  console.log(`documents            ${documents.length}`);
  console.log(
    `index build          ${buildMs.toFixed(0)} ms wall, ${buildCpuMs.toFixed(0)} ms CPU (${((documents.length / buildMs) * 1000).toFixed(0)} docs/s)`,
  );
  console.log(
    `heap used            ${heapAfter.toFixed(1)} MB total, ${(heapAfter - heapBefore).toFixed(1)} MB for the index`,
  );
  console.log(`queries              ${timings.length} (mean total ${(totalHits / timings.length).toFixed(0)} matches)`);
  console.log(`search wall ms       ${summary(timings)}  max ${Math.max(...timings).toFixed(2)}`);
  console.log(`search CPU ms        mean ${mean(cpuTimings).toFixed(2).padStart(8)}`);
  for (const [kind, list] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `  ${kind.padEnd(12)} n=${String(list.wall.length).padStart(3)}  ${summary(list.wall)}  CPU mean ${mean(list.cpu).toFixed(2).padStart(6)} ms`,
    );
  }
  await engine.close();
}

await main();
