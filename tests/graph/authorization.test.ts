import { GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificationView, ProvenanceView } from '../../graph/views';
import { createContext } from '../../src/api/context';
import { schema } from '../../src/api/schema/index';
import type { Viewer } from '../../src/auth/viewer';
import type { SubmissionView } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { testApi } from '../support/api';
import { closeTestExecutor, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';

/**
 * Who may resolve what, read from the schema itself. Every root field and every object type
 * declares its auth scopes; a field is public when every scope that applies to it is `public`.
 * Every other field — each mutation, each non-public query, each field of a non-public type —
 * needs a row below, with the outcome for six viewers, relative to company A's data:
 * `ok` = authorised (it may still fail for another reason, e.g. CONFLICT), `-` = FORBIDDEN.
 * A new mutation or non-public field without a row fails this test, and so does a row left
 * behind by a field that is gone.
 */

const VIEWERS = ['anonymous', 'vendorA', 'vendorB', 'reviewer', 'admin', 'analyst'] as const;
type Who = (typeof VIEWERS)[number];
type Outcome = 'ok' | '-';

const row = (...outcomes: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome]) =>
  Object.fromEntries(VIEWERS.map((who, i) => [who, outcomes[i]])) as Record<Who, Outcome>;

// biome-ignore format: a table reads best aligned
const MATRIX: Record<string, Record<Who, Outcome>> = {
  //                                       anonymous vendorA vendorB reviewer admin analyst
  'Query.mySubmissions':               row('-',      'ok',   'ok',   '-',     '-',  '-'),
  'Query.submission':                  row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Query.reviewQueue':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Mutation.saveCompanyDraft':         row('-',      'ok',   '-',    '-',     '-',  '-'),
  'Mutation.saveProductDraft':         row('-',      'ok',   '-',    '-',     '-',  '-'),
  'Mutation.registerCompany':          row('-',      'ok',   '-',    '-',     '-',  '-'),
  'Mutation.submitDraft':              row('-',      'ok',   '-',    '-',     '-',  '-'),
  'Mutation.withdrawSubmission':       row('-',      'ok',   '-',    '-',     '-',  '-'),
  'Mutation.approveSubmission':        row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Mutation.rejectSubmission':         row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Mutation.verifyCertification':      row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Submission.id':                     row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.kind':                   row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.op':                     row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.status':                 row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.targetSlug':             row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.companySlug':            row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.cvr':                    row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.baseVersion':            row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.payload':                row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.createdAt':              row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.updatedAt':              row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.submittedAt':            row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.decidedAt':              row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.reason':                 row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.publishedVersion':       row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'Submission.author':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'SubmissionAuthor.id':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'SubmissionAuthor.name':             row('-',      '-',    '-',    'ok',    'ok', '-'),
  'SubmissionAuthor.email':            row('-',      '-',    '-',    'ok',    'ok', '-'),
  'PublishedVersion.submissionId':     row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'PublishedVersion.kind':             row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'PublishedVersion.op':               row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'PublishedVersion.targetSlug':       row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'PublishedVersion.companySlug':      row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'PublishedVersion.version':          row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'PublishedVersion.approvedAt':       row('-',      'ok',   '-',    'ok',    'ok', '-'),
  'VendorDesk.submissions':            row('-',      'ok',   'ok',   '-',     '-',  '-'),
  'VendorDesk.history':                row('-',      'ok',   'ok',   '-',     '-',  '-'),
  'FieldChange.field':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'FieldChange.before':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'FieldChange.after':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewItem.submission':             row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewItem.changes':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewItem.currentVersion':         row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewItem.stale':                  row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewQueue.total':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewQueue.limit':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewQueue.offset':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ReviewQueue.items':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Provenance.submittedByUser':        row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Provenance.approvedByUser':         row('-',      '-',    '-',    'ok',    'ok', '-'),
  'HeldCertification.verifiedByUser':  row('-',      '-',    '-',    'ok',    'ok', '-'),
};

type ScopeMap = Record<string, unknown> | ((...args: unknown[]) => unknown);

const scopesOf = (holder: { extensions?: unknown }): ScopeMap | undefined =>
  (holder.extensions as { pothosOptions?: { authScopes?: ScopeMap } } | undefined)?.pothosOptions?.authScopes;

const isPublic = (scopes: ScopeMap) => typeof scopes === 'object' && scopes.public === true;

