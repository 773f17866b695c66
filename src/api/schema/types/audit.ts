import type { PersonalData } from '../../../../graph/personal-data';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, type AuditEntry, searchAuditLog } from '../../../use-cases/audit-log';
import { ValidationError } from '../../../use-cases/errors';
import { deleteMyAccount, readMyData } from '../../../use-cases/personal-data';
import { MUTATION_COST, PAGE_ITEMS, pageComplexity } from '../../cost';
import { builder } from '../builder';
import { answering, MUTATION_ERRORS } from './errors';

/**
 * The audit log for NCC-DK staff, and a person's own data (src/use-cases/audit-log.ts and
 * personal-data.ts). The log names people by pseudonymous ids; the current name of an actor is
 * there for staff while the account exists. `me` is always the viewer's own account: no one reads
 * or deletes another person's account through the API.
 */

const STAFF = { reviewer: true, admin: true } as const;
/** Any person logged in with a session: a vendor, or staff with a role. */
const PERSON = { vendor: true, ...STAFF } as const;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const AuditEventRef = builder.objectRef<AuditEntry>('AuditEvent').implement({
  description: 'One thing that happened: who (by pseudonymous id), when, to which listing, and what changed.',
  authScopes: STAFF,
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.exposeString('at', { description: 'ISO 8601, UTC.' }),
    action: t.exposeString('action', {
      description:
        'login, logout, submit, approve, reject, verify-certification, role-change, account-delete, … (the list grows).',
    }),
    actorKind: t.exposeString('actorKind', { description: 'vendor, staff, token or system.' }),
    actorId: t.exposeID('actorId', {
      nullable: true,
      description: "The User's random id or the API token's id; null for the system.",
    }),
    actorName: t.exposeString('actorName', {
      nullable: true,
      description: 'The person’s current name while their account exists; null after it is deleted.',
    }),
    company: t.exposeString('company', { nullable: true, description: "The listing's company slug." }),
    product: t.exposeString('product', { nullable: true, description: "The listing's product slug." }),
    details: t.string({
      nullable: true,
      description: 'What changed (before and after, ids, counts) as JSON.',
      resolve: (event) => json(event.details),
    }),
  }),
});

const AuditLogPageRef = builder
  .objectRef<{ events: AuditEntry[]; next: string | null; personIds: string[] | null }>('AuditLogPage')
  .implement({
    authScopes: STAFF,
    fields: (t) => ({
      events: t.field({ type: [AuditEventRef], complexity: PAGE_ITEMS, resolve: (page) => page.events }),
      next: t.exposeString('next', {
        nullable: true,
        description: 'Pass as `after` for the next (older) page; null on the last page.',
      }),
      personIds: t.exposeStringList('personIds', {
        nullable: true,
        description: 'The accounts a `person` filter resolved to (none: no account has that subject).',
      }),
    }),
  });

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  fields: (t) => ({
    company: t.string({ description: 'A company slug.' }),
    product: t.string({ description: 'A product slug.' }),
    person: t.string({ description: "A pseudonymous id, or a login subject (resolved to its accounts' ids)." }),
    action: t.string(),
    from: t.string({ description: 'YYYY-MM-DD, UTC, inclusive.' }),
    to: t.string({ description: 'YYYY-MM-DD, UTC, inclusive.' }),
  }),
});

const MySessionRef = builder.objectRef<PersonalData['sessions'][number]>('MySession').implement({
  description: 'One of your logins in progress (never its id).',
  authScopes: PERSON,
  fields: (t) => ({
    createdAt: t.exposeString('createdAt'),
    lastSeenAt: t.exposeString('lastSeenAt'),
  }),
});

const MyCompanyRef = builder.objectRef<PersonalData['companies'][number]>('MyCompany').implement({
  description: 'A company you may edit, and why.',
  authScopes: PERSON,
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    reasons: t.stringList({
      description: 'cvr: your login carries its CVR number; grant: NCC-DK granted you access.',
      resolve: (company) => company.reasons,
    }),
  }),
});

