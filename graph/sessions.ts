import { appendAudit } from './audit';
import { adoptPlaceholderGrants } from './company-access';
import type { Executor } from './executor';
import type { GraphWriter } from './write';

/**
 * Login sessions, kept in the graph so that any process can check any cookie and a logout is
 * final everywhere at once:
 *
 *   (:Session {idHash, createdAt, lastSeenAt})-[:OF]->(:User {id, issuer, subject, kind, name, email, cvr, roles})
 *
 * The graph never holds a session id, only its SHA-256 hash: someone who reads the database (or a
 * backup) cannot use what they read as a cookie. The User keeps what the service needs about a
 * person and nothing more: name, e-mail, the CVR number they act for (vendors) or their roles
 * (staff). Its `id` is random, and it is what the audit log names.
 */

/** A session ends this long after its last request… */
export const SESSION_IDLE_MINUTES = 30;
/** …and this long after the login, however busy it is. */
export const SESSION_ABSOLUTE_HOURS = 8;
/** The last-seen stamp is written at most this often, so a busy session is not a write per request. */
export const SESSION_TOUCH_SECONDS = 60;

export type LoginKind = 'vendor' | 'staff';

/** What a login established about the person, from the identity provider's claims. */
export interface Login {
  kind: LoginKind;
  issuer: string;
  subject: string;
  name: string;
  email: string | null;
  /** The CVR number a vendor acts for; null for staff. */
  cvr: string | null;
  /** Staff roles; empty for vendors. */
  roles: string[];
}

export interface SessionUser extends Login {
  /** The User node's random id: the pseudonymous reference the audit log keeps. */
  id: string;
  /** Slugs of the companies whose CVR is the login's, and of those NCC granted (MAY_EDIT). */
  companies: string[];
}

export type SessionLookup =
  | { state: 'active'; user: SessionUser /** The last-seen stamp is older than the touch interval. */; stale: boolean }
  | { state: 'expired' }
  | { state: 'unknown' };

const WINDOW = {
  idleMinutes: SESSION_IDLE_MINUTES,
  absoluteHours: SESSION_ABSOLUTE_HOURS,
  touchSeconds: SESSION_TOUCH_SECONDS,
};

// The times are compared in Cypher, on the database's clock, the one that wrote them.
const FIND = `
MATCH (s:Session {idHash: $idHash})-[:OF]->(u:User)
RETURN s.lastSeenAt < datetime() - duration({minutes: $idleMinutes})
         OR s.createdAt < datetime() - duration({hours: $absoluteHours}) AS expired,
       s.lastSeenAt < datetime() - duration({seconds: $touchSeconds}) AS stale,
       u.id AS id, u.kind AS kind, u.issuer AS issuer, u.subject AS subject, u.name AS name, u.email AS email,
       u.cvr AS cvr, coalesce(u.roles, []) AS roles,
       COLLECT {
         MATCH (c:Company) WHERE u.cvr IS NOT NULL AND c.cvr = u.cvr RETURN c.slug AS slug
         UNION
         MATCH (u)-[:MAY_EDIT]->(c:Company) RETURN c.slug AS slug
       } AS companies`;

/** The person, their new session, and the session the browser had before (if any) gone: the id rotates at login. */
const START = `
MERGE (u:User {issuer: $login.issuer, subject: $login.subject})
  ON CREATE SET u.id = randomUUID(), u.createdAt = datetime()
WITH u, CASE WHEN u.lastLoginAt IS NULL THEN null ELSE coalesce(u.roles, []) END AS rolesBefore
SET u.kind = $login.kind, u.name = $login.name, u.email = $login.email, u.cvr = $login.cvr,
    u.roles = $login.roles, u.lastLoginAt = datetime()
WITH u, rolesBefore
CALL () {
  OPTIONAL MATCH (previous:Session {idHash: $previousIdHash})
  DETACH DELETE previous
}
CREATE (:Session {idHash: $idHash, createdAt: datetime(), lastSeenAt: datetime()})-[:OF]->(u)
RETURN u.id AS id, rolesBefore`;

