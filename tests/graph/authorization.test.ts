import { GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSupplySnapshot } from '../../graph/analytics/snapshot';
import type { CertificationView, ProvenanceView } from '../../graph/views';
import { GraphWriter } from '../../graph/write';
import { createContext } from '../../src/api/context';
import { schema } from '../../src/api/schema/index';
import { analyticsQuestion } from '../../src/api/schema/types/analytics';
import type { Viewer } from '../../src/auth/viewer';
import { NO_FILTER } from '../../src/use-cases/analytics-filter';
import { createApiToken, viewerForApiToken } from '../../src/use-cases/api-tokens';
import { grantCompanyAccess } from '../../src/use-cases/company-access';
import type { SubmissionView } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
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

/** Rows for the fields of one type that the same viewers may read: `fieldsOf('Type', 'a b', outcome)`. */
const fieldsOf = (type: string, fields: string, outcome: Record<Who, Outcome>) =>
  Object.fromEntries(fields.split(' ').map((field) => [`${type}.${field}`, outcome]));
const SUPPLY_COUNTS =
  'providers products smeFriendlyProviders danishSpeakingProviders verifiedCertifiedProviders onSiteProviders';

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
  'Mutation.confirmListing':           row('-',      'ok',   '-',    '-',     '-',  '-'),
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
  'Query.auditLog':                    row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Query.me':                          row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Mutation.deleteMyAccount':          row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'AuditEvent.id':                     row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.at':                     row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.action':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.actorKind':              row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.actorId':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.actorName':              row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.company':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.product':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditEvent.details':                row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditLogPage.events':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditLogPage.next':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'AuditLogPage.personIds':            row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Me.id':                             row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.kind':                           row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.name':                           row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.email':                          row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.cvr':                            row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.roles':                          row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.subject':                        row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.issuer':                         row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.createdAt':                      row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.lastLoginAt':                    row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.sessions':                       row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.companies':                      row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.download':                       row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Me.eventCount':                     row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'MySession.createdAt':               row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'MySession.lastSeenAt':              row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'MyCompany.slug':                    row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'MyCompany.name':                    row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'MyCompany.reasons':                 row('-',      'ok',   'ok',   'ok',    'ok', '-'),
  'Query.apiTokens':                   row('-',      '-',    '-',    '-',     'ok', '-'),
  'Query.companyAccessGrants':         row('-',      '-',    '-',    '-',     'ok', '-'),
  'Mutation.createApiToken':           row('-',      '-',    '-',    '-',     'ok', '-'),
  'Mutation.revokeApiToken':           row('-',      '-',    '-',    '-',     'ok', '-'),
  'Mutation.grantCompanyAccess':       row('-',      '-',    '-',    '-',     'ok', '-'),
  'Mutation.revokeCompanyAccess':      row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.id':                       row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.name':                     row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.roles':                    row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.status':                   row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.createdAt':                row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.expiresAt':                row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.revokedAt':                row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.lastUsedAt':               row('-',      '-',    '-',    '-',     'ok', '-'),
  'ApiToken.createdBy':                row('-',      '-',    '-',    '-',     'ok', '-'),
  'CreatedApiToken.token':             row('-',      '-',    '-',    '-',     'ok', '-'),
  'CreatedApiToken.secret':            row('-',      '-',    '-',    '-',     'ok', '-'),
  'CompanyAccessGrant.subject':        row('-',      '-',    '-',    '-',     'ok', '-'),
  'CompanyAccessGrant.companySlug':    row('-',      '-',    '-',    '-',     'ok', '-'),
  'CompanyAccessGrant.companyName':    row('-',      '-',    '-',    '-',     'ok', '-'),
  'CompanyAccessGrant.grantedAt':      row('-',      '-',    '-',    '-',     'ok', '-'),
  'CompanyAccessGrant.grantedBy':      row('-',      '-',    '-',    '-',     'ok', '-'),
  'CompanyAccessGrant.name':           row('-',      '-',    '-',    '-',     'ok', '-'),
  'Mutation.importListings':           row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.dryRun':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.rows':                 row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.create':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.change':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.unchanged':            row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.refused':              row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportReport.report':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.row':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.kind':              row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.cvr':               row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.slug':              row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.name':              row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.outcome':           row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.fields':            row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.issues':            row('-',      '-',    '-',    'ok',    'ok', '-'),
  'ImportRowReport.pendingSubmission': row('-',      '-',    '-',    'ok',    'ok', '-'),
  'Query.supplySeries':                row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'Query.supplyComparison':            row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.day':             row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.key':             row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.providers':       row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.products':        row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.smeFriendlyProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.danishSpeakingProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.verifiedCertifiedProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.onSiteProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.companies':       row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.headcount':       row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.top3Share':       row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplySeriesPoint.thin':            row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.providers':           row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.products':            row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.smeFriendlyProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.danishSpeakingProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.verifiedCertifiedProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.onSiteProviders':     row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.companies':           row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.headcount':           row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.top3Share':           row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyFigures.thin':                row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.providers':        row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.products':         row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.smeFriendlyProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.danishSpeakingProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.verifiedCertifiedProviders': row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.onSiteProviders':  row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.companies':        row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.headcount':        row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyDifference.top3Share':        row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyComparisonRow.key':           row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyComparisonRow.first':         row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyComparisonRow.second':        row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'SupplyComparisonRow.difference':    row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  'Query.analytics':                   row('-',      '-',    '-',    'ok',    'ok', 'ok'),
  ...fieldsOf('Analytics', 'filter supplyByNeed supplyByNeedAndRegion supplyByNeedAndMunicipality supplyByNeedAndSector roleScarcity csfCoverage nis2Coverage concentration thinNeeds weeklyDemand gaps largestGaps searchesWithoutResults', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('AnalyticsFilterEcho', 'from to region sector sizeBand need', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('NeedSupply', `need needName ${SUPPLY_COUNTS}`, row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('NeedRegionSupply', `need needName region regionName ${SUPPLY_COUNTS}`, row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('NeedMunicipalitySupply', `need needName municipality municipalityName region ${SUPPLY_COUNTS}`, row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('NeedSectorSupply', `need needName sector sectorName ${SUPPLY_COUNTS}`, row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('RoleScarcity', 'role roleName region regionName companies headcount', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('CsfCoverage', 'category function products providers', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('Nis2Coverage', 'measure letter products providers', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('NeedConcentration', 'need needName providers products top3Share thin', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('DemandWeek', 'week need needName region regionName sector sectorName sizeBand signals zeroResults', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('DemandGap', 'need needName region regionName demand supply regionDemand regionSupply score', row('-', '-', '-', 'ok', 'ok', 'ok')),
  ...fieldsOf('MissedSearch', 'words searches firstDay lastDay', row('-', '-', '-', 'ok', 'ok', 'ok')),
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
    // A real token, issued by the admin and read back as the HTTP server reads a bearer secret.
    analyst: await analystViewer(),
  };
  draftOfA = await newDraft('Matrixkladde');
});

async function analystViewer(): Promise<Viewer> {
  const { secret } = await createApiToken(api.services, world.viewers.admin, {
    name: `Matrixnøgle ${world.prefix}`,
    validDays: 1,
  });
  const viewer = await viewerForApiToken(api.services, secret, (error) => {
    throw error;
  });
  if (!viewer) throw new Error('the token just issued was not accepted');
  return viewer;
}

afterAll(async () => {
  // Tokens, their use and grant placeholders carry the prefix; the world's cleanup does not know them.
  await operatorWrite(
    'test.cleanupTokensAndGrants',
    `MATCH (t:ApiToken) WHERE t.name CONTAINS $prefix
     OPTIONAL MATCH (e:AuditEvent {actorId: t.id})
     DETACH DELETE t, e
     WITH count(*) AS done
     MATCH (u:User) WHERE u.subject STARTS WITH $prefix AND u.issuer IS NULL
     DETACH DELETE u`,
    { prefix: world?.prefix ?? 'none' },
  );
  await operatorWrite('test.cleanupSnapshot', 'MATCH (s:SupplySnapshot {day: date($day)}) DELETE s', {
    day: MATRIX_SNAPSHOT_DAY,
  });
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
  'Query.auditLog': async () => ({
    document: 'query Q($filter: AuditLogFilter) { result: auditLog(filter: $filter, limit: 1) { __typename } }',
    variables: { filter: { company: world.companyA.slug } },
  }),
  'Query.me': async () => ({ document: '{ result: me { __typename } }' }),
  // Authorised but not confirmed: a ValidationError, so the matrix deletes no one's account.
  'Mutation.deleteMyAccount': async () => ({
    document: `mutation { result: deleteMyAccount(confirm: false) ${RESULT} }`,
  }),
  'Query.apiTokens': async () => ({ document: '{ result: apiTokens { __typename } }' }),
  'Query.companyAccessGrants': async () => ({
    document: 'query Q($slug: String) { result: companyAccessGrants(companySlug: $slug) { __typename } }',
    variables: { slug: world.companyA.slug },
  }),
  'Mutation.createApiToken': async () => ({
    document: `mutation M($input: ApiTokenInput!) { result: createApiToken(input: $input) ${RESULT} }`,
    variables: { input: { name: `Matrix ${world.prefix}`, validDays: 1 } },
  }),
  'Mutation.revokeApiToken': async () => ({
    document: `mutation M($id: ID!) { result: revokeApiToken(id: $id) ${RESULT} }`,
    variables: {
      id: (await createApiToken(api.services, world.viewers.admin, { name: `Matrix ${world.prefix}`, validDays: 1 }))
        .token.id,
    },
  }),
  'Mutation.grantCompanyAccess': async () => ({
    document: `mutation M($input: CompanyAccessInput!) { result: grantCompanyAccess(input: $input) ${RESULT} }`,
    variables: { input: { subject: `${world.prefix}-agency`, companySlug: world.companyA.slug } },
  }),
  'Mutation.revokeCompanyAccess': async () => {
    const input = { subject: `${world.prefix}-agency`, companySlug: world.companyA.slug };
    await grantCompanyAccess(api.services, world.viewers.admin, input);
    return {
      document: `mutation M($input: CompanyAccessInput!) { result: revokeCompanyAccess(input: $input) ${RESULT} }`,
      variables: { input },
    };
  },
  'Mutation.confirmListing': async () => ({
    document: `mutation M($company: String!) { result: confirmListing(company: $company) ${RESULT} }`,
    variables: { company: world.companyA.slug },
  }),
  // A dry run: authorised, it reports the row and writes nothing.
  'Mutation.importListings': async () => ({
    document: `mutation M($content: String!) { result: importListings(format: csv, content: $content, dryRun: true) ${RESULT} }`,
    variables: { content: `type,cvr,phone\ncompany,${world.companyA.cvr},+45 11 22 33 44\n` },
  }),
  'Query.supplySeries': async () => ({
    document: `{ result: supplySeries(measure: csfCoverage, filter: {from: "${MATRIX_SNAPSHOT_DAY}", to: "${MATRIX_SNAPSHOT_DAY}"}) { __typename } }`,
  }),
  // A day with a snapshot (an empty one), so that an authorised comparison answers.
  'Query.supplyComparison': async () => {
    await writeSupplySnapshot(new GraphWriter(testExecutor()), MATRIX_SNAPSHOT_DAY, [
      { region: '', measures: { csfCoverage: [] } },
    ]);
    return {
      document:
        'query Q($day: String!) { result: supplyComparison(measure: csfCoverage, first: $day, second: $day) { __typename } }',
      variables: { day: MATRIX_SNAPSHOT_DAY },
    };
  },
  // Authorised: the filter is checked (an unknown sector would be BAD_USER_INPUT), no measure asked for.
  'Query.analytics': async () => ({
    document: 'query Q($filter: AnalyticsFilter) { result: analytics(filter: $filter) { __typename } }',
    variables: { filter: { region: '1084' } },
  }),
  'Mutation.verifyCertification': async () => ({
    document: `mutation M($input: CertificationVerificationInput!) { result: verifyCertification(input: $input) ${RESULT} }`,
    variables: {
      input: { companySlug: world.companyA.slug, certificationCode: world.codes.certification, method: 'matrix test' },
    },
  }),
};

/** A day of the supply snapshots no other file uses (far in the future), removed at the end. */
const MATRIX_SNAPSHOT_DAY = `${2200 + Math.floor(Math.random() * 700)}-01-01`;
const SUPPLY_FIGURES = {
  providers: 1,
  products: 2,
  smeFriendlyProviders: null,
  danishSpeakingProviders: null,
  verifiedCertifiedProviders: null,
  onSiteProviders: null,
  companies: null,
  headcount: null,
  top3Share: null,
  thin: null,
};

/** The figures of one supply cell, for the analytics row types. */
const ANALYTICS_COUNTS = {
  providers: 2,
  products: 3,
  smeFriendlyProviders: 1,
  danishSpeakingProviders: 1,
  verifiedCertifiedProviders: 0,
  onSiteProviders: 1,
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
  AuditEvent: () => ({
    id: 'event-1',
    at: '2026-11-29T10:00:00Z',
    action: 'approve',
    actorKind: 'staff',
    actorId: 'user-2',
    actorName: 'Test Person',
    company: world.companyA.slug,
    product: null,
    details: { before: null, after: { name: 'Ny' } },
  }),
  AuditLogPage: () => ({ events: [], next: null, personIds: null }),
  Me: () => ({
    user: {
      id: 'user-1',
      kind: 'vendor',
      issuer: 'test',
      subject: 'subject-1',
      name: 'Test Person',
      email: 'person@test.example',
      cvr: world.companyA.cvr,
      roles: [],
      createdAt: '2026-11-29T10:00:00Z',
      lastLoginAt: '2026-11-29T10:00:00Z',
    },
    sessions: [],
    companies: [],
    submissions: [],
    events: [],
  }),
  MySession: () => ({ createdAt: '2026-11-29T10:00:00Z', lastSeenAt: '2026-11-29T10:05:00Z' }),
  MyCompany: () => ({ slug: world.companyA.slug, name: 'Test', reasons: ['cvr'] }),
  ApiToken: () => ({
    id: 'token-1',
    name: 'Matrix',
    roles: ['analyst'],
    status: 'active',
    createdAt: '2026-11-29T10:00:00Z',
    expiresAt: '2026-12-29T10:00:00Z',
    revokedAt: null,
    lastUsedAt: null,
    createdBy: 'user-2',
  }),
  CreatedApiToken: () => ({ token: PARENTS.ApiToken?.(), secret: 'ck_matrix' }),
  CompanyAccessGrant: () => ({
    subject: 'subject-1',
    companySlug: world.companyA.slug,
    companyName: 'Test',
    grantedAt: '2026-11-29T10:00:00Z',
    grantedBy: 'user-2',
    name: null,
  }),
  ImportReport: () => ({ dryRun: true, rows: 0, create: 0, change: 0, unchanged: 0, refused: 0, reportRows: [] }),
  ImportRowReport: () => ({
    row: 2,
    type: 'company',
    cvr: world.companyA.cvr,
    slug: world.companyA.slug,
    name: 'Test',
    outcome: 'change',
    fields: ['phone'],
    issues: [],
    pendingSubmission: false,
  }),
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
  SupplySeriesPoint: () => ({ day: MATRIX_SNAPSHOT_DAY, key: 'PR.AA', ...SUPPLY_FIGURES }),
  SupplyFigures: () => SUPPLY_FIGURES,
  SupplyDifference: () => SUPPLY_FIGURES,
  // A sector no company is in, so each measure the nested test resolves is a quick empty read.
  Analytics: () =>
    analyticsQuestion(testExecutor(), {
      ...NO_FILTER,
      sector: `${world.prefix}-sector`,
      from: '2199-01-01',
      to: '2199-01-31',
    }),
  AnalyticsFilterEcho: () => NO_FILTER,
  NeedSupply: () => ({ need: 'backup', ...ANALYTICS_COUNTS, onSiteProviders: null }),
  NeedRegionSupply: () => ({ need: 'backup', region: '1084', ...ANALYTICS_COUNTS }),
  NeedMunicipalitySupply: () => ({ need: 'backup', municipality: '101', region: '1084', ...ANALYTICS_COUNTS }),
  NeedSectorSupply: () => ({ need: 'backup', sector: world.codes.sector, ...ANALYTICS_COUNTS, onSiteProviders: null }),
  RoleScarcity: () => ({ role: world.codes.skill, region: '1084', companies: 1, headcount: 2 }),
  CsfCoverage: () => ({ category: 'PR.AA', function: 'PR', products: 1, providers: 1 }),
  Nis2Coverage: () => ({ measure: 'NIS2-21-2-a', letter: 'a', products: 1, providers: 1 }),
  NeedConcentration: () => ({ need: 'backup', providers: 1, products: 1, top3Share: 1, thin: true }),
  DemandWeek: () => ({
    week: '2032-W10',
    need: 'backup',
    region: '1084',
    sector: world.codes.sector,
    sizeBand: 'small',
    signals: 6,
    zeroResults: 1,
  }),
  DemandGap: () => ({
    need: 'backup',
    region: '1084',
    demand: 6,
    supply: 1,
    regionDemand: 9,
    regionSupply: 4,
    score: 0.4,
  }),
  MissedSearch: () => ({ words: 'kvante', searches: 6, firstDay: '2032-03-01', lastDay: '2032-03-09' }),
  SupplyComparisonRow: () => ({
    key: 'PR.AA',
    first: SUPPLY_FIGURES,
    second: SUPPLY_FIGURES,
    difference: SUPPLY_FIGURES,
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
