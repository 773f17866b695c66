import { createHash } from 'node:crypto';
import { cvrFromSeed } from '../../graph/cvr';
import type { Executor } from '../../graph/executor';
import { writeCompanyRows } from '../../graph/loaders/ecosystem';
import type { CompanyRow } from '../../graph/model';
import { GraphWriter } from '../../graph/write';
import type { Viewer } from '../../src/auth/viewer';
import type { CompanyRecordInput, ProductRecordInput } from '../../src/use-cases/listing-input';
import { notTestData, operatorWrite, uniquePrefix } from './graph';

/**
 * A small world for the vendor and moderation tests: two imported companies (A and B) with no
 * products, the people who act on them (their vendors, a vendor whose CVR is not listed yet,
 * a reviewer, an admin, an analyst's token) and taxonomy codes to fill records with. Everything
 * carries a unique prefix and is removed by `cleanup`.
 */

// Never a taxonomy entry another test file adds for a while (a world took the need graphql.test
// adds and removes, and its draft then named a need that no longer existed).
const CODES = `
RETURN
  head(COLLECT { MATCH (m:Municipality {code: '101'}) RETURN m.code }) AS municipality,
  head(COLLECT { MATCH (r:Region {code: '1084'}) RETURN r.code }) AS region,
  head(COLLECT { MATCH (x:Sector) WHERE ${notTestData('x')} RETURN x.code ORDER BY x.code }) AS sector,
  head(COLLECT { MATCH (x:Skill {kind: 'role'}) WHERE ${notTestData('x')} RETURN x.code ORDER BY x.code }) AS skill,
  head(COLLECT { MATCH (x:Certification) WHERE ${notTestData('x')} RETURN x.code ORDER BY x.code }) AS certification,
  head(COLLECT {
    MATCH (x:Category {scheme: 'service'}) WHERE ${notTestData('x')} RETURN x.code ORDER BY x.code
  }) AS category,
  head(COLLECT { MATCH (x:CsfCategory) WHERE ${notTestData('x')} RETURN x.code ORDER BY x.code }) AS csfCategory,
  head(COLLECT { MATCH (x:Regulation) WHERE ${notTestData('x')} RETURN x.code ORDER BY x.code }) AS regulation,
  head(COLLECT {
    MATCH (n:Need) WHERE ${notTestData('n')}
    RETURN n.slug ORDER BY COUNT { (n)<-[:ADDRESSES]-(:Product {status: 'active'}) }, n.slug
  }) AS need`;

export type Codes = Record<
  'municipality' | 'region' | 'sector' | 'skill' | 'certification' | 'category' | 'csfCategory' | 'regulation' | 'need',
  string
>;

export type PersonName = 'vendorA' | 'vendorB' | 'newcomer' | 'reviewer' | 'admin';

export interface TestWorld {
  prefix: string;
  codes: Codes;
  companyA: { slug: string; cvr: string };
  companyB: { slug: string; cvr: string };
  /** A valid CVR number that is not in the directory: the newcomer's. */
  newcomerCvr: string;
  viewers: Record<PersonName | 'anonymous' | 'analyst', Viewer>;
  companyRecord(overrides?: Partial<CompanyRecordInput>): CompanyRecordInput;
  productRecord(name: string, overrides?: Partial<ProductRecordInput>): ProductRecordInput;
  cleanup(): Promise<void>;
}

const freshCvr = () => cvrFromSeed(Math.floor(Math.random() * 8_000_000));

/**
 * Removes the companies whose slug holds `prefix`, with their products, through the write path,
 * so search and matching drop them as they would any deleted listing.
 */
