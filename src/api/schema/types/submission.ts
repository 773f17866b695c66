import { READ_PARTS } from '../../../../graph/catalog';
import type { PublishedVersion } from '../../../../graph/submissions';
import { SUBMISSION_KINDS, SUBMISSION_OPS, SUBMISSION_STATUSES } from '../../../../graph/vocabulary';
import type { FieldChange } from '../../../use-cases/diff-records';
import type { SubmissionView } from '../../../use-cases/listing-store';
import {
  approveSubmission,
  listReviewQueue,
  type ReviewItem,
  rejectSubmission,
  verifyCertification,
} from '../../../use-cases/moderation';
import {
  listMySubmissions,
  registerCompany,
  saveDraft,
  submitDraft,
  type VendorDesk,
  viewSubmission,
  withdrawSubmission,
} from '../../../use-cases/submissions';
import { MUTATION_COST, PAGE_ITEMS, pageComplexity } from '../../cost';
import { builder } from '../builder';
import { DeliveryEnum, limitSchema, offsetSchema, PricingModelEnum, ProductKindEnum, SizeBandEnum } from './common';
import { CompanyRef } from './company';
import { answering, MUTATION_ERRORS } from './errors';

/**
 * Vendors' drafts and submissions and NCC-DK's review of them (src/use-cases/submissions.ts and
 * moderation.ts). Who may do what is said twice on purpose: the scopes here refuse a request
 * before anything runs, and each use case checks again, since pages call them without GraphQL.
 */

const SubmissionKindEnum = builder.enumType('SubmissionKind', { values: SUBMISSION_KINDS });
const SubmissionOpEnum = builder.enumType('SubmissionOp', { values: SUBMISSION_OPS });
const SubmissionStatusEnum = builder.enumType('SubmissionStatus', {
  description: 'draft → submitted → approved or rejected; a draft or a submitted change can be withdrawn.',
  values: SUBMISSION_STATUSES,
});

const STAFF = { reviewer: true, admin: true } as const;

const SubmissionAuthorRef = builder.objectRef<NonNullable<SubmissionView['author']>>('SubmissionAuthor').implement({
  description: 'Who proposed a change: personal data, for NCC-DK staff only.',
  authScopes: STAFF,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Pseudonymous: what the audit log names.' }),
    name: t.exposeString('name', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
  }),
});

export const SubmissionRef = builder.objectRef<SubmissionView>('Submission').implement({
  description:
    "A vendor's proposed change to a listing. Nothing of it is public until NCC-DK approves it; only the company's vendors and NCC-DK staff see it.",
  authScopes: (submission) =>
    submission.cvr ? { registrant: submission.cvr, ...STAFF } : { vendorOf: submission.companySlug, ...STAFF },
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: SubmissionKindEnum, resolve: (s) => s.kind }),
    op: t.field({ type: SubmissionOpEnum, resolve: (s) => s.op }),
    status: t.field({ type: SubmissionStatusEnum, resolve: (s) => s.status }),
    targetSlug: t.exposeString('targetSlug', { description: 'The listing it changes (or will create).' }),
    companySlug: t.exposeString('companySlug'),
    cvr: t.exposeString('cvr', { nullable: true, description: 'For the registration of a new company.' }),
    baseVersion: t.exposeInt('baseVersion', {
      nullable: true,
      description: "The listing's version the change was made from; null for a new listing.",
    }),
    payload: t.exposeString('payload', {
      nullable: true,
      description:
        'The proposed record as JSON (CompanyRecordInput or ProductRecordInput); null for retire and delete.',
    }),
    createdAt: t.exposeString('createdAt'),
    updatedAt: t.exposeString('updatedAt'),
    submittedAt: t.exposeString('submittedAt', { nullable: true }),
    decidedAt: t.exposeString('decidedAt', { nullable: true }),
    reason: t.exposeString('reason', { nullable: true, description: "The reviewer's reason for a rejection." }),
    publishedVersion: t.exposeInt('publishedVersion', {
      nullable: true,
      description: 'The version its approval published.',
    }),
    author: t.field({
      type: SubmissionAuthorRef,
      nullable: true,
      authScopes: STAFF,
      resolve: (s) => s.author,
    }),
  }),
});