/** Every object field by its scopes: public, not public, or saying nothing (which is a mistake). */
function classify(target: GraphQLSchema) {
  const result = { public: [] as string[], restricted: [] as string[], unmarked: [] as string[] };
  for (const type of Object.values(target.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const root = type === target.getQueryType() || type === target.getMutationType();
    const typeScopes = root ? undefined : scopesOf(type);
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      const applying = [typeScopes, scopesOf(field)].filter((scopes): scopes is ScopeMap => scopes !== undefined);
      if (applying.length === 0 || (root && !scopesOf(field))) result.unmarked.push(coordinate);
      else if (applying.every(isPublic)) result.public.push(coordinate);
      else result.restricted.push(coordinate);
    }
  }
  return result;
}

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;
let world: TestWorld;
let viewers: Record<Who, Viewer>;
let draftOfA: SubmissionView;

beforeAll(async () => {
  api = await testApi();
  world = await createTestWorld(testExecutor(), 'authz');
  viewers = {
    anonymous: world.viewers.anonymous,
    vendorA: world.viewers.vendorA,
    vendorB: world.viewers.vendorB,
    reviewer: world.viewers.reviewer,
    admin: world.viewers.admin,
    analyst: world.viewers.analyst,
  };
  draftOfA = await newDraft('Matrixkladde');
});

afterAll(async () => {
  await world?.cleanup();
  await closeTestExecutor();
});

let drafts = 0;
/** A fresh draft of a new product of company A, by A's vendor. */
async function newDraft(name = 'Matrixydelse', submitted = false): Promise<SubmissionView> {
  drafts += 1;
  const draft = await saveDraft(api.services, world.viewers.vendorA, {
    kind: 'product',
    op: 'create',
    companySlug: world.companyA.slug,
    record: world.productRecord(`${name} ${drafts}`),
  });
  return submitted ? submitDraft(api.services, world.viewers.vendorA, draft.id) : draft;
}

const RESULT = '{ __typename ... on Error { code } }';

/** For each root field: an operation aliased `result`, made against fresh data of company A. */
const OPERATIONS: Record<string, () => Promise<{ document: string; variables?: Record<string, unknown> }>> = {
  'Query.mySubmissions': async () => ({ document: '{ result: mySubmissions { __typename } }' }),
  'Query.submission': async () => ({
    document: 'query Q($id: ID!) { result: submission(id: $id) { __typename } }',
    variables: { id: draftOfA.id },
  }),
  'Query.reviewQueue': async () => ({ document: '{ result: reviewQueue(limit: 1) { __typename } }' }),
  'Mutation.saveCompanyDraft': async () => ({
    document: `mutation M($input: CompanyDraftInput!) { result: saveCompanyDraft(input: $input) ${RESULT} }`,
    variables: {
      input: { companySlug: world.companyA.slug, op: 'update', baseVersion: 1, record: world.companyRecord() },
    },
  }),
  'Mutation.saveProductDraft': async () => ({
    document: `mutation M($input: ProductDraftInput!) { result: saveProductDraft(input: $input) ${RESULT} }`,
    variables: {
      input: { companySlug: world.companyA.slug, op: 'create', record: world.productRecord('Matrixprodukt') },
    },
  }),
  'Mutation.registerCompany': async () => ({
    document: `mutation M($input: CompanyRegistrationInput!) { result: registerCompany(input: $input) ${RESULT} }`,
    variables: { input: { cvr: world.companyA.cvr, record: world.companyRecord() } },
  }),
  'Mutation.submitDraft': async () => ({
    document: `mutation M($id: ID!) { result: submitDraft(id: $id) ${RESULT} }`,
    variables: { id: (await newDraft()).id },
  }),
  'Mutation.withdrawSubmission': async () => ({
    document: `mutation M($id: ID!) { result: withdrawSubmission(id: $id) ${RESULT} }`,
    variables: { id: (await newDraft()).id },
  }),
  'Mutation.approveSubmission': async () => ({
    document: `mutation M($id: ID!) { result: approveSubmission(id: $id) ${RESULT} }`,
    variables: { id: (await newDraft('Matrixgodkendelse', true)).id },
  }),
  'Mutation.rejectSubmission': async () => ({
    document: `mutation M($id: ID!) { result: rejectSubmission(id: $id, reason: "Matrixtest af afvisning") ${RESULT} }`,
    variables: { id: (await newDraft('Matrixafvisning', true)).id },
  }),
  'Mutation.verifyCertification': async () => ({
    document: `mutation M($input: CertificationVerificationInput!) { result: verifyCertification(input: $input) ${RESULT} }`,
    variables: {
      input: { companySlug: world.companyA.slug, certificationCode: world.codes.certification, method: 'matrix test' },
    },
  }),
};

