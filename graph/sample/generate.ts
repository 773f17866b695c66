import { cvrFromSeed } from '../cvr';
import { NEEDS } from '../data/needs';
import { TAXONOMIES } from '../data/taxonomies';
import type {
  CertificationHeld,
  CompanyRow,
  Delivery,
  Ecosystem,
  Language,
  NeedRow,
  PricingModel,
  ProductKind,
  ProductRow,
  SizeBand,
} from '../model';
import { slugify } from '../slug';
import { SIZE_BANDS } from '../vocabulary';
import { MUNICIPALITY_WEIGHT, POSTAL_TOWN, REGION_POPULATION, STREETS } from './places';
import { Random } from './random';
import { describeCompany, describeProduct } from './text';
import {
  CATEGORY_STYLE,
  CLUSTERS,
  type Cluster,
  type ClusterId,
  KIND_PRICE,
  LEGAL_FORMS,
  NAME_FIRST,
  NAME_SECOND,
  NAME_TIERS,
  PRODUCT_PRICING,
  SECTOR_WEIGHT,
} from './words';

/**
 * The deterministic, clearly fictional sample ecosystem: companies on the reserved .example
 * domain, phone numbers in the unused +45 00 range, `sample: true`, valid and unique CVR
 * numbers that are drawn from the seed. Same options, same output — no Math.random and no
 * clock: dates are relative to a reference date (SAMPLE_REFERENCE_DATE unless given).
 */

export const SAMPLE_REFERENCE_DATE = '2026-01-01';

/** Needs the sample leaves with few providers on purpose, so gap analysis has something to show. */
export const SCARCE_NEED_SLUGS: readonly string[] = [
  'ot-og-iot-sikkerhed-i-produktionen',
  'cra-krav-til-produkter',
  'dora-krav',
];

// OT and CRA are scarce because only the rare clusters offer their categories; DORA shares the
// common compliance category with other needs, so it is made rare when a product picks needs.
// NIS2 is what most compliance work is about right now, so it weighs double among them.
const NEED_WEIGHT: Record<string, number> = { 'dora-krav': 0.1, 'nis2-krav': 2 };

/** Keeps every company's CVR seed inside the range where cvrFromSeed never repeats itself. */
export const MAX_COMPANIES = 1_000_000;

export interface GenerateOptions {
  companies: number;
  seed?: number;
  /** Average number of products and services per company (default: defaultProductsPerCompany). */
  productsPerCompany?: number;
  /**
   * The day certificate expiry and verification dates are drawn around (ISO date, default
   * SAMPLE_REFERENCE_DATE). The catalogue judges them against today, so a sample seeded long
   * after the default date shows most certificates as expired or stale; pass a recent date then.
   */
  referenceDate?: string;
}

/** Percent of companies in each size band. */
const SIZE_BAND_SHARE: Record<SizeBand, number> = { micro: 58, small: 30, medium: 9, large: 3 };
const SIZE_BAND_WEIGHTS = SIZE_BANDS.map((band) => [band, SIZE_BAND_SHARE[band]] as const);
const EMPLOYEES: Record<SizeBand, readonly [number, number]> = {
  micro: [1, 9],
  small: [10, 49],
  medium: [50, 249],
  large: [250, 1_200],
};
const LIMITED = new Set<CompanyRow['legalForm']>(['ApS', 'A/S', 'P/S']);
const PRODUCT_FACTOR: Record<SizeBand, number> = { micro: 0.8, small: 1.1, medium: 1.5, large: 2 };
const NEEDS_PER_PRODUCT: ReadonlyArray<readonly [number, number]> = [
  [1, 40],
  [2, 35],
  [3, 17],
  [4, 8],
];

/** Chance a company holds a certification: a base, plus bonuses for its cluster and for medium/large size. */
const CERTIFICATION_ODDS: Record<
  string,
  { base: number; cluster?: Partial<Record<ClusterId, number>>; size?: number }