const sameRoles = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((role, i) => role === [...b].sort()[i]);

const TOUCH = 'MATCH (s:Session {idHash: $idHash}) SET s.lastSeenAt = datetime()';

const END = `
MATCH (s:Session {idHash: $idHash})-[:OF]->(u:User)
WITH s, u.id AS userId, u.kind AS kind
DETACH DELETE s
RETURN userId, kind`;

const FORGET = 'MATCH (s:Session {idHash: $idHash}) DETACH DELETE s';

const PRUNE = `
MATCH (s:Session)
WHERE s.lastSeenAt < datetime() - duration({minutes: $idleMinutes})
   OR s.createdAt < datetime() - duration({hours: $absoluteHours})
WITH s LIMIT 10000
DETACH DELETE s
RETURN count(*) AS removed`;

export async function findSession(executor: Executor, idHash: string): Promise<SessionLookup> {
  const [row] = await executor.read<{ expired: boolean; stale: boolean } & SessionUser>('session.find', FIND, {
    idHash,
    ...WINDOW,
  });
  if (!row) return { state: 'unknown' };
  if (row.expired) return { state: 'expired' };
  const { expired: _expired, stale, ...user } = row;
  return { state: 'active', stale, user: { ...user, companies: [...user.companies].sort() } };
}

/**
 * Records a login: the person (created or brought up to date), a new session, the browser's
 * previous session dropped, and a `login` audit event, in one transaction. Returns the User's id.
 * Staff roles come from the identity provider's groups at each login, so a login is also where a
 * role change shows: when the roles differ from the previous login's, a `role-change` event with
 * both lists follows the login event. A person's first login changes no role.
 */
export async function startSession(
  writer: GraphWriter,
  session: { idHash: string; previousIdHash: string | null; login: Login },
): Promise<string> {
  return writer.change('session.start', async (tx) => {
    const [row] = await tx.run<{ id: string; rolesBefore: string[] | null }>(START, {
      idHash: session.idHash,
      previousIdHash: session.previousIdHash,
      login: session.login,
    });
    if (!row) throw new Error('session not created');
    const { kind, roles } = session.login;
    // Access NCC granted before this person's first login waits on a placeholder with their subject.
    if (kind === 'vendor') await adoptPlaceholderGrants(tx, { userId: row.id, subject: session.login.subject });
    await appendAudit(tx, { action: 'login', actorKind: kind, actorId: row.id });
    if (row.rolesBefore && !sameRoles(row.rolesBefore, roles)) {
      await appendAudit(tx, {
        action: 'role-change',
        actorKind: kind,
        actorId: row.id,
        details: { before: [...row.rolesBefore].sort(), after: [...roles].sort() },
      });
    }
    return row.id;
  });
}

export async function touchSession(writer: GraphWriter, idHash: string): Promise<void> {
  await writer.run('session.touch', TOUCH, { idHash });
}

/** A logout: the session is gone for every process, and the audit log says who left. False if there was none. */
export async function endSession(writer: GraphWriter, idHash: string): Promise<boolean> {
  return writer.change('session.end', async (tx) => {
    const [row] = await tx.run<{ userId: string; kind: LoginKind }>(END, { idHash });
    if (!row) return false;
    await appendAudit(tx, { action: 'logout', actorKind: row.kind, actorId: row.userId });
    return true;
  });
}

/** Removes a session that timed out (not a logout: nobody acted). */
export async function forgetSession(writer: GraphWriter, idHash: string): Promise<void> {
  await writer.run('session.forget', FORGET, { idHash });
}

/** Removes sessions that timed out and were never presented again; returns how many. */
export async function pruneSessions(writer: GraphWriter): Promise<number> {
  const [row] = await writer.run<{ removed: number }>('session.prune', PRUNE, WINDOW);
  return row?.removed ?? 0;
}
