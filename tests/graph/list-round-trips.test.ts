import {
  buildSchema,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetAnalyticsAnswers } from '../../graph/analytics/cache';
import { type SnapshotMeasures, writeSupplySnapshot } from '../../graph/analytics/snapshot';
import { cvrFromSeed } from '../../graph/cvr';
import { startSession } from '../../graph/sessions';
import { GraphWriter } from '../../graph/write';
import { printSchemaText } from '../../src/api/schema/print';
import type { Viewer } from '../../src/auth/viewer';
import { testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { companyCells, csvLines } from '../support/import-files';
import { createTestWorld, type TestWorld } from '../support/listings';

/**
 * No N+1 anywhere in the API: for every list field of the schema, a request whose lists are long
 * costs the same number of Cypher round trips as one whose lists are short, with the same
 * selection. A resolver that reads the graph once per item would make the long request dearer.
 *
 * Each case is one selection asked twice. Where the list takes a `limit`, only the limit changes
 * (2, then the largest the field allows); where it has none, a page above it changes size, or the
 * filter or period changes how many rows it has, or (for lists a request cannot size) more items
 * are written to the graph between the two requests. The long answer must really hold more list
 * items than the short one, so a case cannot pass by measuring two empty answers.
 *
 * The case table is checked against the printed schema: every list field, at any depth, must be
 * selected by some case, so a new list field fails here by name until a case covers it.
 */

const schema: GraphQLSchema = buildSchema(printSchemaText());

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;
let world: TestWorld;

type Variables = Record<string, unknown>;
type Who = 'anonymous' | 'admin' | 'vendorA' | 'newcomer';

interface Case {
  name: string;
  as: Who;
  /** The selection asked both times; `large` may name its own document where the root differs (one need, every need). */
  document: string;
  largeDocument?: string;
  /** Thunks, since the case table is read before the graph is set up. */
  small: () => Variables;
  large: () => Variables;
  /** Writes more items between the two requests, for lists no argument or parent can size. */
  grow?: () => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Selections generated from the schema

/**
 * Every field of `typeName` that takes no required argument, recursing into object fields up to
 * `depth`, never into a type already on the path (Company → Product → Company would only repeat
 * the selection). `omit` names fields ('Company.products') a case leaves to another case, and
 * `only` keeps just the named fields of `typeName` itself, so each request stays under the API's
 * cost limit (a page of 100 with everything nested under it would be refused as too costly).
 */
function selectAll(
  typeName: string,
  depth: number,
  omit: readonly string[] = [],
  path: readonly string[] = [],
  only?: readonly string[],
): string {
  const type = schema.getType(typeName);
  if (isUnionType(type)) {
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selectAll(member.name, depth, omit, path)}`)
      .join(' ')} }`;
  }
  if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`${typeName} has no fields`);
  const fields: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (omit.includes(`${typeName}.${field.name}`) || (only && !only.includes(field.name))) continue;
    if (field.args.some((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      fields.push(field.name);
      continue;
    }
    if (depth <= 0 || path.includes(named.name) || named.name === typeName) continue;
    fields.push(`${field.name} ${selectAll(named.name, depth - 1, omit, [...path, typeName])}`);
  }
  return `{ ${fields.join(' ')} }`;
}

/** `Type.field` for every field whose type is a list, at any depth of the schema. */
function schemaListFields(): string[] {
  const found: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type))) found.push(`${type.name}.${field.name}`);
    }
  }
  return found.sort();
}

/** `Type.field` for every list field a document selects. */
function selectedListFields(document: string): Set<string> {
  const typeInfo = new TypeInfo(schema);
  const found = new Set<string>();
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && isListType(getNullableType(field.type))) found.add(`${parent.name}.${field.name}`);
      },
    }),
  );
  return found;
}

/**
 * `Type.field` for every list field that holds at least one item in `value`, an answer to a
 * request on `type`. Union members are told apart by `__typename`, which selectAll selects.
 */