> = {
  ISO27001: { base: 0.1, cluster: { grc: 0.25, soc: 0.3, msp: 0.1 }, size: 0.3 },
  ISO9001: { base: 0.05, size: 0.1 },
  ISAE3402: { base: 0.03, cluster: { msp: 0.12, soc: 0.15 }, size: 0.2 },
  ISAE3000: { base: 0.08, cluster: { grc: 0.1, msp: 0.05 } },
  SOC2: { base: 0.02, cluster: { soc: 0.1 }, size: 0.05 },
  'D-MAERKET': { base: 0.07, cluster: { grc: 0.05 } },
  CREST: { base: 0.01, cluster: { offensive: 0.25, soc: 0.1 } },
  'CYBER-ESSENTIALS': { base: 0.02 },
  CISSP: { base: 0.2, size: 0.3 },
  CISM: { base: 0.06, cluster: { grc: 0.3 } },
  OSCP: { base: 0.02, cluster: { offensive: 0.6, soc: 0.1, 'product-security': 0.3 } },
  CEH: { base: 0.1 },
  'ISO27001-LI': { base: 0.04, cluster: { grc: 0.3 } },
};
// OSCP holders keep the title for life; every other certificate here has an expiry.
const NEVER_EXPIRES = new Set(['OSCP']);

interface Catalogue {
  regions: ReadonlyArray<readonly [string, number]>;
  municipalitiesByRegion: Map<string, ReadonlyArray<readonly [string, number]>>;
  municipalityName: Map<string, string>;
  needsByCategory: Map<string, ReadonlyArray<readonly [NeedRow, number]>>;
  clusters: ReadonlyArray<readonly [Cluster, number]>;
  everyCategory: ReadonlyArray<readonly [string, number]>;
  sectors: ReadonlyArray<readonly [string, number]>;
}

let catalogue: Catalogue | undefined;

/** Lookup tables built once per process from the taxonomies and needs. */
function getCatalogue(): Catalogue {
  if (catalogue) return catalogue;
  const municipalitiesByRegion = new Map<string, Array<readonly [string, number]>>();
  for (const municipality of TAXONOMIES.municipalities) {
    const list = municipalitiesByRegion.get(municipality.regionCode) ?? [];
    list.push([municipality.code, MUNICIPALITY_WEIGHT[municipality.code] ?? 1]);
    municipalitiesByRegion.set(municipality.regionCode, list);
  }
  const needsByCategory = new Map<string, Array<readonly [NeedRow, number]>>();
  for (const need of NEEDS) {
    for (const code of need.categoryCodes) {
      const list = needsByCategory.get(code) ?? [];
      list.push([need, NEED_WEIGHT[need.slug] ?? 1]);
      needsByCategory.set(code, list);
    }
  }
  // Categories a company may offer outside its cluster: the common ones only.
  const rare = new Set(['SVC-OT-SECURITY', 'SVC-SECURE-DEV']);
  const everyCategory = new Map<string, number>();
  for (const cluster of CLUSTERS) {
    for (const [code, weight] of cluster.categories) {
      if (!rare.has(code)) everyCategory.set(code, (everyCategory.get(code) ?? 0) + weight * cluster.weight);
    }
  }
  catalogue = {
    regions: TAXONOMIES.regions.map((region) => [region.code, REGION_POPULATION[region.code] ?? 1] as const),
    municipalitiesByRegion,
    municipalityName: new Map(TAXONOMIES.municipalities.map((m) => [m.code, m.name])),
    needsByCategory,
    clusters: CLUSTERS.map((cluster) => [cluster, cluster.weight] as const),
    everyCategory: [...everyCategory],
    sectors: TAXONOMIES.sectors.map((sector) => [sector.code, SECTOR_WEIGHT[sector.code] ?? 1] as const),
  };
  return catalogue;
}

/**
 * The sample has about 5 offerings per company (300 → 1,500); the benchmark scale is specified as
 * 10,000 companies with about 100,000 products, a bigger market with broader portfolios. In
 * between, portfolios grow linearly.
 */
export function defaultProductsPerCompany(companies: number): number {
  const share = Math.min(1, Math.max(0, (companies - 300) / (10_000 - 300)));
  return 5 + 5 * share;
}