const PublishedVersionRef = builder.objectRef<PublishedVersion>('PublishedVersion').implement({
  description: 'An approved change: one published version of a listing.',
  authScopes: (version) => ({ vendorOf: version.companySlug, ...STAFF }),
  fields: (t) => ({
    submissionId: t.exposeID('submissionId'),
    kind: t.field({ type: SubmissionKindEnum, resolve: (v) => v.kind }),
    op: t.field({ type: SubmissionOpEnum, resolve: (v) => v.op }),
    targetSlug: t.exposeString('targetSlug'),
    companySlug: t.exposeString('companySlug'),
    version: t.exposeInt('version', { nullable: true, description: 'Null when the change deleted the listing.' }),
    approvedAt: t.exposeString('approvedAt'),
  }),
});

const VendorDeskRef = builder.objectRef<VendorDesk>('VendorDesk').implement({
  description: "A vendor's overview: their companies' submissions with status and reasons, and the published versions.",
  authScopes: { vendor: true },
  fields: (t) => ({
    submissions: t.field({ type: [SubmissionRef], resolve: (desk) => desk.submissions }),
    history: t.field({ type: [PublishedVersionRef], resolve: (desk) => desk.history }),
  }),
});

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One field a submission would change.',
  authScopes: STAFF,
  fields: (t) => ({
    field: t.exposeString('field', { description: "'description.da', 'certifications.ISO27001', …" }),
    before: t.string({ nullable: true, description: 'The published value as JSON.', resolve: (c) => json(c.before) }),
    after: t.string({ nullable: true, description: 'The proposed value as JSON.', resolve: (c) => json(c.after) }),
  }),
});

const ReviewItemRef = builder.objectRef<ReviewItem>('ReviewItem').implement({
  authScopes: STAFF,
  fields: (t) => ({
    submission: t.field({ type: SubmissionRef, resolve: (item) => item.submission }),
    changes: t.field({ type: [FieldChangeRef], resolve: (item) => item.changes }),
    currentVersion: t.exposeInt('currentVersion', { nullable: true }),
    stale: t.exposeBoolean('stale', {
      description: 'The listing changed since the vendor edited it: approval would be refused with a conflict.',
    }),
  }),
});

const ReviewQueueRef = builder
  .objectRef<{ total: number; items: ReviewItem[]; limit: number; offset: number }>('ReviewQueue')
  .implement({
    authScopes: STAFF,
    fields: (t) => ({
      total: t.exposeInt('total'),
      limit: t.exposeInt('limit'),
      offset: t.exposeInt('offset'),
      items: t.field({ type: [ReviewItemRef], complexity: PAGE_ITEMS, resolve: (queue) => queue.items }),
    }),
  });

const LocalizedTextInput = builder.inputType('LocalizedTextInput', {
  fields: (t) => ({ da: t.string({ required: true }), en: t.string({ required: true }) }),
});

const CompetenceInput = builder.inputType('CompetenceInput', {
  fields: (t) => ({
    skillCode: t.string({ required: true, description: 'An ECSF role profile or skill code.' }),
    headcount: t.int({ required: true }),
  }),
});

const CertificationClaimInput = builder.inputType('CertificationClaimInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: "A certification code, e.g. 'ISO27001'." }),
    validUntil: t.string({ description: 'ISO date; empty when it does not expire.' }),
    evidence: t.string({ required: true, description: 'A web address of the certificate.' }),
    certificateNumber: t.string(),
    issuer: t.string(),
  }),
});

