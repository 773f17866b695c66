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