export function generateEcosystem(options: GenerateOptions): Ecosystem {
  const { companies: count, seed = 1, referenceDate = SAMPLE_REFERENCE_DATE } = options;
  const productsPerCompany = options.productsPerCompany ?? defaultProductsPerCompany(count);
  if (!Number.isInteger(count) || count < 0 || count > MAX_COMPANIES) {
    throw new RangeError(`companies must be an integer from 0 to ${MAX_COMPANIES}: ${count}`);
  }
  if (!(productsPerCompany > 0)) throw new RangeError(`productsPerCompany must be positive: ${productsPerCompany}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate) || Number.isNaN(Date.parse(referenceDate))) {
    throw new RangeError(`referenceDate must be an ISO date (YYYY-MM-DD): ${referenceDate}`);
  }
  const random = new Random(seed);
  const cat = getCatalogue();
  const takenNames = new Set<string>();
  const takenProductSlugs = new Set<string>();
  // Each seed takes its own stretch of the CVR seed space, so two seeds rarely share numbers.
  const cvrBase = (Math.abs(seed) * 104_729) % 1_000_000;

  const companies: CompanyRow[] = [];
  const products: ProductRow[] = [];
  for (let index = 0; index < count; index += 1) {
    const company = generateCompany(random, cat, takenNames, cvrFromSeed(cvrBase + index));
    const offered = generateProducts(random, cat, company, productsPerCompany, takenProductSlugs);
    finishCompany(random, company, offered, referenceDate);
    company.row.confirmedAt = sampleConfirmation(index, referenceDate);
    if (index > 0 && random.chance(0.3)) {
      // Partners come from earlier companies only, so no pair is listed twice (once from each side).
      const partners = random.int(1, Math.min(3, index));
      for (let p = 0; p < partners; p += 1) {
        const partner = companies[random.int(0, index - 1)];
        if (partner && !company.row.partnerSlugs.includes(partner.slug)) company.row.partnerSlugs.push(partner.slug);
      }
    }
    companies.push(company.row);
    products.push(...offered);
  }
  return { companies, products };
}

interface Draft {
  row: CompanyRow;
  cluster: Cluster;
  secondCluster: Cluster | null;
  town: string;
}

function generateCompany(random: Random, cat: Catalogue, takenNames: Set<string>, cvr: string): Draft {
  const regionCode = random.weighted(cat.regions);
  const municipalityCode = random.weighted(cat.municipalitiesByRegion.get(regionCode) ?? []);
  const [postcode, town] = POSTAL_TOWN[municipalityCode] ?? ['0000', cat.municipalityName.get(municipalityCode) ?? ''];
  const sizeBand = random.weighted(SIZE_BAND_WEIGHTS);
  const [minEmployees, maxEmployees] = EMPLOYEES[sizeBand];
  const employees = random.int(minEmployees, maxEmployees);
  // Sole proprietorships and IVS are one-to-few-person firms; the larger ones are companies with share capital.
  const legalForm =
    sizeBand === 'micro'
      ? random.weighted(LEGAL_FORMS)
      : random.weighted(LEGAL_FORMS.filter(([form]) => LIMITED.has(form)));
  const baseName = uniqueName(random, takenNames, town);
  const slug = slugify(baseName);
  const cluster = random.weighted(cat.clusters);
  const secondCluster = random.chance(0.35) ? random.weighted(cat.clusters.filter(([c]) => c !== cluster)) : null;

  const languages: Language[] = ['da'];
  if (sizeBand !== 'micro' || random.chance(0.8)) languages.push('en');
  if (random.chance(0.06)) languages.push('de');
  if (random.chance(0.04)) languages.push('sv');

  const regionsServed = random.chance(0.4)
    ? cat.regions.map(([code]) => code)
    : cat.regions.map(([code]) => code).filter((code) => code === regionCode || random.chance(0.15));

  const customerSizeBands: SizeBand[] =
    sizeBand === 'micro' || sizeBand === 'small'
      ? [
          'micro',
          'small',
          ...(random.chance(0.5) ? (['medium'] as const) : []),
          ...(random.chance(0.1) ? (['large'] as const) : []),
        ]
      : random.chance(0.25)
        ? ['medium', 'large']
        : ['small', 'medium', 'large', ...(random.chance(0.4) ? (['micro'] as const) : [])];

  return {
    cluster,
    secondCluster,
    town,
    row: {
      cvr,
      slug,
      name: legalForm === 'Enkeltmandsvirksomhed' ? baseName : `${baseName} ${legalForm}`,
      legalForm,
      description: { da: '', en: '' },
      address: `${random.pick(STREETS)} ${random.int(1, 120)}`,
      postcode,
      city: town,
      municipalityCode,
      website: `https://${slug}.example`,
      email: `kontakt@${slug}.example`,
      phone: `+45 00 ${pad2(random.int(0, 99))} ${pad2(random.int(0, 99))} ${pad2(random.int(0, 99))}`,
      founded: 2025 - Math.floor(random.next() ** 1.6 * 38),
      employees,
      sizeBand,
      languages,
      sample: true,
      regionsServed,
      sectorCodes: random.weightedDistinct(cat.sectors, random.int(1, 4)),
      competences: [],
      certifications: [],
      customerSizeBands,
      partnerSlugs: [],
    },
  };
}

