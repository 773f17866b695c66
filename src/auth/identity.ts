import type { Logger } from 'pino';
import { CVR_SEED_SPACE, cvrFromSeed } from '../../graph/cvr';
import type { Executor } from '../../graph/executor';
import type { AppConfig } from '../config';
import type { DevPerson } from './dev-login-page';
import { startDevProvider } from './dev-provider';
import {
  configuredStaffIssuer,
  configuredVendorIssuer,
  type IdentitySettings,
  redirectUriOf,
  staffClaimNames,
  staffGroups,
  vendorClaimNames,
} from './settings';

/**
 * The runtime's identity part: the configured issuers, or, for whichever is not configured
 * (outside production only; the config refuses it there), the development provider on loopback.
 */
export interface Identity {
  settings: IdentitySettings;
  /** Stops the development provider, if one was started. */
  stop(): Promise<void>;
}

const SAMPLE_COMPANIES = `
MATCH (c:Company) WHERE c.cvr IS NOT NULL
RETURN c.cvr AS cvr, c.name AS name, c.slug AS slug
ORDER BY c.slug LIMIT 3`;

const UNLISTED_CVR = `
UNWIND $candidates AS cvr
WITH cvr WHERE NOT EXISTS { MATCH (:Company {cvr: cvr}) }
RETURN cvr LIMIT 1`;

const VENDOR_NAMES = ['Mette Nielsen', 'Lars Andersen', 'Sofie Christensen'] as const;

const emailOf = (name: string, domain: string) => `${name.toLowerCase().replace(/\s+/g, '.')}@${domain}`;

/**
 * The development provider's test people: someone from each of three companies in the graph
 * (with that company's CVR), someone whose CVR is not in the directory, an NCC reviewer and an
 * admin. Subjects are derived from the CVR or role, so the same person is the same user across restarts.
 */
export async function developmentPeople(executor: Executor, groups: { reviewer: string; admin: string }) {
  const companies = await executor.read<{ cvr: string; name: string; slug: string }>(
    'identity.devCompanies',
    SAMPLE_COMPANIES,
  );
  // Seeds from the top of the range, which the sample generator does not reach.
  const candidates = Array.from({ length: 20 }, (_, i) => cvrFromSeed(CVR_SEED_SPACE - 1 - i));
  const [unlisted] = await executor.read<{ cvr: string }>('identity.devUnlistedCvr', UNLISTED_CVR, { candidates });
  const people: DevPerson[] = companies.map((company, i) => {
    const name = VENDOR_NAMES[i] ?? `Person ${i + 1}`;
    return {
      subject: `dev-vendor-${company.cvr}`,
      kind: 'vendor',
      name,
      email: emailOf(name, `${company.slug}.example`),
      cvr: company.cvr,
      description: `${company.name}, CVR ${company.cvr} (in the directory)`,
    };
  });
  if (unlisted) {
    people.push({
      subject: `dev-vendor-${unlisted.cvr}`,
      kind: 'vendor',
      name: 'Jonas Holm',
      email: 'jonas.holm@nyt-firma.example',
      cvr: unlisted.cvr,
      description: `Nyt Firma ApS, CVR ${unlisted.cvr} (not in the directory)`,
    });
  }
  people.push(
    {
      subject: 'dev-staff-reviewer',
      kind: 'staff',
      name: 'Karen Lund',
      email: 'karen.lund@ncc.example',
      groups: [groups.reviewer],
      description: `NCC-DK reviewer (group ${groups.reviewer})`,
    },
    {
      subject: 'dev-staff-admin',
      kind: 'staff',
      name: 'Anders Holt',
      email: 'anders.holt@ncc.example',
      groups: [groups.admin],
      description: `NCC-DK administrator (group ${groups.admin})`,
    },
  );
  return people;
}

export async function startIdentity(config: AppConfig, executor: Executor, log: Logger): Promise<Identity> {
  const redirectUri = redirectUriOf(config);
  const vendor = configuredVendorIssuer(config);
  const staff = configuredStaffIssuer(config);
  if (vendor && staff) return { settings: { vendor, staff, redirectUri }, stop: async () => {} };

  const groups = staffGroups(config);
  const provider = await startDevProvider({
    nodeEnv: config.NODE_ENV,
    port: config.DEV_OIDC_PORT,
    redirectUri,
    claims: { vendor: vendorClaimNames(config), staff: staffClaimNames(config) },
    people: await developmentPeople(executor, groups),
  });
  log.warn(
    { issuer: provider.issuer.href, for: [vendor ? null : 'vendor', staff ? null : 'staff'].filter(Boolean) },
    'development identity provider started: logins are test people, not real ones',
  );
  const dev = (client: { clientId: string; clientSecret: string }, scope: string) => ({
    issuer: provider.issuer,
    ...client,
    scope,
  });
  return {
    settings: {
      vendor: vendor ?? {
        ...dev(provider.clients.vendor, config.VENDOR_OIDC_SCOPE),
        claims: vendorClaimNames(config),
      },
      staff: staff ?? {
        ...dev(provider.clients.staff, config.STAFF_OIDC_SCOPE),
        claims: staffClaimNames(config),
        groups,
      },
      redirectUri,
    },
    stop: provider.close,
  };
}
