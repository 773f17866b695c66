import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { ConfigError, loadConfig } from './config';
import { createLogger, type Runtime, startRuntime } from './runtime';

/**
 * The one process: the built Astro site, /graphql, /healthz and /readyz on HOST:PORT.
 * Run `npm run build` first; `npm start` does both.
 */

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
const CLIENT_DIR = path.join(ROOT, 'dist', 'client');

type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (err?: unknown) => void,
  locals?: object,
) => void;

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Serves built assets; returns false when the path is not a file in dist/client. */
async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const file = path.join(CLIENT_DIR, path.normalize(decodeURIComponent(pathname)));
  if (!file.startsWith(CLIENT_DIR + path.sep)) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    // Hashed build assets never change; other public files may.
    'cache-control': pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function loadAstroHandler(): Promise<AstroHandler> {
  const entry = path.join(ROOT, 'dist', 'server', 'entry.mjs');
  const found = await stat(entry).catch(() => null);
  if (!found) throw new Error(`The site is not built (${entry} is missing): run "npm run build" first.`);
  return ((await import(pathToFileURL(entry).href)) as { handler: AstroHandler }).handler;
}

export function createHttpServer(runtime: Runtime, astro: AstroHandler, log: Logger): Server {
  const { services } = runtime;
  const locals = { services };
  return createServer(async (req, res) => {
    const started = performance.now();
    res.on('finish', () =>
      log.info(
        { method: req.method, path: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      ),
    );
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/healthz') return json(res, 200, { status: 'alive' });
      if (url.pathname === '/readyz') {
        const checks = await runtime.ready();
        return json(res, checks.neo4j && checks.search ? 200 : 503, {
          status: checks.neo4j && checks.search ? 'ready' : 'not ready',
          checks,
        });
      }
      if (url.pathname === '/graphql') return await nodeToFetch(req, res, services.graphql);
      if (await serveStatic(req, res, url.pathname)) return;
      await astro(req, res, undefined, locals);
    } catch (error) {
      log.error({ err: error, path: req.url }, 'request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    }
  });
}

async function nodeToFetch(req: IncomingMessage, res: ServerResponse, handle: (request: Request) => Promise<Response>) {
  const host = req.headers.host ?? 'localhost';
  const chunks: Buffer[] = [];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 100_000)
        return json(res, 413, {
          errors: [{ message: 'Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
        });
      chunks.push(chunk as Buffer);
    }
  }
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
  }
  const response = await handle(
    new Request(new URL(req.url ?? '/', `http://${host}`), {
      method: req.method,
      headers,
      body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
    }),
  );
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config);
  const astro = await loadAstroHandler();
  const runtime = await startRuntime(config, log);
  const server = createHttpServer(runtime, astro, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  log.info(
    { url: `http://${config.HOST}:${config.PORT}/`, graphql: `http://${config.HOST}:${config.PORT}/graphql` },
    'Cyberkort is running',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    server.close();
    server.closeAllConnections();
    await runtime.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