const PROVENANCE: ProvenanceView = {
  source: 'vendor',
  submittedBy: 'user-1',
  submittedAt: '2026-11-28T10:00:00Z',
  approvedBy: 'user-2',
  approvedAt: '2026-11-29T10:00:00Z',
};

/** For each non-root type with restricted fields: a value of it that belongs to company A. */
const PARENTS: Record<string, () => unknown> = {
  Submission: () => draftOfA,
  SubmissionAuthor: () => ({ id: 'user-1', name: 'Test Person', email: 'person@test.example' }),
  PublishedVersion: () => ({
    submissionId: draftOfA.id,
    kind: 'product',
    op: 'create',
    targetSlug: draftOfA.targetSlug,
    companySlug: world.companyA.slug,
    version: 1,
    approvedAt: '2026-11-29T10:00:00Z',
  }),
  VendorDesk: () => ({ submissions: [], history: [] }),
  FieldChange: () => ({ field: 'name', before: null, after: 'Ny' }),
  ReviewItem: () => ({ submission: draftOfA, changes: [], currentVersion: null, stale: false }),
  ReviewQueue: () => ({ total: 0, items: [], limit: 1, offset: 0 }),
  Provenance: () => PROVENANCE,
  HeldCertification: (): CertificationView => ({
    code: world.codes.certification,
    name: 'Test',
    kind: 'organisation',
    validUntil: '2099-01-01',
    evidence: 'https://testfirma.example/certifikat.pdf',
    source: 'vendor',
    verifiedBy: 'NCC-DK',
    verifiedAt: '2026-11-29',
    certificateNumber: null,
    issuer: null,
    verificationMethod: 'issuer register',
    verifiedByUser: 'user-2',
    provenance: PROVENANCE,
    trust: 'verified',
  }),
};

const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

async function rootOutcome(coordinate: string, who: Who): Promise<Outcome> {
  const operation = OPERATIONS[coordinate];
  if (!operation) throw new Error(`no operation for ${coordinate}`);
  const { document, variables } = await operation();
  const response = await api.query<{ result: { __typename: string; code?: string } | null }>(
    document,
    variables,
    viewers[who],
  );
  const errors = response.errors ?? [];
  if (errors.some((error) => codeOf(error) === 'FORBIDDEN')) return '-';
  if (errors.length > 0) throw new Error(`${coordinate} as ${who}: ${JSON.stringify(errors)}`);
  return response.data?.result?.__typename === 'ForbiddenError' ? '-' : 'ok';
}

async function fieldOutcome(target: GraphQLSchema, coordinate: string, who: Who): Promise<Outcome> {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  const type = target.getType(typeName) as GraphQLObjectType;
  const field = type.getFields()[fieldName];
  const parent = PARENTS[typeName];
  if (!field?.resolve || !parent) throw new Error(`cannot resolve ${coordinate} on its own`);
  const context = createContext(api.services, { viewer: viewers[who] });
  const info = {
    fieldName,
    parentType: type,
    returnType: field.type,
    path: { prev: undefined, key: fieldName, typename: typeName },
    schema: target,
    fieldNodes: [],
    fragments: {},
    rootValue: null,
    variableValues: {},
  } as unknown as GraphQLResolveInfo;
  try {
    await field.resolve(parent(), {}, context, info);
    return 'ok';
  } catch (error) {
    if (codeOf(error) === 'FORBIDDEN') return '-';
    throw error;
  }
}

describe('authorization matrix', () => {
  const fields = classify(schema);

  it('every root field and object type says who may resolve it', () => {
    expect(fields.unmarked).toEqual([]);
    expect(fields.public).toContain('Query.company');
  });

  it('has a row for every restricted field, and no row for a field that is not restricted', () => {
    expect([...fields.restricted].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  const roots = Object.keys(MATRIX).filter((c) => c.startsWith('Query.') || c.startsWith('Mutation.'));
  it.each(roots)('%s', async (coordinate) => {
    const outcomes: Record<string, Outcome> = {};
    for (const who of VIEWERS) outcomes[who] = await rootOutcome(coordinate, who);
    expect(outcomes).toEqual(MATRIX[coordinate]);
  });

  const nested = Object.keys(MATRIX).filter((c) => !roots.includes(c));
  it('nested fields', async () => {
    const outcomes: Record<string, Record<string, Outcome>> = {};
    for (const coordinate of nested) {
      outcomes[coordinate] = {};
      for (const who of VIEWERS) outcomes[coordinate][who] = await fieldOutcome(schema, coordinate, who);
    }
    expect(outcomes).toEqual(Object.fromEntries(nested.map((coordinate) => [coordinate, MATRIX[coordinate]])));
  });
});
