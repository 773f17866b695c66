import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lastChangeSeq } from '../../graph/changes';
import { GraphWriter, type WriteTransaction } from '../../graph/write';
import type { Viewer } from '../../src/auth/viewer';
import type { Follower } from '../../src/indexing/sync';
import { approveSubmission } from '../../src/use-cases/moderation';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { followIntoReadModels, testApi } from '../support/api';
import { closeTestExecutor, testExecutor } from '../support/graph';
import { createTestWorld, listingFingerprint, type TestWorld } from '../support/listings';

/**
 * The vendor → reviewer loop through GraphQL against the real Neo4j: drafts stay private, an
 * approval publishes in one transaction and reaches search and matching within seconds, a
 * rejection's reason reaches the vendor, a second edit of the same version is a conflict, and
 * an approval that fails half-way leaves the graph as it was.
 */

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;
let world: TestWorld;
let follower: Follower;

beforeAll(async () => {
  api = await testApi();
  world = await createTestWorld(testExecutor(), 'moderation');
  follower = await followIntoReadModels(api.services);
});

afterAll(async () => {
  follower?.stop();
  await world?.cleanup();
  await closeTestExecutor();
});

const SUBMISSION_FIELDS = `
  __typename
  ... on Submission { id status op kind targetSlug baseVersion publishedVersion reason }
  ... on Error { code message }
  ... on ValidationError { issues { path code message } }
  ... on ConflictError { currentVersion }`;

interface SubmissionResult {
  __typename: string;
  id: string;
  status: string;
  targetSlug: string;
  baseVersion: number | null;
  publishedVersion: number | null;
  reason: string | null;
  code?: string;
  message?: string;
  issues?: Array<{ path: string; code: string; message: string }>;
  currentVersion?: number | null;
}

