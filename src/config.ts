import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';

/**
 * Configuration comes only from the environment and is validated once at start-up, with one
 * clear message per wrong value.
 */
const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine(
      (value) => value === undefined || protocols.some((protocol) => value.startsWith(`${protocol}://`)),
      `must start with ${protocols.map((protocol) => `${protocol}://`).join(' or ')}`,
    );

const wholeNumber = (minimum: number, fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(minimum, `must be ${minimum} or more`)
    .default(fallback);

/** Which proxies may set X-Forwarded-For (Fastify's trustProxy): rate limits count per client address behind them. */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((value): boolean | string[] => {
    if (value === undefined || value === '' || value === 'false') return false;
    if (value === 'true') return true;
    return value.split(',').map((address) => address.trim());
  })
  .refine(
    (value) => !Array.isArray(value) || value.every((address) => isIP(address.split('/')[0] ?? '') !== 0),
    'must be true, false or a comma-separated list of proxy addresses (CIDR allowed)',
  );

/**
 * Where visitors reach the site: the origin of every absolute URL a page emits (canonical, language
 * alternates, JSON-LD). Never taken from a request, whose Host header anyone can set.
 */
const publicUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value))
  .refine((value) => {
    if (value === undefined) return true;
    const url = URL.parse(value);
    return (
      url !== null &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username &&
      !url.password &&
      url.pathname === '/' &&
      !url.search &&
      !url.hash
    );
  }, 'must be an http or https address without a path, query or credentials, such as https://cyberkort.dk')
  .transform((value) => (value === undefined ? undefined : new URL(value).origin));

/** A setting that may be left out: blank counts as unset. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** A switch that is on unless set to false (or 0). */
const onByDefault = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .default('true')
  .transform((value) => value === 'true' || value === '1');

/** A claim name in an ID token or UserInfo answer (NemLog-in's are URIs). */
const claimName = (fallback: string) => z.string().trim().min(1, 'must not be empty').default(fallback);

/** The scopes asked for at login, space-separated; `openid` is what makes it OpenID Connect. */
const scope = z
  .string()
  .trim()
  .default('openid profile email')
  .refine((value) => value.split(/\s+/).includes('openid'), 'must include openid');

/**
 * NemLog-in releases the OIO attributes as claims named by their URIs
 * (https://data.gov.dk/model/core/eid/...): the CVR number the person acts for, their full name
 * and e-mail. A broker in front of NemLog-in may rename them, so each is a setting.
 */
export const NEMLOGIN_CLAIMS = {
  cvr: 'https://data.gov.dk/model/core/eid/professional/cvr',
  name: 'https://data.gov.dk/model/core/eid/fullName',
  email: 'https://data.gov.dk/model/core/eid/email',
} as const;

/** The two kinds of login and the settings each needs. */
const ISSUER_SETTINGS = {
  VENDOR: ['VENDOR_OIDC_ISSUER', 'VENDOR_OIDC_CLIENT_ID', 'VENDOR_OIDC_CLIENT_SECRET'],
  STAFF: [
    'STAFF_OIDC_ISSUER',
    'STAFF_OIDC_CLIENT_ID',
    'STAFF_OIDC_CLIENT_SECRET',
    'STAFF_OIDC_REVIEWER_GROUP',
    'STAFF_OIDC_ADMIN_GROUP',
  ],
} as const;

/** The listen address as a URL host: IPv6 addresses go in brackets. */
const urlHost = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