/** Two name words; on a clash the town, then a number, keeps it unique (needed at 10,000 companies). */
function uniqueName(random: Random, taken: Set<string>, town: string): string {
  const base = `${random.pick(NAME_FIRST)} ${random.pick(NAME_SECOND)}`;
  const candidates = [base, `${base} ${town}`];
  for (let n = 2; ; n += 1) {
    const candidate = candidates.shift() ?? `${base} ${n}`;
    if (!taken.has(slugify(candidate))) {
      taken.add(slugify(candidate));
      return candidate;
    }
  }
}

function generateProducts(
  random: Random,
  cat: Catalogue,
  company: Draft,
  mean: number,
  takenSlugs: Set<string>,
): ProductRow[] {
  const { row } = company;
  const count = Math.max(1, Math.round(mean * PRODUCT_FACTOR[row.sizeBand] * (0.3 + 1.4 * random.next())));
  const brand = row.name.split(' ')[0] ?? row.name;
  const products: ProductRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const cluster = company.secondCluster && random.chance(0.25) ? company.secondCluster : company.cluster;
    const primary = random.chance(0.85) ? random.weighted(cluster.categories) : random.weighted(cat.everyCategory);
    const secondary = random.weighted(cluster.categories);
    const needs = pickNeeds(random, cat, primary, secondary);
    const categoryCodes = [primary];
    if (secondary !== primary && needs.some((need) => need.categoryCodes.includes(secondary))) {
      categoryCodes.push(secondary);
    }
    const style = CATEGORY_STYLE[primary];
    if (!style) throw new Error(`No product style for category ${primary}`);
    const kind: ProductKind = random.chance(style.productShare) ? 'product' : 'service';
    const pricingModel = random.weighted(kind === 'product' ? PRODUCT_PRICING : style.pricing);
    const priceFromDkk = pricingModel === 'quote' ? null : price(random, kind, pricingModel);
    const delivery: Delivery[] = random.chance(style.onsite)
      ? random.chance(0.5)
        ? ['onsite']
        : ['remote', 'onsite']
      : ['remote'];
    const languages = row.languages.filter((language) => language === 'da' || random.chance(0.8));
    const name = `${brand} ${random.pick(style.names)}${random.pick(NAME_TIERS)}`;
    const smeFit =
      row.customerSizeBands.some((band) => band === 'micro' || band === 'small') &&
      (priceFromDkk === null || pricingModel === 'hourly' || priceFromDkk <= 60_000) &&
      random.chance(0.9);
    products.push({
      slug: uniqueSlug(takenSlugs, slugify(`${row.slug} ${name.slice(brand.length)}`)),
      companySlug: row.slug,
      name,
      kind,
      description: describeProduct(random, { name, kind, company: row, needs, delivery, pricingModel, priceFromDkk }),
      pricingModel,
      priceFromDkk,
      delivery,
      languages,
      smeFit,
      status: random.chance(0.95) ? 'active' : 'retired',
      needSlugs: needs.map((need) => need.slug),
      categoryCodes,
      csfCategoryCodes: unique(needs.flatMap((need) => need.csfCategoryCodes)),
      regulationCodes: unique(
        needs.flatMap((need, n) => need.regulationCodes.filter(() => n === 0 || random.chance(0.5))),
      ),
    });
  }
  return products;
}