/** The audit events `me.download` carries at most (the answer stays under the response cap); the page's JSON download has more. */
const ME_EVENTS = 1_000;

const MeRef = builder.objectRef<PersonalData>('Me').implement({
  description: 'Everything Cyberkort stores about the logged-in person.',
  authScopes: PERSON,
  fields: (t) => ({
    id: t.id({ resolve: (me) => me.user.id, description: 'Your reference in the audit log.' }),
    kind: t.string({ resolve: (me) => me.user.kind }),
    name: t.string({ nullable: true, resolve: (me) => me.user.name }),
    email: t.string({ nullable: true, resolve: (me) => me.user.email }),
    cvr: t.string({ nullable: true, resolve: (me) => me.user.cvr }),
    roles: t.stringList({ resolve: (me) => me.user.roles }),
    subject: t.string({ nullable: true, resolve: (me) => me.user.subject }),
    issuer: t.string({ nullable: true, resolve: (me) => me.user.issuer }),
    createdAt: t.string({ nullable: true, resolve: (me) => me.user.createdAt }),
    lastLoginAt: t.string({ nullable: true, resolve: (me) => me.user.lastLoginAt }),
    sessions: t.field({ type: [MySessionRef], resolve: (me) => me.sessions }),
    companies: t.field({ type: [MyCompanyRef], resolve: (me) => me.companies }),
    eventCount: t.int({
      description: 'How many audit events name you as the actor.',
      resolve: (me) => me.eventCount,
    }),
    download: t.string({
      description: `All of it as JSON: submissions, and your newest ${ME_EVENTS} audit events (eventCount says how many there are; the page's download has up to 10,000).`,
      resolve: (me) => JSON.stringify(me),
    }),
  }),
});

const AccountDeletionRef = builder
  .objectRef<{ sessions: number; grants: number; drafts: number }>('AccountDeletion')
  .implement({
    description: 'What went with a deleted account (counts only).',
    authScopes: { public: true },
    fields: (t) => ({
      sessions: t.exposeInt('sessions'),
      grants: t.exposeInt('grants'),
      drafts: t.exposeInt('drafts'),
    }),
  });

builder.queryFields((t) => ({
  auditLog: t.field({
    type: AuditLogPageRef,
    description: 'The audit log, newest first, filtered; NCC-DK staff only. Page on with `next` as `after`.',
    authScopes: STAFF,
    complexity: pageComplexity,
    args: {
      filter: t.arg({ type: AuditLogFilter }),
      after: t.arg.string(),
      limit: t.arg.int({ defaultValue: AUDIT_PAGE_DEFAULT, description: `At most ${AUDIT_PAGE_MAX}.` }),
    },
    resolve: (_root, { filter, after, limit }, context) =>
      answering(() => searchAuditLog(context.services, context.viewer, { query: filter ?? {}, after, limit })),
  }),
  me: t.field({
    type: MeRef,
    description: 'What Cyberkort stores about you (a vendor or NCC-DK staff logged in with a session).',
    authScopes: PERSON,
    resolve: (_root, _args, context) => answering(() => readMyData(context.services, context.viewer, ME_EVENTS)),
  }),
}));

builder.mutationFields((t) => ({
  deleteMyAccount: t.field({
    type: AccountDeletionRef,
    description:
      'Deletes your account: name, e-mail, CVR number, roles, the link to your login, sessions, grants and drafts. The audit log keeps your pseudonymous id. `confirm` must be true.',
    authScopes: PERSON,
    complexity: MUTATION_COST,
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { confirm: t.arg.boolean({ required: true }) },
    resolve: (_root, { confirm }, context) => {
      if (!confirm)
        throw new ValidationError([
          { path: 'confirm', code: 'not_confirmed', message: 'must be true to delete the account' },
        ]);
      return deleteMyAccount(context.services, context.viewer);
    },
  }),
}));