/** Shed load before V8 runs out of heap: 90 % of this process's heap limit. */
const DEFAULT_MAX_HEAP_MB = Math.floor((getHeapStatistics().heap_size_limit * 0.9) / 2 ** 20);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().trim().min(1, 'must not be empty').default('127.0.0.1'),
    PORT: port(4321),
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NEO4J_URI: optionalUrl(['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc']),
    NEO4J_USER: z.string().optional(),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().trim().min(1).default('neo4j'),
    NEO4J_CONNECT_TIMEOUT_MS: wholeNumber(0, 60_000),
    LOCAL_NEO4J_PORT: port(7687),
    LOCAL_NEO4J_DATA: z.string().trim().min(1).default('.data/neo4j'),
    MEILI_URL: optionalUrl(['http', 'https']),
    MEILI_MASTER_KEY: z.string().optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, - and _')
      .default('listings'),
    SEED_SAMPLE: z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? undefined : value === 'true' || value === '1')),
    SAMPLE_COMPANIES: z.coerce.number().int().min(1).max(100_000).default(300),
    TRUST_PROXY: trustProxy,
    COOKIE_SECRET: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value === '' ? undefined : value))
      .refine((value) => value === undefined || value.length >= 32, 'must be at least 32 characters'),
    VENDOR_OIDC_ISSUER: optionalUrl(['https', 'http']),
    VENDOR_OIDC_CLIENT_ID: optionalText,
    VENDOR_OIDC_CLIENT_SECRET: optionalText,
    VENDOR_OIDC_SCOPE: scope,
    VENDOR_OIDC_CVR_CLAIM: claimName(NEMLOGIN_CLAIMS.cvr),
    VENDOR_OIDC_NAME_CLAIM: claimName(NEMLOGIN_CLAIMS.name),
    VENDOR_OIDC_EMAIL_CLAIM: claimName(NEMLOGIN_CLAIMS.email),
    STAFF_OIDC_ISSUER: optionalUrl(['https', 'http']),
    STAFF_OIDC_CLIENT_ID: optionalText,
    STAFF_OIDC_CLIENT_SECRET: optionalText,
    STAFF_OIDC_SCOPE: scope,
    STAFF_OIDC_NAME_CLAIM: claimName('name'),
    STAFF_OIDC_EMAIL_CLAIM: claimName('email'),
    STAFF_OIDC_GROUPS_CLAIM: claimName('groups'),
    // Outside production the development provider puts its reviewer and admin in these groups.
    STAFF_OIDC_REVIEWER_GROUP: z.string().trim().min(1, 'must not be empty').optional(),
    STAFF_OIDC_ADMIN_GROUP: z.string().trim().min(1, 'must not be empty').optional(),
    DEV_OIDC_PORT: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 65535')
      .max(65535, 'must be between 0 and 65535')
      .default(0),
    RATE_LIMIT_LOGIN: wholeNumber(1, 30),
    RATE_LIMIT_GRAPHQL: wholeNumber(1, 600),
    RATE_LIMIT_FORMS: wholeNumber(1, 60),
    // Mutations per client (person, API token or address) and minute, below RATE_LIMIT_GRAPHQL: each is a write transaction.
    RATE_LIMIT_MUTATIONS: wholeNumber(1, 30),
    LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: wholeNumber(0, 1000),
    LOAD_SHED_MAX_HEAP_MB: wholeNumber(0, DEFAULT_MAX_HEAP_MB),
    CORS_ORIGINS: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value ? value.split(',').map((origin) => origin.trim()) : []))
      .refine(
        (origins) => origins.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)),
        'must be a comma-separated list of origins such as https://example.dk (no path)',
      ),
    GRAPHQL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    GRAPHQL_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1_000).max(100_000_000).default(5_000_000),
    CHANGE_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
    // The reconciliation reads every company's fingerprint: 1.1–3 s of Neo4j at 10,000 companies (see README).
    RECONCILE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
    // How far V8's old generation may grow beyond the live heap between full collections (src/server/memory.ts); 0 leaves V8's default.
    HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(10),
    // Mail (src/mail): through SMTP when set, else into a local outbox folder that /dev/post lists.
    SMTP_URL: optionalUrl(['smtp', 'smtps']),
    MAIL_FROM: z
      .string()
      .trim()
      .regex(/^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/, 'must be an e-mail address, optionally as Name <address>')
      .default('Cyberkort <ikke-svar@cyberkort.dk>'),
    MAIL_OUTBOX_DIR: z.string().trim().min(1, 'must not be empty').default('.data/outbox'),
    // Open data (src/use-cases/open-data.ts): the nightly export's folder, served at /aaben-data/<file>.
    OPEN_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('.data/open-data'),
    // The daily supply snapshot (src/use-cases/analytics-snapshot.ts) the server takes itself; off
    // where another process takes it (`npm run snapshot` from cron) or the graph is not the real one.
    SUPPLY_SNAPSHOTS: onByDefault,
    // The daily demand rollup (src/use-cases/analytics-demand.ts) the server runs itself; off where
    // another process runs it (`npm run rollup` from cron) or the graph is not the real one.
    DEMAND_ROLLUP: onByDefault,
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && (!env.NEO4J_USER || !env.NEO4J_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_USER'],
        message: 'NEO4J_USER and NEO4J_PASSWORD are required when NEO4J_URI is set',
      });
    }
    if (env.NODE_ENV === 'production' && env.MEILI_URL && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_MASTER_KEY'], message: 'is required with MEILI_URL in production' });
    }
    for (const names of Object.values(ISSUER_SETTINGS)) {
      const issuer = names[0];
      // Production logs in only through real issuers; elsewhere an unset issuer means the development provider.
      if (env.NODE_ENV !== 'production' && !env[issuer]) continue;
      for (const name of names) {
        if (!env[name]) {
          const why = env.NODE_ENV === 'production' ? 'is required in production' : `is required with ${issuer}`;
          ctx.addIssue({ code: 'custom', path: [name], message: why });
        }
      }
      if (env.NODE_ENV === 'production' && env[issuer]?.startsWith('http://')) {
        ctx.addIssue({ code: 'custom', path: [issuer], message: 'must be an https address in production' });
      }
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in production' });
    }
    if (env.NODE_ENV === 'production' && !env.COOKIE_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['COOKIE_SECRET'], message: 'is required in production' });
    }
  })
  // Outside production a secret made up at start is enough: signed cookies then last as long as the process.
  // Without PUBLIC_URL the site is where it listens, which is right on a development machine.
  .transform((env) => ({
    ...env,
    COOKIE_SECRET: env.COOKIE_SECRET ?? randomBytes(32).toString('base64url'),
    PUBLIC_URL: env.PUBLIC_URL ?? `http://${urlHost(env.HOST)}:${env.PORT}`,
  }));

export type AppConfig = z.output<typeof schema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
  );
}