/** The first need comes from the product's own category, so a pentest product addresses the pentest need. */
function pickNeeds(random: Random, cat: Catalogue, primary: string, secondary: string): NeedRow[] {
  const own = cat.needsByCategory.get(primary) ?? [];
  if (own.length === 0) throw new Error(`No need maps to category ${primary}`);
  const first = random.weighted(own);
  const wanted = random.weighted(NEEDS_PER_PRODUCT) - 1;
  const pool = [...own, ...(secondary === primary ? [] : (cat.needsByCategory.get(secondary) ?? []))].filter(
    ([need], i, all) => need !== first && all.findIndex(([other]) => other === need) === i,
  );
  return [first, ...random.weightedDistinct(pool, wanted)];
}

function finishCompany(random: Random, company: Draft, products: ProductRow[], referenceDate: string): void {
  const { row } = company;
  const needs = NEEDS.filter((need) => products.some((product) => product.needSlugs.includes(need.slug)));
  const skillFrequency = new Map<string, number>();
  for (const need of needs) {
    for (const code of need.skillCodes) skillFrequency.set(code, (skillFrequency.get(code) ?? 0) + 1 + random.next());
  }
  const skills = [...skillFrequency].sort((a, b) => b[1] - a[1]).slice(0, random.int(2, 7));
  const cap = Math.max(1, Math.min(row.employees, Math.ceil(row.employees * 0.4)));
  row.competences = skills.map(([skillCode]) => ({ skillCode, headcount: random.int(1, cap) }));
  row.certifications = certifications(random, company, referenceDate);
  row.description = describeCompany(random, row, company.cluster.about, company.town, needs);
}

function certifications(random: Random, company: Draft, referenceDate: string): CertificationHeld[] {
  const { row, cluster } = company;
  const large = row.sizeBand === 'medium' || row.sizeBand === 'large';
  const held: CertificationHeld[] = [];
  for (const [code, odds] of Object.entries(CERTIFICATION_ODDS)) {
    const probability = odds.base + (odds.cluster?.[cluster.id] ?? 0) + (large ? (odds.size ?? 0) : 0);
    if (!random.chance(probability)) continue;
    // About one in six has run out (before the reference date); the rest run up to three years past it.
    const validUntil = NEVER_EXPIRES.has(code) ? null : addDays(referenceDate, random.int(-220, 1_095));
    const verified = random.chance(0.45);
    held.push({
      code,
      validUntil,
      evidence: `https://${row.slug}.example/certifikater/${code.toLowerCase()}.pdf`,
      source: 'sample',
      verifiedBy: verified ? 'NCC-DK' : null,
      verifiedAt: verified ? addDays(referenceDate, -random.int(1, 300)) : null,
    });
  }
  return held;
}

function price(random: Random, kind: ProductKind, model: Exclude<PricingModel, 'quote'>): number {
  const [min, max, step] = KIND_PRICE[kind][model];
  // Skewed towards the low end: most listings aimed at SMEs start cheap.
  const raw = min + (max - min) * random.next() ** 2.5;
  return Math.max(min, Math.round(raw / step) * step);
}

function uniqueSlug(taken: Set<string>, slug: string): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * When a sample company last confirmed its listing: most within the year, one in twenty between 12
 * and 15 months ago (marked "not confirmed for over a year") and one in twenty longer ago (out of
 * matching), so every state shows. Drawn from the index, not the random stream, so adding it left
 * every other generated value as it was.
 */
function sampleConfirmation(index: number, referenceDate: string): string {
  const spread = (index * 7_919) % 97;
  if (index % 20 === 7) return addDays(referenceDate, -(372 + (spread % 80)));
  if (index % 20 === 13) return addDays(referenceDate, -(465 + spread * 3));
  return addDays(referenceDate, -(spread * 3));
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
