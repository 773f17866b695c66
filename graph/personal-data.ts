import neo4j from 'neo4j-driver';
import { appendAudit } from './audit';
import type { Executor } from './executor';
import type { WriteTransaction } from './write';

/**
 * What the graph holds about one person, for them to see and to delete (the right of access and
 * to erasure). A person is a `(:User)`; around it are their sessions, the companies they may
 * edit (by the CVR number their login carries, or by a grant from NCC: `MAY_EDIT`), the
 * submissions they wrote and the audit events that name them by their pseudonymous id.
 *
 * Deleting an account keeps the User node as a tombstone with its random id and nothing else
 * about the person, so the audit log and the provenance of published facts keep a reference that
 * leads to no one, and the next login with the same subject makes a fresh user.
 */

export interface PersonalRecord {
  id: string;
  kind: string;
  issuer: string | null;
  subject: string | null;
  name: string | null;
  email: string | null;
  cvr: string | null;
  roles: string[];
  createdAt: string | null;
  lastLoginAt: string | null;
}

export interface PersonalData {
  user: PersonalRecord;
  /** When each open session began and was last used; never its id or hash. */
  sessions: Array<{ createdAt: string; lastSeenAt: string }>;
  /** Companies they may edit and why: the login's CVR number, a grant from NCC, or both. */
  companies: Array<{ slug: string; name: string; reasons: Array<'cvr' | 'grant'> }>;
  submissions: Array<{
    id: string;
    kind: string;
    op: string;
    status: string;
    targetSlug: string;
    companySlug: string;
    createdAt: string;
    submittedAt: string | null;
    decidedAt: string | null;
  }>;
  /** How many audit events name them as the actor. */
  eventCount: number;
  /** The newest of those events (as many as the reader asked for), newest first. */
  events: Array<{
    id: string;
    at: string;
    action: string;
    actorKind: string;
    company: string | null;
    product: string | null;
    details: string | null;
  }>;
}

// One read, so the page and the download show the same moment.
const READ = `
MATCH (u:User {id: $id})
RETURN u {
  .id, .kind, .issuer, .subject, .name, .email, .cvr, roles: coalesce(u.roles, []),
  createdAt: toString(u.createdAt), lastLoginAt: toString(u.lastLoginAt)
} AS user,
COLLECT {
  MATCH (s:Session)-[:OF]->(u)
  WITH s ORDER BY s.createdAt DESC
  RETURN {createdAt: toString(s.createdAt), lastSeenAt: toString(s.lastSeenAt)}
} AS sessions,
COLLECT {
  CALL (u) {
    MATCH (c:Company) WHERE u.cvr IS NOT NULL AND c.cvr = u.cvr RETURN c, 'cvr' AS reason
    UNION
    MATCH (u)-[:MAY_EDIT]->(c:Company) RETURN c, 'grant' AS reason
  }
  WITH c, collect(reason) AS reasons ORDER BY c.slug
  RETURN {slug: c.slug, name: c.name, reasons: reasons}
} AS companies,
COLLECT {
  MATCH (u)-[:AUTHORED]->(s:Submission)
  WITH s ORDER BY s.createdAt DESC
  RETURN s {
    .id, .kind, .op, .status, .targetSlug, .companySlug, createdAt: toString(s.createdAt),
    submittedAt: toString(s.submittedAt), decidedAt: toString(s.decidedAt)
  }
} AS submissions,
COUNT { MATCH (e:AuditEvent {actorId: u.id}) } AS eventCount,
COLLECT {
  MATCH (e:AuditEvent {actorId: u.id})
  WITH e ORDER BY e.at DESC, e.id DESC LIMIT $eventLimit
  RETURN e { .id, at: toString(e.at), .action, .actorKind, .company, .product, .details }
} AS events`;

/**
 * `eventLimit` bounds the events read: a staff member who imported a large file is the actor of
 * one event per listing, and a page (or a download) must not hold a hundred thousand of them.
 */
export async function readPersonalData(
  executor: Pick<Executor, 'read'>,
  userId: string,
  eventLimit: number,
): Promise<PersonalData | null> {
  const [row] = await executor.read<PersonalData>('personal.read', READ, {
    id: userId,
    eventLimit: neo4j.int(eventLimit),
  });
  return row ?? null;
}

/**
 * The erasure, inside the caller's transaction: sessions (every device is logged out), grants and
 * unsent drafts go; name, e-mail, the CVR number, roles and the link to the login subject are
 * removed from the User. Submitted, decided and withdrawn submissions stay: they are the history
 * of a company's listing and the provenance of what is published, and name the author only by
 * the pseudonymous id. Returns what went, as counts; null when there is no such account.
 */
const ERASE = `
MATCH (u:User {id: $id}) WHERE u.deletedAt IS NULL
CALL (u) {
  OPTIONAL MATCH (s:Session)-[:OF]->(u)
  DETACH DELETE s
  RETURN count(s) AS sessions
}
CALL (u) {
  OPTIONAL MATCH (u)-[g:MAY_EDIT]->(:Company)
  DELETE g
  RETURN count(g) AS grants
}
CALL (u) {
  OPTIONAL MATCH (u)-[:AUTHORED]->(d:Submission {status: 'draft'})
  DETACH DELETE d
  RETURN count(d) AS drafts
}
REMOVE u.issuer, u.subject, u.name, u.email, u.cvr, u.roles, u.lastLoginAt
SET u.deletedAt = datetime.transaction()
RETURN u.kind AS kind, sessions, grants, drafts`;

export async function eraseAccount(
  tx: WriteTransaction,
  userId: string,
): Promise<{ sessions: number; grants: number; drafts: number } | null> {
  const [row] = await tx.run<{ kind: 'vendor' | 'staff'; sessions: number; grants: number; drafts: number }>(ERASE, {
    id: userId,
  });
  if (!row) return null;
  const { kind, ...removed } = row;
  await appendAudit(tx, { action: 'account-delete', actorKind: kind, actorId: userId, details: removed });
  return removed;
}
