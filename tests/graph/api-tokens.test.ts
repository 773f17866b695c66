import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordApiTokenUse } from '../../graph/api-tokens';
import { findSession, startSession } from '../../graph/sessions';
import { GraphWriter } from '../../graph/write';
import { hashApiTokenSecret } from '../../src/auth/api-token';
import { createApiToken, revokeApiToken, viewerForApiToken } from '../../src/use-cases/api-tokens';
import { grantCompanyAccess, listCompanyGrants, revokeCompanyAccess } from '../../src/use-cases/company-access';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';

/**
 * API tokens and company grants in the graph: a token's use is recorded once per hour even when
 * requests race, a revocation is audited once, and a grant made before a person's first login
 * reaches the session that login starts.
 */

let world: TestWorld;
let store: ListingStore;

beforeAll(async () => {
  store = { executor: testExecutor(), writer: new GraphWriter(testExecutor()) };
  world = await createTestWorld(testExecutor(), 'tokens');
});

afterAll(async () => {
  await operatorWrite(
    'test.tokensCleanup',
    `MATCH (t:ApiToken) WHERE t.name CONTAINS $prefix
     OPTIONAL MATCH (e:AuditEvent {actorId: t.id})
     DETACH DELETE t, e
     WITH count(*) AS done
     MATCH (u:User) WHERE u.subject STARTS WITH $prefix
     OPTIONAL MATCH (u)<-[:OF]-(s:Session)
     DETACH DELETE u, s`,
    { prefix: world?.prefix ?? 'none' },
  );
  await world?.cleanup();
  await closeTestExecutor();
});

const count = async (cypher: string, params: Record<string, unknown>) =>
  (await testExecutor().read<{ n: number }>('test.count', cypher, params))[0]?.n ?? 0;

describe('API tokens', () => {
  it('record racing uses of a token once, and are refused once revoked', async () => {
    const { token, secret } = await createApiToken(store, world.viewers.admin, {
      name: `Kapløb ${world.prefix}`,
      validDays: 7,
    });
    const uses = await Promise.all(Array.from({ length: 4 }, () => recordApiTokenUse(store.writer, token.id)));
    expect(uses.filter(Boolean)).toHaveLength(1);
    expect(
      await count('MATCH (e:AuditEvent {action: "token-use", actorId: $id}) RETURN count(e) AS n', { id: token.id }),
    ).toBe(1);
    const viewer = await viewerForApiToken(store, secret, (error) => {
      throw error;
    });
    expect(viewer).toEqual({ kind: 'token', tokenId: token.id, roles: ['analyst'] });
    // Used within the hour: not recorded again.
    expect(
      await count('MATCH (e:AuditEvent {action: "token-use", actorId: $id}) RETURN count(e) AS n', { id: token.id }),
    ).toBe(1);

    await revokeApiToken(store, world.viewers.admin, token.id);
    const again = await revokeApiToken(store, world.viewers.admin, token.id);
    expect(again.status).toBe('revoked');
    expect(
      await count('MATCH (e:AuditEvent {action: "token-revoke"}) WHERE e.details CONTAINS $id RETURN count(e) AS n', {
        id: token.id,
      }),
    ).toBe(1);
    expect(await viewerForApiToken(store, secret, () => undefined)).toBeNull();
    expect(
      await count('MATCH (t:ApiToken {hash: $hash}) RETURN count(t) AS n', { hash: hashApiTokenSecret(secret) }),
    ).toBe(1);
  });

  it('are issued by admins only, with a valid name and expiry', async () => {
    await expect(
      createApiToken(store, world.viewers.reviewer, { name: `Anmelder ${world.prefix}`, validDays: 7 }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      createApiToken(store, world.viewers.admin, { name: `Evig ${world.prefix}`, validDays: 366 }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'validDays' }] });
  });
});

describe('company grants', () => {
  it("reach a person's first login when granted before it, and pass to the person's own User", async () => {
    const subject = `${world.prefix}-bureau`;
    await grantCompanyAccess(store, world.viewers.admin, { subject, companySlug: world.companyA.slug });
    const [grant] = await listCompanyGrants(store, world.viewers.admin, world.companyA.slug);
    expect(grant).toMatchObject({ subject, companySlug: world.companyA.slug, name: null });

    const idHash = `${world.prefix}-session`;
    await startSession(store.writer, {
      idHash,
      previousIdHash: null,
      login: {
        kind: 'vendor',
        issuer: 'test',
        subject,
        name: 'Bureau Person',
        email: null,
        cvr: '00000000',
        roles: [],
      },
    });
    const session = await findSession(testExecutor(), idHash);
    expect(session.state === 'active' && session.user.companies).toEqual([world.companyA.slug]);
    const [named] = await listCompanyGrants(store, world.viewers.admin, world.companyA.slug);
    expect(named?.name).toBe('Bureau Person');
    // The login took the grant over: the placeholder is gone, the person's own User holds it.
    expect(
      await count('MATCH (u:User {subject: $subject})-[:MAY_EDIT]->(:Company) RETURN count(u) AS n', { subject }),
    ).toBe(1);
    expect(
      await count('MATCH (u:User {subject: $subject}) WHERE u.issuer IS NULL RETURN count(u) AS n', { subject }),
    ).toBe(0);

    await revokeCompanyAccess(store, world.viewers.admin, { subject, companySlug: world.companyA.slug });
    const after = await findSession(testExecutor(), idHash);
    expect(after.state === 'active' && after.user.companies).toEqual([]);
    expect(await count('MATCH (u:User {subject: $subject}) RETURN count(u) AS n', { subject })).toBe(1);
    await expect(
      revokeCompanyAccess(store, world.viewers.admin, { subject, companySlug: world.companyA.slug }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leave no placeholder behind when revoked before the person ever logged in', async () => {
    const subject = `${world.prefix}-ingen`;
    await grantCompanyAccess(store, world.viewers.admin, { subject, companySlug: world.companyB.slug });
    await grantCompanyAccess(store, world.viewers.admin, { subject, companySlug: world.companyB.slug });
    expect(
      await count('MATCH (e:AuditEvent {action: "grant", company: $slug}) RETURN count(e) AS n', {
        slug: world.companyB.slug,
      }),
    ).toBe(1);
    expect(await count('MATCH (u:User {subject: $subject}) RETURN count(u) AS n', { subject })).toBe(1);
    await revokeCompanyAccess(store, world.viewers.admin, { subject, companySlug: world.companyB.slug });
    expect(await count('MATCH (u:User {subject: $subject}) RETURN count(u) AS n', { subject })).toBe(0);
    await expect(
      grantCompanyAccess(store, world.viewers.reviewer, { subject, companySlug: world.companyB.slug }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      grantCompanyAccess(store, world.viewers.admin, { subject: 'has spaces', companySlug: world.companyB.slug }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'subject' }] });
  });
});
