import { appendAudit } from './audit';
import type { Executor } from './executor';
import type { GraphWriter, WriteTransaction } from './write';

/**
 * Access to a company granted by NCC-DK to a named person who does not act for its CVR number
 * (the company's marketing agency, an accountant):
 *
 *   (:User {subject, kind: 'vendor'})-[:MAY_EDIT {grantedAt, grantedBy}]->(:Company)
 *
 * The person is named by their login's subject, the identity provider's stable id for them, and
 * matched by subject and kind, as the use cases look a logged-in person up. Staff may grant access
 * before the person has ever logged in: the grant then sits on a placeholder User with only the
 * subject (no issuer, name or e-mail), and the person's first login moves it to the User it makes
 * and deletes the placeholder (graph/sessions.ts), so from then on the person's own User holds
 * every grant: their session reads it, their data page lists it, deleting the account ends it.
 */

export interface CompanyGrant {
  subject: string;
  companySlug: string;
  companyName: string;
  grantedAt: string;
  /** The granting staff member's pseudonymous user id. */
  grantedBy: string | null;
  /** The person's name once they have logged in; null for a placeholder. */
  name: string | null;
}

const COMPANY = 'MATCH (c:Company {slug: $companySlug}) RETURN c.name AS name';

const PLACEHOLDER = `
OPTIONAL MATCH (known:User {subject: $subject, kind: 'vendor'})
WITH count(known) AS found
WHERE found = 0
CREATE (:User {id: randomUUID(), subject: $subject, kind: 'vendor', createdAt: datetime()})`;

const GRANT = `
MATCH (u:User {subject: $subject, kind: 'vendor'}), (c:Company {slug: $companySlug})
MERGE (u)-[r:MAY_EDIT]->(c)
  ON CREATE SET r.grantedAt = datetime(), r.grantedBy = $grantedBy, r.created = true
WITH u, r, coalesce(r.created, false) AS created
REMOVE r.created
RETURN u.id AS userId, created`;

const REVOKE = `
MATCH (u:User {subject: $subject, kind: 'vendor'})-[r:MAY_EDIT]->(:Company {slug: $companySlug})
DELETE r
RETURN u.id AS userId`;

const ADOPT = `
MATCH (placeholder:User {subject: $subject, kind: 'vendor'})
WHERE placeholder.issuer IS NULL AND placeholder.id <> $userId
MATCH (u:User {id: $userId})
CALL (placeholder, u) {
  MATCH (placeholder)-[g:MAY_EDIT]->(c:Company)
  MERGE (u)-[r:MAY_EDIT]->(c)
    ON CREATE SET r.grantedAt = g.grantedAt, r.grantedBy = g.grantedBy
}
DETACH DELETE placeholder`;

// A placeholder nobody ever logged in as, with no grant left, is nothing the service needs to keep.
const DROP_UNUSED_PLACEHOLDER = `
MATCH (u:User {subject: $subject, kind: 'vendor'})
WHERE u.lastLoginAt IS NULL AND NOT (u)--()
DELETE u`;

// The name comes from whichever User with the subject has logged in: the grant may sit on a placeholder.
const LIST = `
MATCH (u:User {kind: 'vendor'})-[r:MAY_EDIT]->(c:Company)
WHERE $companySlug IS NULL OR c.slug = $companySlug
WITH u.subject AS subject, c, r ORDER BY r.grantedAt
WITH subject, c, collect(r)[0] AS first
RETURN subject, c.slug AS companySlug, c.name AS companyName, toString(first.grantedAt) AS grantedAt,
       first.grantedBy AS grantedBy,
       head(COLLECT {
         MATCH (p:User {subject: subject, kind: 'vendor'}) WHERE p.name IS NOT NULL RETURN p.name ORDER BY p.lastLoginAt DESC
       }) AS name
ORDER BY companySlug, subject
LIMIT toInteger($limit)`;

async function companyNamed(tx: WriteTransaction, companySlug: string): Promise<string | null> {
  const [row] = await tx.run<{ name: string }>(COMPANY, { companySlug });
  return row?.name ?? null;
}

/**
 * Grants the person with `subject` access to the company, creating a placeholder for a person not
 * known yet, and appends a `grant` audit event (naming the person by their pseudonymous user id),
 * in one transaction. Null when the company does not exist; `created` is false when the grant
 * was already there (nothing is written then).
 */
export async function grantCompanyAccess(
  writer: GraphWriter,
  grant: { subject: string; companySlug: string; grantedBy: string },
): Promise<{ created: boolean } | null> {
  return writer.change('companyAccess.grant', async (tx) => {
    if ((await companyNamed(tx, grant.companySlug)) === null) return null;
    await tx.run(PLACEHOLDER, { subject: grant.subject });
    const rows = await tx.run<{ userId: string; created: boolean }>(GRANT, grant);
    const created = rows.some((row) => row.created);
    if (created) await auditAccess(tx, 'grant', grant.grantedBy, grant.companySlug, rows);
    return { created };
  });
}

/** A grant's or a revocation's audit event: the admin, the company and the users it concerns. */
async function auditAccess(
  tx: WriteTransaction,
  action: 'grant' | 'revoke-grant',
  actorId: string,
  company: string,
  rows: ReadonlyArray<{ userId: string }>,
): Promise<void> {
  await appendAudit(tx, {
    action,
    actorKind: 'staff',
    actorId,
    company,
    details: { granteeIds: rows.map((row) => row.userId) },
  });
}

/** Inside a vendor's login: the grants a placeholder with their subject holds become theirs, and the placeholder goes. */
export async function adoptPlaceholderGrants(tx: WriteTransaction, person: { userId: string; subject: string }) {
  await tx.run(ADOPT, person);
}

/** Takes the access back, with a `revoke-grant` audit event; false when there was no such grant. */
export async function revokeCompanyAccess(
  writer: GraphWriter,
  revocation: { subject: string; companySlug: string; revokedBy: string },
): Promise<boolean> {
  return writer.change('companyAccess.revoke', async (tx) => {
    const rows = await tx.run<{ userId: string }>(REVOKE, revocation);
    if (rows.length === 0) return false;
    await tx.run(DROP_UNUSED_PLACEHOLDER, { subject: revocation.subject });
    await auditAccess(tx, 'revoke-grant', revocation.revokedBy, revocation.companySlug, rows);
    return true;
  });
}

/** The grants, by company and subject; of one company when `companySlug` is given. */
export async function listCompanyGrants(
  executor: Executor,
  companySlug: string | null = null,
  limit = 1000,
): Promise<CompanyGrant[]> {
  return executor.read<CompanyGrant>('companyAccess.list', LIST, { companySlug, limit });
}
