import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { freePort } from '../../graph/local-neo4j/free-port';
import type { DevPerson } from '../../src/auth/dev-login-page';
import { startDevProvider } from '../../src/auth/dev-provider';
import { redirectUriOf, staffClaimNames, staffGroups, vendorClaimNames } from '../../src/auth/settings';
import { loadConfig } from '../../src/config';
import { ASTRO_ENTRY, buildServer } from '../../src/server/app';
import { loadAstroHandler } from '../../src/server/astro-site';
import { servicesOver } from '../../src/services';
import { testExecutor } from './graph';

/**
 * A whole site of a test's own (the built Astro pages, /graphql, the login routes) over the
 * suite's Neo4j, with its own development identity provider offering the test's own people. For
 * tests that do to a person what others must not see happen to the shared server's test people
 * (delete their account), or that change what the identity provider says about a person between
 * two logins: the provider reads each person's claims from the objects it was given at every
 * login, so a test changes `groups` on its person as the identity provider's administrator would.
 * Everything else is the real login: the OpenID code flow over HTTP, sessions in the graph.
 */
export interface OwnSite {
  baseUrl: string;
  groups: { reviewer: string; admin: string };
  close(): Promise<void>;
}

export async function startOwnSite(people: DevPerson[]): Promise<OwnSite> {
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' });
  const groups = staffGroups(config);
  const provider = await startDevProvider({
    nodeEnv: 'test',
    port: 0,
    redirectUri: redirectUriOf(config),
    claims: { vendor: vendorClaimNames(config), staff: staffClaimNames(config) },
    people,
  });
  const services = await servicesOver(testExecutor(), {
    env: { NODE_ENV: 'test', COOKIE_SECRET: config.COOKIE_SECRET },
  });
  const app = buildServer({
    runtime: {
      services,
      ready: async () => ({ neo4j: true, search: true }),
      identity: {
        vendor: {
          issuer: provider.issuer,
          ...provider.clients.vendor,
          scope: config.VENDOR_OIDC_SCOPE,
          claims: vendorClaimNames(config),
        },
        staff: {
          issuer: provider.issuer,
          ...provider.clients.staff,
          scope: config.STAFF_OIDC_SCOPE,
          claims: staffClaimNames(config),
          groups,
        },
        redirectUri: redirectUriOf(config),
      },
    },
    astro: await loadAstroHandler(ASTRO_ENTRY),
    config,
    // Errors only: a 500 in a test run should say why in the test's output.
    log: pino({ level: 'error' }),
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    groups,
    async close() {
      await app.close();
      await provider.close();
    },
  };
}
