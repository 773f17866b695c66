import { appendAudit } from './audit';
import type { Executor } from './executor';
import type { GraphWriter } from './write';

/**
 * API tokens for analysts' scripts:
 *
 *   (:ApiToken {id, hash, name, roles, createdAt, expiresAt, revokedAt, lastUsedAt, createdBy})
 *
 * The graph holds only the SHA-256 hash of a token's secret (src/auth/api-token.ts makes both),
 * so someone who reads the database or a backup cannot call the API with what they read.
 * `createdBy` is the creating admin's pseudonymous `(:User).id`, as in the audit log. A token is
 * never deleted by the app: a revoked or expired one stays, so the audit log's references to it
 * keep leading to when and by whom it was issued.
 */

/** A token's use is written to the audit log (and `lastUsedAt`) at most this often. */
export const TOKEN_USE_AUDIT_MINUTES = 60;

export interface StoredApiToken {
  id: string;
  name: string;
  roles: string[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** The creating admin's pseudonymous user id. */
  createdBy: string;
}

const FIELDS = `t.id AS id, t.name AS name, t.roles AS roles, toString(t.createdAt) AS createdAt,
  toString(t.expiresAt) AS expiresAt, toString(t.revokedAt) AS revokedAt,
  toString(t.lastUsedAt) AS lastUsedAt, t.createdBy AS createdBy`;

const CREATE = `
CREATE (t:ApiToken {
  id: randomUUID(), hash: $hash, name: $name, roles: $roles, createdAt: datetime(),
  expiresAt: datetime() + duration({days: toInteger($validDays)}), createdBy: $createdBy
})
RETURN ${FIELDS}`;

// A revoked token stays revoked at its first revocation time: revoking twice changes nothing.
const REVOKE = `
MATCH (t:ApiToken {id: $id})
WITH t, t.revokedAt IS NULL AS revokedNow
SET t.revokedAt = coalesce(t.revokedAt, datetime())
RETURN ${FIELDS}, revokedNow`;

const LIST = `MATCH (t:ApiToken) RETURN ${FIELDS} ORDER BY t.createdAt DESC LIMIT toInteger($limit)`;

// Compared on the database's clock, the one that wrote expiresAt.
const VALID = `
MATCH (t:ApiToken {hash: $hash})
WHERE t.revokedAt IS NULL AND t.expiresAt > datetime()
RETURN t.id AS id, t.roles AS roles,
       t.lastUsedAt IS NULL OR t.lastUsedAt < datetime() - duration({minutes: $minutes}) AS due`;

// Setting a property first takes the token's write lock, and Neo4j reads the committed value after
// it; so of two requests that both saw the use as due, only the first writes an audit event.
const MARK_USED = `
MATCH (t:ApiToken {id: $id})
SET t.usedLock = true
REMOVE t.usedLock
WITH t
WHERE t.lastUsedAt IS NULL OR t.lastUsedAt < datetime() - duration({minutes: $minutes})
SET t.lastUsedAt = datetime()
RETURN t.id AS id`;

export async function createApiToken(
  writer: GraphWriter,
  token: { hash: string; name: string; roles: string[]; validDays: number; createdBy: string },
): Promise<StoredApiToken> {
  return writer.change('apiToken.create', async (tx) => {
    const [row] = await tx.run<StoredApiToken>(CREATE, token);
    if (!row) throw new Error('API token not created');
    await appendAudit(tx, {
      action: 'token-create',
      actorKind: 'staff',
      actorId: token.createdBy,
      details: { tokenId: row.id, roles: row.roles, expiresAt: row.expiresAt },
    });
    return row;
  });
}

/** Revokes a token (once; the audit event is written the first time). Null when there is no such token. */
export async function revokeApiToken(
  writer: GraphWriter,
  revocation: { id: string; revokedBy: string },
): Promise<StoredApiToken | null> {
  return writer.change('apiToken.revoke', async (tx) => {
    const [row] = await tx.run<StoredApiToken & { revokedNow: boolean }>(REVOKE, { id: revocation.id });
    if (!row) return null;
    const { revokedNow, ...token } = row;
    if (revokedNow) {
      await appendAudit(tx, {
        action: 'token-revoke',
        actorKind: 'staff',
        actorId: revocation.revokedBy,
        details: { tokenId: token.id },
      });
    }
    return token;
  });
}

/** The newest tokens first, revoked and expired ones included (the page marks them). */
export async function listApiTokens(executor: Executor, limit = 500): Promise<StoredApiToken[]> {
  return executor.read<StoredApiToken>('apiToken.list', LIST, { limit });
}

/**
 * The token whose secret hashes to `hash`, if it may be used now (not revoked, not expired);
 * `due` says its use should be recorded (the last record is older than the audit interval).
 */
export async function findValidApiToken(
  executor: Executor,
  hash: string,
): Promise<{ id: string; roles: string[]; due: boolean } | null> {
  const [row] = await executor.read<{ id: string; roles: string[]; due: boolean }>('apiToken.find', VALID, {
    hash,
    minutes: TOKEN_USE_AUDIT_MINUTES,
  });
  return row ?? null;
}

/** Records a use of the token: `lastUsedAt` and a `token-use` audit event, at most once per interval. */
export async function recordApiTokenUse(writer: GraphWriter, id: string): Promise<boolean> {
  return writer.change('apiToken.use', async (tx) => {
    const [row] = await tx.run<{ id: string }>(MARK_USED, { id, minutes: TOKEN_USE_AUDIT_MINUTES });
    if (!row) return false;
    await appendAudit(tx, { action: 'token-use', actorKind: 'token', actorId: id });
    return true;
  });
}