const CompanyRecordInput = builder.inputType('CompanyRecordInput', {
  description:
    'A whole company profile as the vendor proposes it. Every field is validated; problems come back by field.',
  fields: (t) => ({
    name: t.string({ required: true }),
    legalForm: t.string({ required: true, description: 'ApS, A/S, I/S, IVS, P/S or Enkeltmandsvirksomhed.' }),
    description: t.field({ type: LocalizedTextInput, required: true }),
    address: t.string({ required: true }),
    postcode: t.string({ required: true }),
    city: t.string({ required: true }),
    municipalityCode: t.string({ required: true }),
    website: t.string({ required: true }),
    email: t.string({ required: true }),
    phone: t.string({ required: true }),
    founded: t.int({ required: true }),
    employees: t.int({ required: true }),
    sizeBand: t.field({ type: SizeBandEnum, required: true }),
    languages: t.stringList({ required: true }),
    customerSizeBands: t.field({ type: [SizeBandEnum], required: true }),
    regionsServed: t.stringList({ required: true, description: 'Region codes.' }),
    sectorCodes: t.stringList({ required: true }),
    competences: t.field({ type: [CompetenceInput], required: true }),
    certifications: t.field({ type: [CertificationClaimInput], required: true }),
  }),
});

const ProductRecordInput = builder.inputType('ProductRecordInput', {
  description: 'A whole product or service as the vendor proposes it; published active.',
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: ProductKindEnum, required: true }),
    description: t.field({ type: LocalizedTextInput, required: true }),
    pricingModel: t.field({ type: PricingModelEnum, required: true }),
    priceFromDkk: t.int({ description: 'Empty when the price is on request (quote).' }),
    delivery: t.field({ type: [DeliveryEnum], required: true }),
    languages: t.stringList({ required: true }),
    smeFit: t.boolean({ required: true }),
    needSlugs: t.stringList({ required: true }),
    categoryCodes: t.stringList({ required: true }),
    csfCategoryCodes: t.stringList({ required: true }),
    regulationCodes: t.stringList({ required: true }),
  }),
});

const CompanyDraftInput = builder.inputType('CompanyDraftInput', {
  fields: (t) => ({
    id: t.id({ description: 'A draft to replace; empty for a new one.' }),
    companySlug: t.string({ required: true }),
    op: t.field({ type: SubmissionOpEnum, required: true, description: 'update or delete.' }),
    baseVersion: t.int({ description: "The company's version the form showed." }),
    record: t.field({ type: CompanyRecordInput, description: 'Required for an update.' }),
  }),
});

const ProductDraftInput = builder.inputType('ProductDraftInput', {
  fields: (t) => ({
    id: t.id({ description: 'A draft to replace; empty for a new one.' }),
    companySlug: t.string({ required: true }),
    op: t.field({ type: SubmissionOpEnum, required: true }),
    productSlug: t.string({ description: 'The product an update, retirement or deletion is about.' }),
    baseVersion: t.int({ description: "The product's version the form showed; empty for a new product." }),
    record: t.field({ type: ProductRecordInput, description: 'Required for create and update.' }),
  }),
});

const CompanyRegistrationInput = builder.inputType('CompanyRegistrationInput', {
  fields: (t) => ({
    id: t.id({ description: 'A registration draft to replace; empty for a new one.' }),
    cvr: t.string({ required: true, description: "The CVR number the vendor's login acts for." }),
    record: t.field({ type: CompanyRecordInput, required: true }),
  }),
});

const CertificationVerificationInput = builder.inputType('CertificationVerificationInput', {
  fields: (t) => ({
    companySlug: t.string({ required: true }),
    certificationCode: t.string({ required: true }),
    method: t.string({ required: true, description: "How it was checked: 'issuer register', 'certificate seen', …" }),
  }),
});

builder.queryFields((t) => ({
  mySubmissions: t.field({
    type: VendorDeskRef,
    description: "The logged-in vendor's submissions and their companies' published versions.",
    authScopes: { vendor: true },
    resolve: (_root, _args, context) => answering(() => listMySubmissions(context.services, context.viewer)),
  }),
  submission: t.field({
    type: SubmissionRef,
    description: "One submission: its company's vendors and NCC-DK staff only.",
    authScopes: { vendor: true, ...STAFF },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => answering(() => viewSubmission(context.services, context.viewer, String(id))),
  }),
  reviewQueue: t.field({
    type: ReviewQueueRef,
    description: 'Submitted changes waiting for review, oldest first, each with its diff against what is published.',
    authScopes: STAFF,
    complexity: pageComplexity,
    args: {
      limit: t.arg.int({ required: true, defaultValue: 20, validate: limitSchema }),
      offset: t.arg.int({ required: true, defaultValue: 0, validate: offsetSchema }),
    },
    resolve: async (_root, { limit, offset }, context) => {
      const queue = await answering(() => listReviewQueue(context.services, context.viewer, { limit, offset }));
      return { ...queue, limit, offset };
    },
  }),
}));

