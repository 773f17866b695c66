import { endSession, findSession, type Login, startSession } from '../../graph/sessions';
import { hashSessionId, newSessionId } from '../../src/auth/session-id';
import type { Viewer } from '../../src/auth/viewer';
import type { Services } from '../../src/services';
import { createApiToken, revokeApiToken } from '../../src/use-cases/api-tokens';

/** The NCC-DK admin the benchmark acts as; one User node in the benchmark graph, updated at each run. */
const BENCH_ADMIN: Login = {
  kind: 'staff',
  issuer: 'https://login.ncc.invalid',
  subject: 'cyberkort-benchmark-admin',
  name: 'Benchmark admin',
  email: null,
  cvr: null,
  roles: ['admin'],
};

/**
 * An analyst's API token, issued the way NCC-DK issues one: an admin logs in (the session and
 * User that /auth/callback records once the staff identity provider has answered) and issues a
 * token (the use case behind the `createApiToken` mutation). The benchmark then sends its secret
 * as `Authorization: Bearer`, which the HTTP side turns into a viewer with viewerForApiToken, as
 * src/server/graphql.ts does. `close` revokes the token and ends the session, so runs leave only
 * their audit trail behind.
 */
export async function analystToken(services: Pick<Services, 'executor' | 'writer'>) {
  const idHash = hashSessionId(newSessionId());
  await startSession(services.writer, { idHash, previousIdHash: null, login: BENCH_ADMIN });
  const session = await findSession(services.executor, idHash);
  if (session.state !== 'active') throw new Error(`the benchmark admin's session is ${session.state}`);
  const admin: Viewer = {
    kind: 'staff',
    subject: session.user.subject,
    name: session.user.name,
    email: session.user.email,
    roles: ['admin'],
    sessionId: idHash,
    userId: session.user.id,
  };
  const { token, secret } = await createApiToken(services, admin, { name: 'Benchmark analyst', validDays: 1 });
  return {
    secret,
    async close() {
      await revokeApiToken(services, admin, token.id);
      await endSession(services.writer, idHash);
    },
  };
}
