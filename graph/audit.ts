import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import type { GraphWriter, WriteTransaction } from './write';

/**
 * The audit log: one `(:AuditEvent)` per thing a person did that matters afterwards (a login, a
 * logout, and every change, approval and grant to come). Append-only: nothing in the app updates
 * or deletes an event. It names the actor by a pseudonymous id — the `(:User)`'s random `id` or an
 * API token's id — never by name or e-mail, so when a person deletes their account the log keeps a
 * reference that no longer leads to anyone.
 */

/** What happened. The moderation and vendor actions join this list as they are built. */
export const AUDIT_ACTIONS = [
  'login',
  'logout',
  'submit',
  'withdraw',
  'approve',
  'reject',
  'verify-certification',
  'role-change',
  'account-delete',
  'import',
  'grant',
  'revoke-grant',
  'token-create',
  'token-revoke',
  'confirm',
  'token-use',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_KINDS = ['vendor', 'staff', 'token', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export interface AuditEvent {
  action: AuditAction;
  actorKind: AuditActorKind;
  /** `(:User).id` or the API token's id; null for the system itself. */
  actorId: string | null;
  /** The listing it concerns, so the log can be searched by listing. */
  company?: string | null;
  product?: string | null;
  /** What changed (before and after), as JSON. Facts about listings only: no names or e-mails of people. */
  details?: Record<string, unknown> | null;
}

const APPEND = `
CREATE (e:AuditEvent {
  id: randomUUID(), at: datetime.transaction(), action: $action, actorKind: $actorKind, actorId: $actorId,
  company: $company, product: $product, details: $details
})
RETURN e.id AS id`;

const paramsOf = (event: AuditEvent) => ({
  action: event.action,
  actorKind: event.actorKind,
  actorId: event.actorId,
  company: event.company ?? null,
  product: event.product ?? null,
  details: event.details ? JSON.stringify(event.details) : null,
});

/**
 * Appends an event inside a change's transaction (so the event exists exactly when the change
 * does), or in a transaction of its own through the writer. Returns the event's id.
 */
export async function appendAudit(into: WriteTransaction | GraphWriter, event: AuditEvent): Promise<string> {
  const [row] =
    'changed' in into
      ? await into.run<{ id: string }>(APPEND, paramsOf(event))
      : await into.run<{ id: string }>(`audit.${event.action}`, APPEND, paramsOf(event));
  if (!row) throw new Error(`audit event ${event.action} was not written`);
  return row.id;
}

const APPEND_MANY = `
UNWIND $events AS event
CREATE (e:AuditEvent {
  id: randomUUID(), at: datetime.transaction(), action: event.action, actorKind: event.actorKind,
  actorId: event.actorId, company: event.company, product: event.product, details: event.details
})`;

/** Many events inside one change's transaction in one statement: an import's batch logs every listing it wrote. */
export async function appendAuditEvents(tx: WriteTransaction, events: readonly AuditEvent[]): Promise<void> {
  if (events.length > 0) await tx.run(APPEND_MANY, { events: events.map(paramsOf) });
}

/**
 * The log as staff search it: by listing, by person (their pseudonymous id), by action and by
 * time, newest first. Pages are cut by keyset (the last event's time and id), not by offset, so a
 * page stays right while new events arrive and a deep page costs no more than the first.
 */
export interface AuditFilter {
  company?: string | null;
  product?: string | null;
  /** Pseudonymous ids: a person's User id (more than one when a subject matched several issuers) or a token's id. */
  actorIds?: readonly string[] | null;
  actions?: readonly string[] | null;
  /** ISO instants: events at or after `from`, and before `until`. */
  from?: string | null;
  until?: string | null;
}

/** Where a page ends: the last event shown. The next page starts strictly after it. */
export interface AuditCursor {
  at: string;
  id: string;
}

export interface StoredAuditEvent {
  id: string;
  at: string;
  /** Any action ever written, not only today's AUDIT_ACTIONS: the log outlives the list. */
  action: string;
  actorKind: string;
  actorId: string | null;
  company: string | null;
  product: string | null;
  /** As stored: JSON, or null. */
  details: string | null;
  /** The actor's name while their account exists; null for a deleted account, a token or the system. */
  actorName: string | null;
}

// Each condition is a fixed fragment over parameters; only the ones a filter uses are joined, so
// the planner sees plain predicates (and uses the AuditEvent indexes) rather than `$x IS NULL OR …`.
const CONDITIONS = {
  company: 'e.company = $company',
  product: 'e.product = $product',
  actorIds: 'e.actorId IN $actorIds',
  actions: 'e.action IN $actions',
  from: 'e.at >= datetime($from)',
  until: 'e.at < datetime($until)',
} as const;
const AFTER = 'e.at < datetime($afterAt) OR (e.at = datetime($afterAt) AND e.id < $afterId)';

const EVENT = `e {
  .id, at: toString(e.at), .action, .actorKind, .actorId, .company, .product, .details,
  actorName: head(COLLECT { MATCH (u:User {id: e.actorId}) RETURN u.name })
}`;

function searchQuery(
  filter: AuditFilter,
  after: AuditCursor | null,
): { cypher: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  for (const key of Object.keys(CONDITIONS) as Array<keyof typeof CONDITIONS>) {
    const value = filter[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    where.push(CONDITIONS[key]);
    params[key] = value;
  }
  if (after) {
    where.push(`(${AFTER})`);
    params.afterAt = after.at;
    params.afterId = after.id;
  }
  const cypher = `
MATCH (e:AuditEvent)${where.length > 0 ? `\nWHERE ${where.join('\n  AND ')}` : ''}
WITH e ORDER BY e.at DESC, e.id DESC LIMIT $limit
RETURN ${EVENT} AS event`;
  return { cypher, params };
}

/** One page of events matching `filter`, newest first, after `after`. */
export async function searchAuditEvents(
  executor: Pick<Executor, 'read'>,
  filter: AuditFilter,
  page: { after: AuditCursor | null; limit: number },
): Promise<StoredAuditEvent[]> {
  const { cypher, params } = searchQuery(filter, page.after);
  const rows = await executor.read<{ event: StoredAuditEvent }>('audit.search', cypher, {
    ...params,
    limit: neo4j.int(page.limit),
  });
  return rows.map((row) => row.event);
}

const USERS_BY_SUBJECT = 'MATCH (u:User {subject: $subject}) RETURN u.id AS id ORDER BY u.id';

/** The pseudonymous ids of the accounts a login subject has now (one per issuer); empty when none. */
export async function userIdsBySubject(executor: Pick<Executor, 'read'>, subject: string): Promise<string[]> {
  const rows = await executor.read<{ id: string }>('audit.usersBySubject', USERS_BY_SUBJECT, { subject });
  return rows.map((row) => row.id);
}