// Expected failures are typed results (directResult: the success is the Submission itself).
const outcome = { types: MUTATION_ERRORS, directResult: true } as const;

builder.mutationFields((t) => ({
  saveCompanyDraft: t.field({
    type: SubmissionRef,
    description: "Saves a proposed change to a company's profile (update or delete) as a draft. Publishes nothing.",
    authScopes: (_root, { input }) => ({ vendorOf: input.companySlug }),
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: CompanyDraftInput, required: true }) },
    resolve: (_root, { input }, context) =>
      saveDraft(context.services, context.viewer, {
        id: input.id === null || input.id === undefined ? null : String(input.id),
        kind: 'company',
        op: input.op,
        companySlug: input.companySlug,
        baseVersion: input.baseVersion,
        record: input.record,
      }),
  }),
  saveProductDraft: t.field({
    type: SubmissionRef,
    description: 'Saves a proposed new product, or an update, retirement or deletion of one, as a draft.',
    authScopes: (_root, { input }) => ({ vendorOf: input.companySlug }),
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: ProductDraftInput, required: true }) },
    resolve: (_root, { input }, context) =>
      saveDraft(context.services, context.viewer, {
        id: input.id === null || input.id === undefined ? null : String(input.id),
        kind: 'product',
        op: input.op,
        companySlug: input.companySlug,
        productSlug: input.productSlug,
        baseVersion: input.baseVersion,
        record: input.record,
      }),
  }),
  registerCompany: t.field({
    type: SubmissionRef,
    description: "Drafts the registration of the company the vendor's login acts for, when it is not in the directory.",
    authScopes: { vendor: true },
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: CompanyRegistrationInput, required: true }) },
    resolve: (_root, { input }, context) =>
      registerCompany(context.services, context.viewer, {
        id: input.id === null || input.id === undefined ? null : String(input.id),
        cvr: input.cvr,
        record: input.record,
      }),
  }),
  submitDraft: t.field({
    type: SubmissionRef,
    description: 'Sends a draft to NCC-DK for review.',
    authScopes: { vendor: true },
    complexity: MUTATION_COST,
    errors: outcome,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => submitDraft(context.services, context.viewer, String(id)),
  }),
  withdrawSubmission: t.field({
    type: SubmissionRef,
    description: 'Takes back a draft or a change waiting for review.',
    authScopes: { vendor: true },
    complexity: MUTATION_COST,
    errors: outcome,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, context) => withdrawSubmission(context.services, context.viewer, String(id)),
  }),
  approveSubmission: t.field({
    type: SubmissionRef,
    description:
      'Publishes a submitted change in one transaction; CONFLICT when the listing changed since the change was made.',
    authScopes: STAFF,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, context) =>
      (await approveSubmission(context.services, context.viewer, String(id))).submission,
  }),
  rejectSubmission: t.field({
    type: SubmissionRef,
    description: 'Rejects a submitted change; the vendor sees the reason.',
    authScopes: STAFF,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_root, { id, reason }, context) =>
      rejectSubmission(context.services, context.viewer, { id: String(id), reason }),
  }),
  verifyCertification: t.field({
    type: CompanyRef,
    description: 'Marks a certification a company holds as verified by NCC-DK today.',
    authScopes: STAFF,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: CertificationVerificationInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const { companySlug } = await verifyCertification(context.services, context.viewer, input);
      context.forgetCompany(companySlug);
      const company = await context.companyWith(companySlug, READ_PARTS);
      if (!company) throw new Error(`company ${companySlug} disappeared after its certification was verified`);
      return company;
    },
  }),
}));