function listFieldsWithItems(value: unknown, type: GraphQLNamedType, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) listFieldsWithItems(item, type, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const typename = (value as { __typename?: unknown }).__typename;
  const concrete = isAbstractType(type) && typeof typename === 'string' ? schema.getType(typename) : type;
  if (!isObjectType(concrete)) return;
  for (const [key, child] of Object.entries(value)) {
    const field = concrete.getFields()[key];
    if (!field) continue;
    if (isListType(getNullableType(field.type)) && Array.isArray(child) && child.length > 0) {
      found.add(`${concrete.name}.${key}`);
    }
    listFieldsWithItems(child, getNamedType(field.type), found);
  }
}

/** How many list items an answer holds, at every depth. */
function listItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce<number>((sum, item) => sum + listItems(item), 0);
  if (value && typeof value === 'object') {
    return Object.values(value).reduce<number>((sum, item) => sum + listItems(item), 0);
  }
  return 0;
}

/**
 * A page of companies, one case per group of fields: everything of a company with its products,
 * certifications and competences (each with provenance and staff-only users) is too costly for one
 * page of 100.
 */
function companyCases(): Case[] {
  const page = (selection: string) =>
    `query(${PAGE}) { companies(limit: $limit, offset: 0) { total limit offset items ${selection} } }`;
  const sizes = { small: () => ({ limit: 2 }), large: () => ({ limit: 100 }) };
  return [
    {
      name: 'companies: a page of companies with everything but their products, certifications and competences',
      as: 'admin',
      document: page(
        selectAll('Company', 3, [
          ...WITHOUT_PRODUCTS,
          'Company.certifications',
          'Company.competences',
          'Region.municipalities',
        ]),
      ),
      ...sizes,
    },
    {
      name: "companies: the municipalities of each company's region and of the regions it serves",
      as: 'anonymous',
      document: page(
        '{ slug region { code municipalities { code region { code } } } regionsServed { code municipalities { code } } }',
      ),
      ...sizes,
    },
    {
      name: "companies: each company's certifications",
      as: 'admin',
      document: page(selectAll('Company', 3, [], [], ['slug', 'certifications'])),
      ...sizes,
    },
    {
      name: "companies: each company's competences",
      as: 'admin',
      document: page(selectAll('Company', 3, [], [], ['slug', 'competences'])),
      ...sizes,
    },
    {
      name: "companies: each company's products with their needs, delivery and languages",
      as: 'anonymous',
      document: page('{ slug products { slug needs { slug } delivery languages } }'),
      ...sizes,
    },
    {
      name: "companies: each company's products with their terms",
      as: 'anonymous',
      document: page('{ slug products { slug categories { code } csfCategories { code } regulations { code } } }'),
      ...sizes,
    },
    {
      name: "companies: each company's products with everything else of theirs",
      as: 'admin',
      document: page(
        `{ slug products ${selectAll('Product', 2, ['Product.needs', 'Product.categories', 'Product.csfCategories', 'Product.regulations'], ['Company'])} }`,
      ),
      ...sizes,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The cases

const PAGE = '$limit: Int!';
const WITHOUT_PRODUCTS = ['Company.products'];

/** Needs with many providers, so a match has more than a page of 50 to rank. */
let matchNeeds: string[] = [];
let oneNeed = '';

function cases(): Case[] {
  // The first row changes company A's phone (the report names the fields); every third row is refused (its issues).
  const importFile = (rows: number) =>
    csvLines(
      Array.from({ length: rows }, (_, row) =>
        row === 0
          ? companyCells(world, {
              cvr: world.companyA.cvr,
              name: `Testfirma a ${world.prefix}`,
              phone: '+45 11 11 11 11',
            })
          : companyCells(world, {
              cvr: cvrFromSeed(7_300_000 + row),
              name: `Importfirma ${world.prefix} ${row}`,
              employees: row % 3 === 2 ? 'mange' : '5',
            }),
      ),
    ).join('');
  const IMPORT = `mutation($content: String!) {
    importListings(format: csv, content: $content, dryRun: true) ${selectAll('MutationImportListingsResult', 3)}
  }`;

  return [
    ...companyCases(),
    {
      name: "products: a page of products with their company (all but the company's products and lists)",
      as: 'admin',
      document: `query(${PAGE}) { products(limit: $limit, offset: 0) { total items ${selectAll('Product', 2, [...WITHOUT_PRODUCTS, 'Company.certifications', 'Company.competences'])} } }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      name: "products: the company's products, through a page of products",
      as: 'anonymous',
      document: `query(${PAGE}) { products(limit: $limit, offset: 0) { items { slug company { slug products { slug needs { slug } categories { code } } } } } }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      name: 'search: hits with their company',
      as: 'admin',
      document: `query(${PAGE}) { search(query: "", sort: relevance, limit: $limit, offset: 0) { total tookMs hits { kind slug score company { slug products { slug } needs { slug } certifications { code } competences { code } regionsServed { code } sectors { code } partners { slug } } } } }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      name: 'search: hits with their product and its needs and categories',
      as: 'anonymous',
      document: `query(${PAGE}) { search(query: "", sort: relevance, limit: $limit, offset: 0) {
        hits { kind slug product { slug needs { slug } categories { code } } }
      } }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      name: "search: hits with the rest of their product's lists and its company",
      as: 'anonymous',
      document: `query(${PAGE}) { search(query: "", sort: relevance, limit: $limit, offset: 0) {
        hits { kind slug product { slug csfCategories { code } regulations { code } delivery languages company { slug } } }
      } }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      // Facets do not follow the page (and under a page of 100 they are too costly): a narrow filter has fewer values.
      name: 'search: the facets of products for one need, then of everything',
      as: 'anonymous',
      document: `query($filters: SearchFilter) { search(query: "", sort: relevance, limit: 1, offset: 0, filters: $filters) {
        total facets ${selectAll('Facet', 2)}
      } }`,
      small: () => ({ filters: { kind: ['product'], needs: [oneNeed], regions: ['1081'] } }),
      large: () => ({ filters: null }),
    },
    {
      name: 'match: ranked providers with their company, products and breakdown; the fewest providers',
      as: 'anonymous',
      document: `query($limit: Int!, $needs: [String!]!) { match(profile: { needs: $needs }) {
        total day uncoveredNeeds ${selectAll('NeedName', 1)}
        providers(limit: $limit, offset: 0) {
          rank score maxScore breakdown ${selectAll('ScoreComponent', 1)} coveredNeeds { slug }
          company { slug needs { slug } products { slug } } products { slug needs { slug } company { slug } }
        }
        fewest { complete uncoveredNeeds { slug } providers { rank coveredNeeds { slug } company { slug } products { slug needs { slug } } } }
      } }`,
      small: () => ({ limit: 2, needs: matchNeeds }),
      large: () => ({ limit: 50, needs: matchNeeds }),
    },
    {
      name: 'needs: one need, then the whole catalogue, with every list of theirs',
      as: 'anonymous',
      document: `query($slug: String!) { need(slug: $slug) ${selectAll('Need', 2)} }`,
      largeDocument: `{ needs ${selectAll('Need', 2)} }`,
      small: () => ({ slug: oneNeed }),
      large: () => ({}),
    },
    {
      name: 'taxonomies: every tree with all its levels, against the same lists without their nested lists',
      as: 'anonymous',
      document:
        '{ regions { code } categories { code } csfFunctions { code } skills { code } sectors { code } regulations { code } certificationSchemes { code } rankingRules { criterion } }',
      largeDocument: `{ regions ${selectAll('Region', 3)} categories { code children { code children { code children { code } } } }
        csfFunctions ${selectAll('CsfFunction', 2)} skills { code children { code children { code } } }
        sectors ${selectAll('Term', 1)} regulations ${selectAll('Term', 1)}
        certificationSchemes ${selectAll('CertificationScheme', 1)} rankingRules ${selectAll('RankingRule', 1)} }`,
      small: () => ({}),
      large: () => ({}),
    },
    {
      name: "analytics: every measure but the municipality table, for one day of this file's demand, then four weeks",
      as: 'admin',
      document: `query($limit: Int!, $byRegion: Boolean!, $filter: AnalyticsFilter) { analytics(filter: $filter) {
        filter ${selectAll('AnalyticsFilterEcho', 1)}
        concentration ${selectAll('NeedConcentration', 2)} csfCoverage ${selectAll('CsfCoverage', 2)}
        gaps ${selectAll('DemandGap', 2)} largestGaps(limit: $limit) ${selectAll('DemandGap', 2)}
        nis2Coverage ${selectAll('Nis2Coverage', 2)} roleScarcity(byRegion: $byRegion) ${selectAll('RoleScarcity', 2)}
        searchesWithoutResults(limit: $limit) ${selectAll('MissedSearch', 2)}
        supplyByNeed ${selectAll('NeedSupply', 2)}
        supplyByNeedAndRegion ${selectAll('NeedRegionSupply', 2)} supplyByNeedAndSector ${selectAll('NeedSectorSupply', 2)}
        thinNeeds ${selectAll('NeedConcentration', 2)} weeklyDemand ${selectAll('DemandWeek', 2)}
      } }`,
      // Only the period changes: a region or need filter would add its own existence check.
      small: () => ({ limit: 2, byRegion: false, filter: { from: DEMAND_DAYS[0], to: DEMAND_DAYS[0] } }),
      large: () => ({ limit: 500, byRegion: true, filter: { from: DEMAND_DAYS[0], to: DEMAND_DAYS.at(-1) } }),
    },
    {
      name: 'analytics: thin needs among all providers, then among large providers only',
      as: 'admin',
      document: `query($filter: AnalyticsFilter) { analytics(filter: $filter) { thinNeeds ${selectAll('NeedConcentration', 2)} } }`,
      small: () => ({ filter: {} }),
      large: () => ({ filter: { sizeBand: 'large' } }),
    },
    {
      name: 'analytics: the need × municipality table, for the region with fewest municipalities, then the one with most',
      as: 'admin',
      document: `query($filter: AnalyticsFilter) { analytics(filter: $filter) {
        supplyByNeedAndMunicipality ${selectAll('NeedMunicipalitySupply', 2)}
      } }`,
      small: () => ({ filter: { region: '1081' } }),
      large: () => ({ filter: { region: '1084' } }),
    },
    {
      name: 'statistics: one quarter, then eight',
      as: 'anonymous',
      document: `query($filter: StatisticsFilter) { statistics(filter: $filter) ${selectAll('PublicStatistics', 3)} }`,
      small: () => ({ filter: { from: '2026-10-01', to: '2026-12-31' } }),
      large: () => ({ filter: { from: '2025-01-01', to: '2026-12-31' } }),
    },
    {
      name: 'supply series and comparison: a measure with few keys over two days, then one with many over all the days',
      as: 'admin',
      document: `query($measure: SupplyMeasure!, $filter: SeriesFilter, $first: String!, $second: String!) {
        supplySeries(measure: $measure, filter: $filter) ${selectAll('SupplySeriesPoint', 2)}
        supplyComparison(measure: $measure, first: $first, second: $second) ${selectAll('SupplyComparisonRow', 2)}
      }`,
      small: () => ({
        measure: 'nis2Coverage',
        filter: { from: SNAPSHOT_DAYS[0], to: SNAPSHOT_DAYS[1] },
        first: SNAPSHOT_DAYS[0],
        second: SNAPSHOT_DAYS[1],
      }),
      large: () => ({
        measure: 'concentration',
        filter: { from: SNAPSHOT_DAYS[0], to: SNAPSHOT_DAYS.at(-1) },
        first: SNAPSHOT_DAYS[0],
        second: SNAPSHOT_DAYS.at(-1),
      }),
    },
    {
      name: 'auditLog: a page of events',
      as: 'admin',
      document: `query(${PAGE}) { auditLog(limit: $limit) ${selectAll('AuditLogPage', 2)} }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      name: 'auditLog: the accounts a person filter resolves to',
      as: 'admin',
      document: `query($person: String) { auditLog(limit: 100, filter: { person: $person }) { next personIds events { id } } }`,
      small: () => ({ person: world.viewers.vendorB.kind === 'vendor' ? world.viewers.vendorB.subject : '' }),
      large: () => ({ person: world.viewers.vendorA.kind === 'vendor' ? world.viewers.vendorA.subject : '' }),
    },
    {
      name: 'reviewQueue: a page of submitted changes with their diffs',
      as: 'admin',
      document: `query(${PAGE}) { reviewQueue(limit: $limit, offset: 0) ${selectAll('ReviewQueue', 3)} }`,
      small: () => ({ limit: 2 }),
      large: () => ({ limit: 100 }),
    },
    {
      name: "mySubmissions: a vendor's desk, before and after more drafts",
      as: 'vendorA',
      // The author is for staff only; reviewQueue covers it.
      document: `{ mySubmissions ${selectAll('VendorDesk', 2, ['Submission.author'])} }`,
      small: () => ({}),
      large: () => ({}),
      // One more submitted change, approved, publishes a version; and more drafts.
      grow: async () => {
        const [id] = await submitProducts(1, true);
        const approved = await api.query<{ approveSubmission: { __typename: string } }>(
          'mutation($id: ID!) { approveSubmission(id: $id) { __typename } }',
          { id },
          world.viewers.admin,
        );
        expect(approved.data?.approveSubmission.__typename).toBe('Submission');
        await submitProducts(2, false);
      },
    },
    {
      name: 'me: a person’s data, before and after access to more companies',
      as: 'vendorA',
      document: `{ me ${selectAll('Me', 2)} }`,
      small: () => ({}),
      large: () => ({}),
      grow: async () => {
        const slugs = (await sampleCompanies(5)).map((company) => company.slug);
        for (const companySlug of slugs) await mutate('grantCompanyAccess', 'CompanyAccessGrant', companySlug);
      },
    },
    {
      name: 'me: a staff member’s data, before and after more sessions',
      as: 'admin',
      document: `{ me ${selectAll('Me', 2)} }`,
      small: () => ({}),
      large: () => ({}),
      grow: async () => {
        const admin = world.viewers.admin;
        if (admin.kind !== 'staff') throw new Error('the world’s admin is staff');
        const writer = new GraphWriter(testExecutor());
        for (let n = 0; n < 3; n += 1) {
          await startSession(writer, {
            idHash: `${world.prefix}-session-${n}`,
            previousIdHash: null,
            login: {
              kind: 'staff',
              issuer: 'test',
              subject: admin.subject,
              name: admin.name,
              email: admin.email,
              cvr: null,
              roles: ['admin'],
            },
          });
        }
      },
    },
    {
      name: 'companyAccessGrants: one company’s, then everyone’s',
      as: 'admin',
      document: `query($company: String) { companyAccessGrants(companySlug: $company) ${selectAll('CompanyAccessGrant', 1)} }`,
      small: () => ({ company: world.companyB.slug }),
      large: () => ({ company: null }),
    },
    {
      name: 'apiTokens: before and after more tokens',
      as: 'admin',
      document: `{ apiTokens ${selectAll('ApiToken', 1)} }`,
      small: () => ({}),
      large: () => ({}),
      grow: async () => {
        for (let n = 0; n < 4; n += 1) {
          const result = await api.query(
            'mutation($name: String!) { createApiToken(input: { name: $name, validDays: 1 }) { __typename } }',
            { name: `${world.prefix} token ${n}` },
            world.viewers.admin,
          );
          expect(result.errors).toBeUndefined();
        }
      },
    },
    {
      name: 'importListings: a dry run of a file of 2 rows, then of 100',
      as: 'admin',
      document: IMPORT,
      small: () => ({ content: importFile(2) }),
      large: () => ({ content: importFile(100) }),
    },
    {
      name: 'registerCompany: a record with one bad field, then with many, answers every issue',
      as: 'newcomer',
      document: `mutation($input: CompanyRegistrationInput!) { registerCompany(input: $input) ${selectAll('MutationRegisterCompanyResult', 1)} }`,
      small: () => ({ input: { cvr: world.newcomerCvr, record: world.companyRecord({ email: 'ikke en adresse' }) } }),
      large: () => ({
        input: {
          cvr: world.newcomerCvr,
          record: world.companyRecord({
            email: 'ikke en adresse',
            website: 'ikke en adresse',
            postcode: 'x',
            founded: 1200,
            employees: -1,
            municipalityCode: '000',
            sectorCodes: ['findes-ikke'],
          }),
        },
      }),
    },
  ];
}

/** `length` consecutive days from a random one decades ahead, where no real data and no other test file's falls. */
function farDays(year: number, length: number): string[] {
  const base = Date.parse(`${year}-01-01T00:00:00Z`) + Math.floor(Math.random() * 3_000) * 86_400_000;
  return Array.from({ length }, (_, n) => new Date(base + n * 86_400_000).toISOString().slice(0, 10));
}

/** Days of this file's own supply snapshots. */
const SNAPSHOT_DAYS: readonly string[] = farDays(2061, 8);
/** Days of this file's own demand rollup: every day has signals for several needs and regions, and a missed search. */
const DEMAND_DAYS: readonly string[] = farDays(2071, 28);
const DEMAND_REGIONS = ['1081', '1084', '1085'];

/** Hand-written snapshot figures: 2 NIS2 measures (the short series) and 20 needs' concentration (the long one). */
function snapshotMeasures(): Partial<SnapshotMeasures> {
  return {
    nis2Coverage: ['a', 'b'].map((letter) => ({ measure: `t-NIS2-${letter}`, letter, products: 4, providers: 2 })),
    concentration: Array.from({ length: 20 }, (_, n) => ({
      need: `t-need-${n}`,
      providers: n,
      products: 2 * n,
      top3Share: n === 0 ? null : 1,
      thin: n <= 2,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Setup: submissions, grants and tokens of this file's own world, so the lists they fill are long

async function sampleCompanies(count: number) {
  const rows = await testExecutor().read<{ slug: string }>(
    'test.listRoundTrips.companies',
    `MATCH (c:Company {sample: true}) RETURN c.slug AS slug ORDER BY c.slug LIMIT toInteger($count)`,
    { count },
  );
  return rows;
}

async function mutate(field: 'grantCompanyAccess' | 'revokeCompanyAccess', typename: string, companySlug: string) {
  const subject = world.viewers.vendorA.kind === 'vendor' ? world.viewers.vendorA.subject : '';
  const result = await api.query<Record<string, { __typename: string }>>(
    `mutation($input: CompanyAccessInput!) { ${field}(input: $input) { __typename } }`,
    { input: { companySlug, subject } },
    world.viewers.admin,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.[field]?.__typename).toBe(typename);
}

/** Product drafts made so far, so each gets a name of its own. */
let drafts = 0;

/** Drafts (and, when `submit`, submissions for review) of new products of company A. */
async function submitProducts(count: number, submit: boolean): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const draft = await api.query<{ saveProductDraft: { __typename: string; id?: string } }>(
      `mutation($input: ProductDraftInput!) { saveProductDraft(input: $input) { __typename ... on Submission { id } } }`,
      {
        input: {
          companySlug: world.companyA.slug,
          op: 'create',
          record: world.productRecord(`Tjek ${++drafts} ${world.prefix}`),
        },
      },
      world.viewers.vendorA,
    );
    expect(draft.errors).toBeUndefined();
    expect(draft.data?.saveProductDraft.__typename).toBe('Submission');
    ids.push(draft.data?.saveProductDraft.id as string);
    if (!submit) continue;
    const submitted = await api.query<{ submitDraft: { __typename: string } }>(
      'mutation($id: ID!) { submitDraft(id: $id) { __typename } }',
      { id: draft.data?.saveProductDraft.id },
      world.viewers.vendorA,
    );
    expect(submitted.data?.submitDraft.__typename).toBe('Submission');
  }
  return ids;
}

beforeAll(async () => {
  api = await testApi();
  world = await createTestWorld(testExecutor(), 'list-round-trips');
  const needs = await api.query<{ needs: Array<{ slug: string; providerCount: number }> }>(
    '{ needs { slug providerCount } }',
  );
  const byProviders = [...(needs.data?.needs ?? [])].sort((a, b) => b.providerCount - a.providerCount);
  // The best-served needs, and one nobody offers when there is one (the match's uncovered needs).
  const unserved = byProviders.filter((need) => need.providerCount === 0).slice(0, 1);
  matchNeeds = [...byProviders.slice(0, 4), ...unserved].map((need) => need.slug);
  oneNeed = byProviders[0]?.slug ?? '';
  const writer = new GraphWriter(testExecutor());
  for (const snapshotDay of SNAPSHOT_DAYS) {
    await writeSupplySnapshot(writer, snapshotDay, [{ region: '', measures: snapshotMeasures() }]);
  }
  await operatorWrite(
    'test.listRoundTrips.demand',
    `UNWIND $days AS day UNWIND $needs AS need UNWIND $regions AS region
     CREATE (:DemandDay {day: date(day), kind: 'search', need: need, region: region, sector: null,
                         sizeBand: 'small', signals: 3, zeroResults: 1})
     WITH DISTINCT day
     CREATE (:DemandMiss {day: date(day), words: $prefix + ' ' + day, region: '1084', sector: null,
                          sizeBand: 'small', searches: 2})`,
    { days: DEMAND_DAYS, needs: matchNeeds, regions: DEMAND_REGIONS, prefix: world.prefix },
  );
  // Submitted changes for the review queue, and a grant so the grants list is not empty.
  await submitProducts(4, true);
  const [first] = await sampleCompanies(1);
  if (first) await mutate('grantCompanyAccess', 'CompanyAccessGrant', first.slug);
}, 120_000);

afterAll(async () => {
  await world?.cleanup();
  await operatorWrite(
    'test.listRoundTrips.cleanup',
    `MATCH (t:ApiToken) WHERE t.name STARTS WITH $prefix DETACH DELETE t
     WITH count(*) AS done
     MATCH (s:SupplySnapshot) WHERE s.day IN [day IN $days | date(day)] DETACH DELETE s
     WITH count(*) AS snapshots
     MATCH (d) WHERE (d:DemandDay OR d:DemandMiss) AND d.day IN [day IN $demandDays | date(day)] DETACH DELETE d`,
    { prefix: world.prefix, days: SNAPSHOT_DAYS, demandDays: DEMAND_DAYS },
  );
  await closeTestExecutor();
});

// ---------------------------------------------------------------------------------------------

/** One request: its answer and the Cypher round trips it cost (the analytics answer cache forgotten first). */
async function measure(document: string, variables: Variables, as: Who) {
  forgetAnalyticsAnswers(api.services.executor);
  const viewer: Viewer | undefined = as === 'anonymous' ? undefined : world.viewers[as];
  const before = api.services.executor.counter.roundTrips;
  const result = await api.query(document, variables, viewer);
  const trips = api.services.executor.counter.roundTrips - before;
  expect(result.errors, JSON.stringify(result.errors?.slice(0, 3))).toBeUndefined();
  return { trips, items: listItems(result.data), data: result.data };
}

/**
 * Lists the suite's graph cannot fill: a need nobody offers is uncovered, and every need of the
 * sample has at least three providers (taking them away would change the sample other test files
 * count on). Both are read from the match's in-memory context, not the graph. Should the sample
 * ever fill them, the last check fails until they leave this list.
 */
const EMPTY_IN_THE_SAMPLE = ['FewestProviders.uncoveredNeeds', 'MatchResult.uncoveredNeeds'];

/** The list fields the cases' long answers held items in, for the last check. */
const filled = new Set<string>();

describe('no list field costs a Cypher round trip per item', () => {
  it('has a case for every list field of the schema', () => {
    const covered = new Set<string>();
    for (const one of cases()) {
      for (const document of [one.document, one.largeDocument ?? one.document]) {
        for (const field of selectedListFields(document)) covered.add(field);
      }
    }
    const missing = schemaListFields().filter((field) => !covered.has(field));
    expect(missing, `list fields without a round-trip case: ${missing.join(', ')}`).toEqual([]);
  });

  it.each(cases().map((one) => one.name))('%s', { timeout: 120_000 }, async (name) => {
    const one = cases().find((candidate) => candidate.name === name) as Case;
    const large = one.largeDocument ?? one.document;
    // Once each first, so what a process loads once (the taxonomy, the matcher's index) is not counted.
    await measure(one.document, one.small(), one.as);
    if (!one.grow) await measure(large, one.large(), one.as);
    const short = await measure(one.document, one.small(), one.as);
    await one.grow?.();
    const long = await measure(large, one.large(), one.as);
    const root = parse(large).definitions.some(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation',
    )
      ? schema.getMutationType()
      : schema.getQueryType();
    if (root) listFieldsWithItems(long.data, root, filled);
    console.info(`${name}: ${short.trips} round trips for ${short.items} list items, ${long.trips} for ${long.items}`);
    expect(long.items, 'the long answer holds more list items than the short one').toBeGreaterThan(short.items);
    expect(long.trips).toBe(short.trips);
  });

  // Last, after every case: a list that stayed empty in every answer was selected but never measured.
  it('fills every list field with items in some long answer', () => {
    const empty = schemaListFields().filter((field) => !filled.has(field));
    expect(empty, `list fields no case filled: ${empty.join(', ')}`).toEqual(EMPTY_IN_THE_SAMPLE);
  });
});
