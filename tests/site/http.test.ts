import { readdirSync, statSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type Logger, pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createGraphQLServer } from '../../src/api/yoga';
import { loadConfig } from '../../src/config';
import { ASTRO_ENTRY, buildServer, CLIENT_DIR } from '../../src/server/app';
import { type AstroHandler, loadAstroHandler } from '../../src/server/astro-site';
import { type Services, servicesOver } from '../../src/services';
import { closeTestExecutor, testExecutor } from '../support/graph';

/**
 * The HTTP layer: the shared server of the site tier (inject('baseUrl')) for what every visitor
 * gets, and apps built here with other settings (tiny limits, a short drain) for what must not
 * happen to the shared one.
 */

const BASE = new URL(inject('baseUrl'));
/** The biggest built script: small ones gain too little from compression to tell. */
const SCRIPT = `/_astro/${
  readdirSync(path.join(CLIENT_DIR, '_astro'))
    .filter((file) => file.endsWith('.js'))
    .sort(
      (a, b) => statSync(path.join(CLIENT_DIR, '_astro', b)).size - statSync(path.join(CLIENT_DIR, '_astro', a)).size,
    )[0]
}`;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  localPort: number;
}

/** A request whose body arrives as sent (fetch would decompress it and hide Content-Encoding). */
function request(
  target: {
    port: number;
    path: string;
    method?: string;
    headers?: Record<string, string | number>;
    agent?: http.Agent;
  },
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: target.method ?? 'GET',
        headers: target.headers,
        agent: target.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
            localPort: req.socket?.localPort ?? 0,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const shared = (path: string, headers: Record<string, string | number> = {}, method = 'GET', body?: string) =>
  request({ port: Number(BASE.port), path, headers, method }, body);

/** All Content-Security-Policy headers of a response (Node would join repeated ones into one value). */
function policies(response: RawResponse): string[] {
  return response.rawHeaders.filter(
    (_value, index) => index % 2 === 1 && /^content-security-policy$/i.test(response.rawHeaders[index - 1] ?? ''),
  );
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

/** The headers every response carries, whoever answered it: a page, an asset, a refusal. */
function expectSecurityHeaders(headers: Record<string, string | string[] | number | undefined>) {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toMatch(/camera=\(\)/);
  expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(directives(String(headers['content-security-policy'] ?? '')).get('frame-ancestors')).toEqual(["'none'"]);
}

const graphqlBody = (query: string) => JSON.stringify({ query });
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('compression', () => {
  for (const target of ['/', '/soeg?q=backup', SCRIPT]) {
    it(`sends ${target} as brotli or gzip as accepted, and plain otherwise`, async () => {
      const plain = await shared(target, { 'accept-encoding': 'identity' });
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();

      const br = await shared(target, { 'accept-encoding': 'br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      const gzip = await shared(target, { 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');

      const fromBr = brotliDecompressSync(br.body);
      const fromGzip = gunzipSync(gzip.body);
      expect(br.body.length).toBeLessThan(plain.body.length / 2);
      expect(gzip.body.length).toBeLessThan(plain.body.length / 2);
      if (target === SCRIPT) {
        expect(fromBr.equals(plain.body)).toBe(true);
        expect(fromGzip.equals(plain.body)).toBe(true);
      } else {
        // A page is rendered per request; it is the same page, not necessarily the same bytes.
        for (const html of [fromBr, fromGzip]) expect(html.toString()).toMatch(/^<!DOCTYPE html>.*<\/html>\s*$/is);
      }
    });
  }

  it('compresses JSON from /graphql', async () => {
    const response = await shared(
      '/graphql',
      { ...JSON_HEADERS, 'accept-encoding': 'br' },
      'POST',
      graphqlBody('{ __schema { types { name } } }'),
    );
    expect(response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(response.body).toString())).toHaveProperty('data.__schema');
  });
});

describe('pages through Fastify', () => {
  it('answers HEAD with the page’s status and headers and no body', async () => {
    const head = await shared('/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/html/);
    expect(head.body.length).toBe(0);
    expect((await shared('/findes-ikke', {}, 'HEAD')).status).toBe(404);
  });
});

describe('caching', () => {
  it('caches hashed build assets for a year and other public files for an hour', async () => {
    expect((await shared(SCRIPT)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const favicon = await shared('/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('security headers', () => {
  const responses = {
    page: () => shared('/'),
    'missing page (404)': () => shared('/findes-ikke'),
    'bad request page (400)': () => shared('/soeg?page=abc'),
    'path that does not decode (404)': () => shared('/virksomhed/%ff'),
    asset: () => shared(SCRIPT),
    'missing asset (404)': () => shared('/_astro/findes-ikke.js'),
    graphql: () => shared('/graphql', JSON_HEADERS, 'POST', graphqlBody('{ __typename }')),
    'graphql over GET': () => shared(`/graphql?query=${encodeURIComponent('{ __typename }')}`),
    'GraphiQL (GET, text/html)': () => shared('/graphql', { accept: 'text/html' }),
    health: () => shared('/healthz'),
  };

  for (const [name, send] of Object.entries(responses)) {
    it(`are on every response: ${name}`, async () => {
      const response = await send();
      expectSecurityHeaders(response.headers);
      expect(policies(response)).toHaveLength(1);
    });
  }

  it('gives pages one strict policy: Astro’s hashes, helmet’s other directives', async () => {
    for (const target of ['/', '/find-hjaelp', '/findes-ikke']) {
      const page = directives(policies(await shared(target))[0] ?? '');
      for (const kind of ['script-src', 'style-src']) {
        const sources = page.get(kind) ?? [];
        expect(sources, `${target} ${kind}`).toContain("'self'");
        expect(
          sources.some((source) => source.startsWith("'sha256-")),
          `${target} ${kind}`,
        ).toBe(true);
        expect(sources, `${target} ${kind}`).not.toContain("'unsafe-inline'");
        expect(sources, `${target} ${kind}`).not.toContain("'unsafe-eval'");
      }
      expect(page.get('default-src')).toEqual(["'self'"]);
      expect(page.get('object-src')).toEqual(["'none'"]);
      expect(page.get('base-uri')).toEqual(["'self'"]);

      const elsewhere = directives(policies(await shared('/healthz'))[0] ?? '');
      for (const [name, values] of elsewhere) {
        if (name !== 'script-src' && name !== 'style-src') expect(page.get(name), `${target} ${name}`).toEqual(values);
      }
      expect([...page.keys()].sort()).toEqual([...elsewhere.keys()].sort());
    }
  });

  it('loosens the policy for GraphiQL only', async () => {
    const graphiql = await shared('/graphql', { accept: 'text/html' });
    expect(graphiql.status).toBe(200);
    expect(graphiql.body.toString()).toContain('YogaGraphiQL');
    expect(directives(policies(graphiql)[0] ?? '').get('script-src')).toContain('https://unpkg.com');
    expect(directives(policies(await shared('/'))[0] ?? '').get('script-src')).not.toContain('https://unpkg.com');
  });
});

describe('request ids', () => {
  it('echoes a safe incoming id and replaces an unsafe one', async () => {
    expect((await shared('/healthz', { 'x-request-id': 'lb-4711.abc' })).headers['x-request-id']).toBe('lb-4711.abc');
    const replaced = (await shared('/healthz', { 'x-request-id': 'a'.repeat(300) })).headers['x-request-id'];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the body limit on /graphql', () => {
  it('answers 413 with a code and keeps the connection for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const target = { port: Number(BASE.port), path: '/graphql', method: 'POST', agent };
      const big = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(150_000) } });
      const refused = await request(
        { ...target, headers: { ...JSON_HEADERS, 'content-length': Buffer.byteLength(big) } },
        big,
      );
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body.toString())).toMatchObject({
        errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
      });
      expect(refused.headers.connection).not.toBe('close');

      const small = graphqlBody('{ __typename }');
      const next = await request(
        { ...target, headers: { ...JSON_HEADERS, 'content-length': Buffer.byteLength(small) } },
        small,
      );
      expect(next.status).toBe(200);
      expect(JSON.parse(next.body.toString())).toEqual({ data: { __typename: 'Query' } });
      expect(next.localPort).toBe(refused.localPort);
    } finally {
      agent.destroy();
    }
  });
});

describe('an app with other settings', () => {
  let services: Services;
  let astro: AstroHandler;

  beforeAll(async () => {
    services = await servicesOver(testExecutor(), {});
    astro = await loadAstroHandler(ASTRO_ENTRY);
  });

  afterAll(async () => {
    await services?.demand.close();
    await closeTestExecutor();
  });

  /** Log lines as objects, captured from the app's pino logger. */
  function capturedLog() {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    return { lines, log: pino({ level: 'info' }, stream) };
  }

  function app(
    env: Record<string, string> = {},
    options: { log?: Logger; drainMs?: number; pressureSampleMs?: number; services?: Services } = {},
  ) {
    const config = loadConfig({ NODE_ENV: 'test', ...env });
    const appServices = options.services ?? services;
    return buildServer({
      runtime: { services: appServices, ready: async () => ({ neo4j: true, search: true }) },
      astro,
      config,
      log: options.log ?? pino({ level: 'silent' }),
      drainMs: options.drainMs,
      pressureSampleMs: options.pressureSampleMs,
    });
  }

  it('limits /graphql per client address: 429, Retry-After and a code', async () => {
    const limited = app({ RATE_LIMIT_GRAPHQL: '2' });
    try {
      const post = () =>
        limited.inject({
          method: 'POST',
          url: '/graphql',
          headers: JSON_HEADERS,
          payload: graphqlBody('{ __typename }'),
        });
      expect((await post()).statusCode).toBe(200);
      expect((await post()).statusCode).toBe(200);
      const refused = await post();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
      expectSecurityHeaders(refused.headers);
      // Another address has its own allowance.
      const other = await limited.inject({
        method: 'POST',
        url: '/graphql',
        headers: JSON_HEADERS,
        payload: graphqlBody('{ __typename }'),
        remoteAddress: '192.0.2.7',
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits form posts to pages but not page views', async () => {
    const limited = app({ RATE_LIMIT_FORMS: '2' });
    try {
      const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
      for (let i = 0; i < 2; i += 1) {
        const accepted = await limited.inject({ method: 'POST', url: '/soeg', headers: form, payload: 'q=backup' });
        expect(accepted.statusCode).not.toBe(429);
      }
      const refused = await limited.inject({ method: 'POST', url: '/soeg', headers: form, payload: 'q=backup' });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body).toContain('For mange forespørgsler');
      expect(refused.body).toContain('Too many requests');
      expectSecurityHeaders(refused.headers);
      for (let i = 0; i < 3; i += 1) expect((await limited.inject('/om')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('sheds load with 503 and Retry-After once heap use is over the limit, but stays alive', async () => {
    // 1 MiB: any running process is over it, so the plugin's own measurement trips the limit.
    const pressed = app({ LOAD_SHED_MAX_HEAP_MB: '1' }, { pressureSampleMs: 10 });
    try {
      await pressed.ready();
      await expect.poll(async () => (await pressed.inject('/om')).statusCode, { interval: 20 }).toBe(503);
      const page = await pressed.inject('/om');
      expect(page.headers['retry-after']).toBe('10');
      expect(page.body).toContain('Cyberkort har travlt');
      expectSecurityHeaders(page.headers);
      const graphql = await pressed.inject({
        method: 'POST',
        url: '/graphql',
        headers: JSON_HEADERS,
        payload: graphqlBody('{ __typename }'),
      });
      expect(graphql.statusCode).toBe(503);
      expect(graphql.json()).toMatchObject({ errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      expectSecurityHeaders(graphql.headers);
      expect((await pressed.inject('/readyz')).statusCode).toBe(503);
      const alive = await pressed.inject('/healthz');
      expect(alive.statusCode).toBe(200);
      expect(alive.json()).toEqual({ status: 'alive' });
    } finally {
      await pressed.close();
    }
  });

  it('puts the request id on its log lines, in pages and in resolvers too', async () => {
    const { lines, log } = capturedLog();
    const searchDown = Object.create(services.search, {
      search: {
        value: async () => {
          throw new Error('search is down (test)');
        },
      },
    });
    const broken = { ...services, search: searchDown };
    // /graphql answers through the services' own yoga instance, so the broken one gets its own.
    const failing = app({}, { log, services: { ...broken, yoga: createGraphQLServer(broken) } });
    try {
      const health = await failing.inject({ url: '/healthz', headers: { 'x-request-id': 'probe-1' } });
      expect(health.headers['x-request-id']).toBe('probe-1');
      expect(lines).toContainEqual(
        expect.objectContaining({ reqId: 'probe-1', msg: 'request completed', res: { statusCode: 200 } }),
      );

      const page = await failing.inject({ url: '/soeg?q=backup', headers: { 'x-request-id': 'page-1' } });
      expect(page.statusCode).toBe(503);
      expect(lines).toContainEqual(expect.objectContaining({ reqId: 'page-1', msg: 'page data could not be loaded' }));

      const graphql = await failing.inject({
        method: 'POST',
        url: '/graphql',
        headers: { ...JSON_HEADERS, 'x-request-id': 'graphql-1' },
        payload: graphqlBody('{ search(query: "backup") { total } }'),
      });
      expect(graphql.json()).toMatchObject({ errors: [{ message: 'Unexpected error.' }] });
      expect(lines).toContainEqual(
        expect.objectContaining({ reqId: 'graphql-1', msg: 'unexpected error in resolver' }),
      );
    } finally {
      await failing.close();
    }
  });

  it('signs cookies with the configured secret', async () => {
    const one = app({ COOKIE_SECRET: 'a'.repeat(32) });
    const other = app({ COOKIE_SECRET: 'b'.repeat(32) });
    try {
      await Promise.all([one.ready(), other.ready()]);
      const signed = one.signCookie('vendor-42');
      expect(one.unsignCookie(signed)).toMatchObject({ valid: true, value: 'vendor-42' });
      expect(other.unsignCookie(signed).valid).toBe(false);
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  });

  describe('shutting down', () => {
    async function listening(drainMs: number, holdMs: number) {
      const server = app({}, { drainMs });
      let arrived: () => void = () => {};
      const inFlight = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      server.get('/held', async () => {
        arrived();
        await new Promise((resolve) => setTimeout(resolve, holdMs));
        return { done: true };
      });
      await server.listen({ port: 0, host: '127.0.0.1' });
      return { server, port: (server.server.address() as AddressInfo).port, inFlight };
    }

    it('lets a request in flight finish and refuses new connections', async () => {
      const { server, port, inFlight } = await listening(10_000, 500);
      const held = request({ port, path: '/held' });
      await inFlight;
      const closing = server.close();
      await expect
        .poll(() =>
          request({ port, path: '/healthz' }).then(
            () => 'accepted',
            (error: NodeJS.ErrnoException) => error.code,
          ),
        )
        .toBe('ECONNREFUSED');
      const finished = await held;
      expect(finished.status).toBe(200);
      expect(JSON.parse(finished.body.toString())).toEqual({ done: true });
      await closing;
    });

    it('cuts a request that outlasts the drain time, so stopping cannot hang', async () => {
      const { server, port, inFlight } = await listening(200, 3_000);
      const held = request({ port, path: '/held' }).then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      );
      await inFlight;
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await held).toBe('ECONNRESET');
    });
  });
});