async function mutate(field: string, args: string, variables: Record<string, unknown>, as: Viewer) {
  const result = await api.query<Record<string, SubmissionResult>>(
    `mutation Do(${args}) { result: ${field} { ${SUBMISSION_FIELDS} } }`,
    variables,
    as,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data?.result as SubmissionResult;
}

const saveProductDraft = (input: Record<string, unknown>, as: Viewer) =>
  mutate('saveProductDraft(input: $input)', '$input: ProductDraftInput!', { input }, as);
const saveCompanyDraft = (input: Record<string, unknown>, as: Viewer) =>
  mutate('saveCompanyDraft(input: $input)', '$input: CompanyDraftInput!', { input }, as);
const submit = (id: string, as: Viewer) => mutate('submitDraft(id: $id)', '$id: ID!', { id }, as);
const approve = (id: string, as: Viewer) => mutate('approveSubmission(id: $id)', '$id: ID!', { id }, as);
const reject = (id: string, reason: string, as: Viewer) =>
  mutate('rejectSubmission(id: $id, reason: $reason)', '$id: ID!, $reason: String!', { id, reason }, as);

async function companyVersion(slug: string): Promise<number> {
  const result = await api.query<{ company: { version: number } }>(
    'query V($slug: String!) { company(slug: $slug) { version } }',
    {
      slug,
    },
  );
  return result.data?.company.version as number;
}

/** Whether the follower has brought the product into the search index and company A into the match candidates. */
async function followed(productSlug: string): Promise<{ indexed: boolean; matchable: boolean }> {
  const { search, matcher } = api.services;
  const found = await search.search({ query: '', filters: { companySlug: world.companyA.slug }, limit: 100 });
  return {
    indexed: found.hits.some((hit) => hit.document.id === `product:${productSlug}`),
    matchable: matcher.candidates.candidatesFor([world.codes.need]).some((c) => c.slug === world.companyA.slug),
  };
}

async function searchedSlugs(words: string): Promise<string[]> {
  const result = await api.query<{ search: { hits: Array<{ slug: string }> } }>(
    'query S($q: String!) { search(query: $q, filters: {kind: [product]}, limit: 20) { hits { slug } } }',
    { q: words },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.search.hits.map((hit) => hit.slug) ?? [];
}

async function matchedCompanies(need: string): Promise<string[]> {
  const result = await api.query<{ match: { providers: Array<{ company: { slug: string } }> } }>(
    'query M($needs: [String!]!) { match(profile: {needs: $needs}) { providers(limit: 50) { company { slug } } } }',
    { needs: [need] },
  );
  expect(result.errors).toBeUndefined();
  return result.data?.match.providers.map((provider) => provider.company.slug) ?? [];
}

describe('a vendor proposes, a reviewer decides', () => {
  it('publishes a new product on approval, into search and matching within 5 s, and retires it again', async () => {
    const { vendorA, reviewer } = world.viewers;
    const name = `Kvarkskjold ${world.prefix.slice(-6)}`;
    const draft = await saveProductDraft(
      { companySlug: world.companyA.slug, op: 'create', record: world.productRecord(name) },
      vendorA,
    );
    expect(draft).toMatchObject({ __typename: 'Submission', status: 'draft', baseVersion: null });
    const slug = draft.targetSlug;

    // Nothing of a draft or a pending submission is public.
    const submitted = await submit(draft.id, vendorA);
    expect(submitted.status).toBe('submitted');
    await follower.runOnce();
    const pending = await api.query<{ product: unknown }>('query P($slug: String!) { product(slug: $slug) { slug } }', {
      slug,
    });
    expect(pending.data?.product).toBeNull();
    expect(await searchedSlugs(name)).not.toContain(slug);

    const queue = await api.query<{
      reviewQueue: {
        items: Array<{
          submission: { id: string };
          stale: boolean;
          changes: Array<{ field: string; before: string | null; after: string | null }>;
        }>;
      };
    }>(
      'query { reviewQueue(limit: 100) { items { submission { id } stale changes { field before after } } } }',
      {},
      reviewer,
    );
    expect(queue.errors).toBeUndefined();
    const item = queue.data?.reviewQueue.items.find((entry) => entry.submission.id === draft.id);
    expect(item?.stale).toBe(false);
    expect(item?.changes).toContainEqual({ field: 'name', before: null, after: JSON.stringify(name) });
    expect(item?.changes).toContainEqual({
      field: 'needSlugs',
      before: null,
      after: JSON.stringify([world.codes.need]),
    });

    const approvedAt = performance.now();
    const approved = await approve(draft.id, reviewer);
    expect(approved).toMatchObject({ __typename: 'Submission', status: 'approved', publishedVersion: 1 });
    await vi.waitFor(async () => expect(await followed(slug)).toEqual({ indexed: true, matchable: true }), {
      timeout: 5_000,
      interval: 50,
    });
    console.info(`approved product searchable and matchable after ${Math.round(performance.now() - approvedAt)} ms`);
    expect(await searchedSlugs(name)).toContain(slug);
    expect(await matchedCompanies(world.codes.need)).toContain(world.companyA.slug);

    const published = await api.query<{
      product: { status: string; version: number; provenance: Record<string, unknown> };
    }>(
      'query P($slug: String!) { product(slug: $slug) { status version provenance { source approvedBy submittedAt approvedAt } } }',
      { slug },
    );
    expect(published.data?.product).toMatchObject({
      status: 'active',
      version: 1,
      provenance: { source: 'vendor', approvedBy: 'NCC-DK' },
    });
    expect(published.data?.product.provenance.submittedAt).toBeTruthy();
    expect(published.data?.product.provenance.approvedAt).toBeTruthy();

    const retirement = await saveProductDraft(
      { companySlug: world.companyA.slug, op: 'retire', productSlug: slug, baseVersion: 1 },
      vendorA,
    );
    await submit(retirement.id, vendorA);
    const retiredAt = performance.now();
    expect(await approve(retirement.id, reviewer)).toMatchObject({ status: 'approved', publishedVersion: 2 });
    await vi.waitFor(async () => expect(await followed(slug)).toEqual({ indexed: false, matchable: false }), {
      timeout: 5_000,
      interval: 50,
    });
    console.info(`retired product gone from search and matching after ${Math.round(performance.now() - retiredAt)} ms`);
    expect(await searchedSlugs(name)).not.toContain(slug);
    expect(await matchedCompanies(world.codes.need)).not.toContain(world.companyA.slug);

    const desk = await api.query<{
      mySubmissions: {
        submissions: Array<{ id: string; status: string }>;
        history: Array<{ submissionId: string; version: number; targetSlug: string }>;
      };
    }>(
      'query { mySubmissions { submissions { id status } history { submissionId version targetSlug } } }',
      {},
      vendorA,
    );
    expect(desk.data?.mySubmissions.history.filter((entry) => entry.targetSlug === slug)).toEqual([
      { submissionId: retirement.id, version: 2, targetSlug: slug },
      { submissionId: draft.id, version: 1, targetSlug: slug },
    ]);
  });

  it('shows the reviewer’s reason to the vendor and leaves the listing as it was', async () => {
    const { vendorA, reviewer } = world.viewers;
    const version = await companyVersion(world.companyA.slug);
    const draft = await saveCompanyDraft(
      {
        companySlug: world.companyA.slug,
        op: 'update',
        baseVersion: version,
        record: world.companyRecord({ employees: 40, sizeBand: 'small' }),
      },
      vendorA,
    );
    await submit(draft.id, vendorA);
    const reason = 'Antallet af ansatte passer ikke med CVR-registret.';
    expect(await reject(draft.id, reason, reviewer)).toMatchObject({ status: 'rejected', reason });

    const desk = await api.query<{
      mySubmissions: { submissions: Array<{ id: string; status: string; reason: string }> };
    }>('query { mySubmissions { submissions { id status reason } } }', {}, vendorA);
    expect(desk.data?.mySubmissions.submissions).toContainEqual({ id: draft.id, status: 'rejected', reason });
    const company = await api.query<{ company: { employees: number; version: number } }>(
      'query C($slug: String!) { company(slug: $slug) { employees version } }',
      { slug: world.companyA.slug },
    );
    expect(company.data?.company).toEqual({ employees: 5, version });
  });

  it('refuses a second edit made from the same version with a conflict, never overwriting', async () => {
    const { vendorA, reviewer } = world.viewers;
    const base = await companyVersion(world.companyA.slug);
    const first = await saveCompanyDraft(
      {
        companySlug: world.companyA.slug,
        op: 'update',
        baseVersion: base,
        record: world.companyRecord({ phone: '+45 00 00 00 01' }),
      },
      vendorA,
    );
    const second = await saveCompanyDraft(
      {
        companySlug: world.companyA.slug,
        op: 'update',
        baseVersion: base,
        record: world.companyRecord({ phone: '+45 00 00 00 02' }),
      },
      vendorA,
    );
    await submit(first.id, vendorA);
    await submit(second.id, vendorA);
    expect(await approve(first.id, reviewer)).toMatchObject({ status: 'approved', publishedVersion: base + 1 });

    const queue = await api.query<{ reviewQueue: { items: Array<{ submission: { id: string }; stale: boolean }> } }>(
      'query { reviewQueue(limit: 100) { items { submission { id } stale } } }',
      {},
      reviewer,
    );
    expect(queue.data?.reviewQueue.items.find((item) => item.submission.id === second.id)?.stale).toBe(true);

    const conflict = await approve(second.id, reviewer);
    expect(conflict).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT', currentVersion: base + 1 });
    const phone = await api.query<{ company: { phone: string; version: number } }>(
      'query C($slug: String!) { company(slug: $slug) { phone version } }',
      { slug: world.companyA.slug },
    );
    expect(phone.data?.company).toEqual({ phone: '+45 00 00 00 01', version: base + 1 });

    // A draft begun on the old version is refused when saved or submitted, before any review.
    const stale = await saveCompanyDraft(
      { companySlug: world.companyA.slug, op: 'update', baseVersion: base, record: world.companyRecord() },
      vendorA,
    );
    expect(stale).toMatchObject({ __typename: 'ConflictError', currentVersion: base + 1 });
    expect(await reject(second.id, 'Forældet: lavet ud fra en ældre version.', reviewer)).toMatchObject({
      status: 'rejected',
    });
  });

  it('leaves the graph exactly as it was when an approval fails half-way', async () => {
    const { vendorA, reviewer } = world.viewers;
    const { services } = api;
    const draft = await saveDraft(services, vendorA, {
      kind: 'company',
      op: 'update',
      companySlug: world.companyA.slug,
      baseVersion: await companyVersion(world.companyA.slug),
      record: world.companyRecord({ city: 'Frederiksberg', competences: [] }),
    });
    await submitDraft(services, vendorA, draft.id);
    const before = await listingFingerprint(testExecutor(), world.companyA.slug);
    const seqBefore = await lastChangeSeq(services.executor);

    // The approval's last statement (the audit event) fails: the listing, its version and the
    // submission's decision were written before it in the same transaction.
    const failing = new FailingWriter(services.executor, /CREATE \(e:AuditEvent/);
    await expect(approveSubmission({ ...services, writer: failing }, reviewer, draft.id)).rejects.toThrow(
      /forced failure/,
    );
    expect(failing.failed).toBe(true);
    expect(await listingFingerprint(testExecutor(), world.companyA.slug)).toBe(before);
    const logged = await services.executor.read<{ n: number }>(
      'test.changesSince',
      'MATCH (c:Change) WHERE c.seq > $seq AND c.company = $slug RETURN count(c) AS n',
      { seq: seqBefore, slug: world.companyA.slug },
    );
    expect(logged[0]?.n).toBe(0);

    // The same approval without the fault goes through.
    const approved = await approveSubmission(services, reviewer, draft.id);
    expect(approved.submission.status).toBe('approved');
    expect(await listingFingerprint(testExecutor(), world.companyA.slug)).not.toBe(before);
  });
});

describe('provenance', () => {
  it('marks the fictional sample as such, and imported data as imported', async () => {
    const result = await api.query<{
      companies: {
        items: Array<{
          slug: string;
          sample: boolean;
          version: number;
          provenance: { source: string; approvedBy: null };
        }>;
      };
      imported: { provenance: { source: string } };
    }>(
      `query Q($slug: String!) {
         companies(limit: 50) { items { slug sample version provenance { source approvedBy } } }
         imported: company(slug: $slug) { provenance { source } }
       }`,
      { slug: world.companyB.slug },
    );
    expect(result.errors).toBeUndefined();
    // Other test files add imported companies of their own for a while, so the list may hold some (a page of
    // 50: under a loaded run a page of 5 was once all theirs):
    // every company is sample exactly when its source says so, and the sample is there.
    const items = result.data?.companies.items ?? [];
    expect(items.filter((company) => company.sample).length).toBeGreaterThan(0);
    for (const company of items) {
      expect(company.provenance.source === 'sample').toBe(company.sample);
      if (company.sample) expect(company.provenance.approvedBy).toBeNull();
      expect(company.version).toBeGreaterThanOrEqual(1);
    }
    expect(result.data?.imported.provenance.source).toBe('import');
  });
});

describe('drafts and validation', () => {
  it('returns every invalid field as a typed validation error and writes nothing', async () => {
    const before = await listingFingerprint(testExecutor(), world.companyA.slug);
    const result = await saveProductDraft(
      {
        companySlug: world.companyA.slug,
        op: 'create',
        record: world.productRecord('Ugyldig', {
          priceFromDkk: null,
          needSlugs: ['findes-ikke'],
          description: { da: 'kort', en: 'A long enough English description of the service.' },
        }),
      },
      world.viewers.vendorA,
    );
    expect(result.__typename).toBe('ValidationError');
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.issues?.map((issue) => issue.path).sort()).toEqual(['description.da', 'priceFromDkk']);
    const references = await saveProductDraft(
      {
        companySlug: world.companyA.slug,
        op: 'create',
        record: world.productRecord('Ukendt behov', { needSlugs: ['findes-ikke'] }),
      },
      world.viewers.vendorA,
    );
    expect(references.issues).toEqual([
      { path: 'needSlugs.0', code: 'unknown_reference', message: 'unknown need: findes-ikke' },
    ]);
    expect(await listingFingerprint(testExecutor(), world.companyA.slug)).toBe(before);
  });

  it('refuses a request of more than ten mutations before running any', async () => {
    const many = Array.from(
      { length: 11 },
      (_, i) => `m${i}: withdrawSubmission(id: "00000000-0000-0000-0000-00000000000${i % 10}") { __typename }`,
    );
    const result = await api.query(`mutation { ${many.join(' ')} }`, {}, world.viewers.vendorA);
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('registers a company whose CVR is not listed, public only once approved', async () => {
    const { newcomer, reviewer } = world.viewers;
    const register = (cvr: string) =>
      mutate(
        'registerCompany(input: $input)',
        '$input: CompanyRegistrationInput!',
        { input: { cvr, record: world.companyRecord({ name: `Nyfirma ${world.prefix}` }) } },
        newcomer,
      );
    const wrongDigit = `${world.newcomerCvr.slice(0, 7)}${(Number(world.newcomerCvr[7]) + 1) % 10}`;
    expect(await register(wrongDigit)).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: 'cvr', code: 'invalid_cvr' }],
    });
    expect(await register(world.companyA.cvr)).toMatchObject({ __typename: 'ForbiddenError' });

    const draft = await register(world.newcomerCvr);
    expect(draft).toMatchObject({ __typename: 'Submission', status: 'draft' });
    await submit(draft.id, newcomer);
    const hidden = await api.query<{ company: unknown }>('query C($slug: String!) { company(slug: $slug) { slug } }', {
      slug: draft.targetSlug,
    });
    expect(hidden.data?.company).toBeNull();

    expect(await approve(draft.id, reviewer)).toMatchObject({ status: 'approved', publishedVersion: 1 });
    const published = await api.query<{ company: { cvr: string; version: number; provenance: { source: string } } }>(
      'query C($slug: String!) { company(slug: $slug) { cvr version provenance { source } } }',
      { slug: draft.targetSlug },
    );
    expect(published.data?.company).toEqual({ cvr: world.newcomerCvr, version: 1, provenance: { source: 'vendor' } });
  });

  it('lets a reviewer verify a certification, saying how', async () => {
    const result = await api.query<{
      verifyCertification: {
        __typename: string;
        certifications?: Array<{ code: string; trust: string; verifiedBy: string; verificationMethod: string }>;
      };
    }>(
      `mutation V($input: CertificationVerificationInput!) {
         verifyCertification(input: $input) {
           __typename
           ... on Company { certifications { code trust verifiedBy verificationMethod } }
         }
       }`,
      {
        input: {
          companySlug: world.companyB.slug,
          certificationCode: world.codes.certification,
          method: 'issuer register',
        },
      },
      world.viewers.reviewer,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.verifyCertification.certifications).toContainEqual({
      code: world.codes.certification,
      trust: 'verified',
      verifiedBy: 'NCC-DK',
      verificationMethod: 'issuer register',
    });
  });

  it('answers each of two verifications in one request with the company as that one left it', async () => {
    type Verified = { certifications: Array<{ code: string; verificationMethod: string }> };
    const input = (method: string) => ({
      companySlug: world.companyB.slug,
      certificationCode: world.codes.certification,
      method,
    });
    // Mutations run one after the other: the second's answer must not be the first's profile, read
    // before the second wrote.
    const result = await api.query<{ first: Verified; second: Verified }>(
      `mutation V($a: CertificationVerificationInput!, $b: CertificationVerificationInput!) {
         first: verifyCertification(input: $a) { ... on Company { certifications { code verificationMethod } } }
         second: verifyCertification(input: $b) { ... on Company { certifications { code verificationMethod } } }
       }`,
      { a: input('issuer register'), b: input('certificate seen') },
      world.viewers.reviewer,
    );
    expect(result.errors).toBeUndefined();
    const method = (answer?: Verified) =>
      answer?.certifications.find((c) => c.code === world.codes.certification)?.verificationMethod;
    expect(method(result.data?.first)).toBe('issuer register');
    expect(method(result.data?.second)).toBe('certificate seen');
  });
});

/** A writer whose transaction fails right after the first statement matching `failAfter`. */
class FailingWriter extends GraphWriter {
  failed = false;

  constructor(
    executor: GraphWriter['executor'],
    private readonly failAfter: RegExp,
  ) {
    super(executor);
  }

  override change<T>(name: string, work: (tx: WriteTransaction) => Promise<T>, options: { actor?: string } = {}) {
    return super.change(
      name,
      (tx) =>
        work({
          changed: (...changes) => tx.changed(...changes),
          run: async (cypher, params) => {
            const rows = await tx.run(cypher, params);
            if (this.failAfter.test(cypher)) {
              this.failed = true;
              throw new Error('forced failure');
            }
            return rows as never;
          },
        }),
      options,
    );
  }
}