export async function removeCompanies(writer: GraphWriter, name: string, prefix: string): Promise<void> {
  await writer.change(name, async (tx) => {
    const removed = await tx.run<{ company: string; products: string[] }>(
      `MATCH (c:Company) WHERE c.slug CONTAINS $prefix
       OPTIONAL MATCH (c)-[:OFFERS]->(p:Product)
       WITH c, c.slug AS company, collect(p) AS products, collect(p.slug) AS productSlugs
       FOREACH (p IN products | DETACH DELETE p)
       DETACH DELETE c
       RETURN company, productSlugs AS products`,
      { prefix },
    );
    for (const { company, products } of removed) {
      tx.changed(
        ...products.map((slug) => ({ kind: 'Product' as const, key: slug, op: 'deleted' as const, company })),
        { kind: 'Company', key: company, op: 'deleted', company },
      );
    }
  });
}

export async function createTestWorld(executor: Executor, name: string): Promise<TestWorld> {
  const prefix = uniquePrefix(name);
  const [codes] = await executor.read<Codes>('test.codes', CODES);
  if (!codes || Object.values(codes).some((code) => !code)) throw new Error('the suite graph lacks taxonomy codes');

  const companyRecord = (overrides: Partial<CompanyRecordInput> = {}): CompanyRecordInput => ({
    name: `Testfirma ${prefix}`,
    legalForm: 'ApS',
    description: {
      da: 'Vi hjælper små virksomheder med it-sikkerhed i hverdagen.',
      en: 'We help small businesses with everyday IT security.',
    },
    address: 'Prøvevej 1',
    postcode: '1000',
    city: 'København',
    municipalityCode: codes.municipality,
    website: 'https://testfirma.example',
    email: 'kontakt@testfirma.example',
    phone: '+45 00 00 00 00',
    founded: 2020,
    employees: 5,
    sizeBand: 'micro',
    languages: ['da', 'en'],
    customerSizeBands: ['micro', 'small'],
    regionsServed: [codes.region],
    sectorCodes: [codes.sector],
    competences: [{ skillCode: codes.skill, headcount: 2 }],
    certifications: [
      {
        code: codes.certification,
        validUntil: '2099-01-01',
        evidence: 'https://testfirma.example/certifikat.pdf',
        certificateNumber: null,
        issuer: null,
      },
    ],
    ...overrides,
  });

  const productRecord = (productName: string, overrides: Partial<ProductRecordInput> = {}): ProductRecordInput => ({
    name: productName,
    kind: 'service',
    description: {
      da: 'En kvartalsvis gennemgang af jeres sikkerhed med en skriftlig plan.',
      en: 'A quarterly review of your security with a written plan.',
    },
    pricingModel: 'fixed',
    priceFromDkk: 4_900,
    delivery: ['remote'],
    languages: ['da'],
    smeFit: true,
    needSlugs: [codes.need],
    categoryCodes: [codes.category],
    csfCategoryCodes: [codes.csfCategory],
    regulationCodes: [],
    ...overrides,
  });

  const company = (label: string): CompanyRow => {
    const record = companyRecord({ name: `Testfirma ${label} ${prefix}` });
    return {
      ...(record as Omit<CompanyRow, 'cvr' | 'slug' | 'sample' | 'partnerSlugs' | 'certifications'>),
      cvr: freshCvr(),
      slug: `${prefix}-${label}`,
      sample: false,
      partnerSlugs: [],
      certifications: [
        {
          code: codes.certification,
          validUntil: '2099-01-01',
          evidence: 'https://testfirma.example/certifikat.pdf',
          source: 'import',
          verifiedBy: null,
          verifiedAt: null,
        },
      ],
    };
  };
  const a = company('a');
  const b = company('b');
  const writer = new GraphWriter(executor);
  await writer.change('test.companies', (tx) => writeCompanyRows(tx, [a, b]));

  const people: Array<{ name: PersonName; kind: 'vendor' | 'staff'; cvr: string | null; roles: string[] }> = [
    { name: 'vendorA', kind: 'vendor', cvr: a.cvr, roles: [] },
    { name: 'vendorB', kind: 'vendor', cvr: b.cvr, roles: [] },
    { name: 'newcomer', kind: 'vendor', cvr: freshCvr(), roles: [] },
    { name: 'reviewer', kind: 'staff', cvr: null, roles: ['reviewer'] },
    { name: 'admin', kind: 'staff', cvr: null, roles: ['admin'] },
  ];
  const subject = (person: PersonName) => `${prefix}-${person}`;
  await operatorWrite(
    'test.people',
    `UNWIND $people AS person
     CREATE (:User {id: randomUUID(), issuer: 'test', subject: person.subject, kind: person.kind,
                    name: person.display, email: person.email, cvr: person.cvr, roles: person.roles})`,
    {
      people: people.map((p) => ({
        ...p,
        subject: subject(p.name),
        display: `Test ${p.name}`,
        email: `${p.name}@test.example`,
      })),
    },
  );
  const newcomerCvr = people[2]?.cvr as string;
  const vendor = (person: PersonName, cvr: string, companies: string[]): Viewer => ({
    kind: 'vendor',
    subject: subject(person),
    name: `Test ${person}`,
    email: `${person}@test.example`,
    cvr,
    companies,
    sessionId: 'test',
  });
  const staff = (person: PersonName, role: 'reviewer' | 'admin'): Viewer => ({
    kind: 'staff',
    subject: subject(person),
    name: `Test ${person}`,
    email: `${person}@test.example`,
    roles: [role],
    sessionId: 'test',
  });

  return {
    prefix,
    codes,
    companyA: { slug: a.slug, cvr: a.cvr },
    companyB: { slug: b.slug, cvr: b.cvr },
    newcomerCvr,
    viewers: {
      anonymous: { kind: 'anonymous' },
      vendorA: vendor('vendorA', a.cvr, [a.slug]),
      vendorB: vendor('vendorB', b.cvr, [b.slug]),
      newcomer: vendor('newcomer', newcomerCvr, []),
      reviewer: staff('reviewer', 'reviewer'),
      admin: staff('admin', 'admin'),
      analyst: { kind: 'token', tokenId: `${prefix}-token`, roles: ['analyst'] },
    },
    companyRecord,
    productRecord,
    async cleanup() {
      await removeCompanies(writer, 'test.cleanupListings', prefix);
      await operatorWrite(
        'test.cleanupPeople',
        `MATCH (s:Submission) WHERE s.companySlug CONTAINS $prefix DETACH DELETE s
         WITH count(*) AS done
         MATCH (u:User {issuer: 'test'}) WHERE u.subject STARTS WITH $prefix
         WITH collect(u.id) AS ids, collect(u) AS users
         CALL (ids) { MATCH (e:AuditEvent) WHERE e.actorId IN ids OR e.company CONTAINS $prefix DELETE e }
         FOREACH (u IN users | DETACH DELETE u)`,
        { prefix },
      );
    },
  };
}

