import { z } from 'zod';
import {
  type AuditCursor,
  type AuditFilter,
  type StoredAuditEvent,
  searchAuditEvents,
  userIdsBySubject,
} from '../../graph/audit';
import type { Executor } from '../../graph/executor';
import { slugSchema } from '../../graph/slug';
import { isStaff, type Viewer } from '../auth/viewer';
import { ForbiddenError, ValidationError } from './errors';

/**
 * Searching the audit log: NCC staff (reviewers and admins) only, from the staff pages, their CSV
 * export and GraphQL alike. A person is looked for by their pseudonymous id or by their login's
 * subject, which is resolved to the ids of the accounts it has now: a deleted account has no
 * subject any more, so its events are found only by the id, and they name no one.
 */

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;
/** The CSV export reads the log in pages of this size, so a large export never sits in memory as one result. */
const EXPORT_BATCH = 1000;

/** The search as a person or a client writes it: every field optional, dates as YYYY-MM-DD (inclusive, UTC). */
export interface AuditQueryInput {
  company?: string | null;
  product?: string | null;
  /** A pseudonymous id (a User's or a token's) or a login subject. */
  person?: string | null;
  action?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface AuditEntry extends Omit<StoredAuditEvent, 'details'> {
  details: Record<string, unknown> | null;
}

export interface AuditPage {
  events: AuditEntry[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
  /** The accounts a person search's subject resolved to; null when the search named no person. */
  personIds: string[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const date = z.iso.date({ message: 'must be a date: YYYY-MM-DD' });
const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToNull, schema.nullish());

const querySchema = z
  .object({
    company: optional(slugSchema),
    product: optional(slugSchema),
    person: optional(z.string().trim().max(300, 'must be at most 300 characters')),
    // Any action the log may hold, known today or not: filtering by one never fails for being old.
    action: optional(z.string().regex(/^[a-z][a-z-]{0,39}$/, 'is not an action')),
    from: optional(date),
    to: optional(date),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before the start', path: ['to'] });

const cursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx): AuditCursor => {
    const [at, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !UUID.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor this log gave out' });
      return z.NEVER;
    }
    return { at, id };
  });

const cursorOf = (event: StoredAuditEvent) => Buffer.from(`${event.at}|${event.id}`, 'utf8').toString('base64url');

function parse<T>(schema: z.ZodType<T>, input: unknown, prefix = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      code: issue.code,
      message: issue.message,
    })),
  );
}

export const mayReadAuditLog = (viewer: Viewer): boolean => isStaff(viewer, 'reviewer') || isStaff(viewer, 'admin');

function requireStaff(viewer: Viewer): void {
  if (!mayReadAuditLog(viewer)) throw new ForbiddenError('Only NCC-DK staff may read the audit log.');
}

/** The next day's midnight: `to` includes the whole day. */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

/** The query checked (ValidationError by field) and turned into the graph's filter; a person is resolved to ids. */
export async function auditFilterOf(
  executor: Pick<Executor, 'read'>,
  input: AuditQueryInput,
): Promise<{ filter: AuditFilter; personIds: string[] | null }> {
  const query = parse(querySchema, input);
  let personIds: string[] | null = null;
  let actorIds: string[] | null = null;
  if (query.person) {
    // As typed, it may be an id (a User's, a deleted account's or a token's); as a subject, it
    // names the accounts it logs in to now. Both are searched, so staff need not say which it is.
    personIds = await userIdsBySubject(executor, query.person);
    actorIds = [...new Set([query.person, ...personIds])];
  }
  return {
    filter: {
      company: query.company ?? null,
      product: query.product ?? null,
      actorIds,
      actions: query.action ? [query.action] : null,
      from: query.from ? `${query.from}T00:00:00Z` : null,
      until: query.to ? dayAfter(query.to) : null,
    },
    personIds,
  };
}

const entryOf = (event: StoredAuditEvent): AuditEntry => ({
  ...event,
  details: event.details ? (JSON.parse(event.details) as Record<string, unknown>) : null,
});

/** One page of the log, newest first. */
export async function searchAuditLog(
  store: { executor: Executor },
  viewer: Viewer,
  request: { query: AuditQueryInput; after?: string | null; limit?: number | null },
): Promise<AuditPage> {
  requireStaff(viewer);
  const limit = parse(
    z.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    request.limit ?? undefined,
    'limit',
  );
  const after = request.after ? parse(cursorSchema, request.after, 'after') : null;
  const { filter, personIds } = await auditFilterOf(store.executor, request.query);
  // One more than asked says whether there is a next page.
  const rows = await searchAuditEvents(store.executor, filter, { after, limit: limit + 1 });
  const events = rows.slice(0, limit);
  const last = events.at(-1);
  return { events: events.map(entryOf), next: rows.length > limit && last ? cursorOf(last) : null, personIds };
}

/**
 * Every event the query matches, newest first, in batches: what the CSV export writes. Checks the
 * viewer and the query before the first batch, so a refusal comes before any output.
 */
export async function auditEventsForExport(
  store: { executor: Executor },
  viewer: Viewer,
  query: AuditQueryInput,
): Promise<AsyncGenerator<AuditEntry[]>> {
  requireStaff(viewer);
  const { filter } = await auditFilterOf(store.executor, query);
  async function* batches(): AsyncGenerator<AuditEntry[]> {
    let after: AuditCursor | null = null;
    for (;;) {
      const rows = await searchAuditEvents(store.executor, filter, { after, limit: EXPORT_BATCH });
      if (rows.length > 0) yield rows.map(entryOf);
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) return;
      after = { at: last.at, id: last.id };
    }
  }
  return batches();
}