/**
 * A content fingerprint of everything a company's listing and its moderation consist of: the
 * company, its products, their links (with properties), its submissions, audit events and
 * change-log entries. Equal fingerprints mean nothing of it changed.
 */
export async function listingFingerprint(executor: Executor, companySlug: string): Promise<string> {
  const rows = await executor.read<{ node: unknown; links: unknown[] }>(
    'test.fingerprint',
    `CALL () {
       MATCH (n:Company {slug: $slug}) RETURN n
       UNION MATCH (:Company {slug: $slug})-[:OFFERS]->(n:Product) RETURN n
       UNION MATCH (n:Submission {companySlug: $slug}) RETURN n
       UNION MATCH (n:AuditEvent {company: $slug}) RETURN n
       UNION MATCH (n:Change {company: $slug}) RETURN n
     }
     OPTIONAL MATCH (n)-[r]-(m)
     WITH n, r, m ORDER BY type(r), coalesce(m.slug, m.code, m.id, m.seq)
     RETURN [labels(n), properties(n)] AS node,
            collect([type(r), startNode(r) = n, properties(r), labels(m), coalesce(m.slug, m.code, m.id)]) AS links`,
    { slug: companySlug },
  );
  const canonical = rows.map((row) => JSON.stringify(sortKeys(row))).sort();
  return createHash('sha256').update(canonical.join('\n')).digest('hex');
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
