import { stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { FastifyError, FastifyReply } from 'fastify';
import type { Services } from '../services';
import { perMinute } from './rate-limit';
import type { CyberkortPlugin, CyberkortRequest } from './types';
import { visitorOf } from './visitor';

/** The built site's request handler: `handler` of dist/server/entry.mjs (@astrojs/node, middleware mode). */
export type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
  locals?: object,
) => void | Promise<void>;

export async function loadAstroHandler(entry: string): Promise<AstroHandler> {
  const found = await stat(entry).catch(() => null);
  if (!found) throw new Error(`The site is not built (${entry} is missing): run "npm run build" first.`);
  return ((await import(pathToFileURL(entry).href)) as { handler: AstroHandler }).handler;
}

type Head = { status: number; headers: OutgoingHttpHeaders };

/**
 * The node adapter writes a rendered page to a ServerResponse. Written to the socket, the page would
 * bypass Fastify's onSend hooks: no compression, no headers set there. So the adapter writes into
 * this stream instead, and Fastify sends the stream like any other response, still streaming as
 * Astro renders. It implements the part of ServerResponse the adapter uses (astro/app/node
 * `writeResponse` and the adapter's error path): writeHead, statusCode, headersSent, req, write,
 * end, destroy and the close event, which cancels rendering when the visitor goes away.
 */
class PageResponse extends PassThrough {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  readonly head: Promise<Head>;
  readonly #sendHead: (head: Head) => void;

  constructor(readonly req: IncomingMessage) {
    super();
    const { promise, resolve, reject } = Promise.withResolvers<Head>();
    this.head = promise;
    this.#sendHead = resolve;
    // The adapter's error path sets statusCode and ends without writeHead.
    this.once('finish', () => resolve({ status: this.statusCode, headers: {} }));
    this.once('close', () => reject(new Error('the page stream closed before its headers')));
  }

  writeHead(status: number, reasonOrHeaders?: string | OutgoingHttpHeaders, headers?: OutgoingHttpHeaders): this {
    this.statusCode = status;
    this.headersSent = true;
    this.#sendHead({ status, headers: (typeof reasonOrHeaders === 'object' ? reasonOrHeaders : headers) ?? {} });
    return this;
  }
}

/** What a person reads when the server refuses a page before Astro renders it. */
const REFUSALS: Record<number, string> = {
  429: 'For mange forespørgsler fra din adresse. Vent et øjeblik, og prøv igen.\n\nToo many requests from your address. Please wait a moment and try again.\n',
  503: 'Cyberkort har travlt lige nu. Prøv igen om lidt.\n\nCyberkort is busy right now. Please try again in a moment.\n',
  400: 'Forespørgslen kunne ikke læses.\n\nThe request could not be read.\n',
  413: 'Det, du sendte, er for stort (PAYLOAD_TOO_LARGE).\n\nWhat you sent is too large (PAYLOAD_TOO_LARGE).\n',
  500: 'Noget gik galt hos os. Prøv igen om lidt.\n\nSomething went wrong on our side. Please try again in a moment.\n',
};

/**
 * How much a page post may carry: a form is small, so 1 MiB, except the staff import page, which
 * takes a file (src/features/import/). The adapter's own limit (astro.config.mjs) is the largest of
 * these; each post is held to its route's here, answered 413 before anything reads it.
 */
export const PAGE_BODY_LIMIT = 1024 * 1024;
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;
const IMPORT_PATHS = new Set(['/ncc/import', '/en/ncc/import']);

export function bodyLimitOf(url: string): number {
  const pathname = url.split('?', 1)[0] ?? '';
  return IMPORT_PATHS.has(pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname)
    ? IMPORT_BODY_LIMIT
    : PAGE_BODY_LIMIT;
}

/** A body without a declared length, cut off where it passes the limit (the adapter reads `req.body` when it is set). */
async function* limited(body: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let received = 0;
  for await (const chunk of body) {
    received += chunk.byteLength;
    if (received > limit) throw new Error(`the request body is larger than ${limit} bytes`);
    yield chunk;
  }
}

export interface AstroSiteOptions {
  astro: AstroHandler;
  services: Services;
  /** Form posts per minute per client address. */
  formRateLimit: number;
  /** PUBLIC_URL, for the absolute URLs in pages. */
  publicUrl: string;
}

/** Every path no other plugin serves goes to the Astro site (its own 404 page included). */
export const astroSite: CyberkortPlugin<AstroSiteOptions> = async (
  app,
  { astro, services, formRateLimit, publicUrl },
) => {
  // The adapter reads request bodies itself (form posts, behind Astro's origin check and the
  // adapter's body size limit), so Fastify leaves them unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'page request failed');
    const text = REFUSALS[status] ?? (status < 500 ? REFUSALS[400] : REFUSALS[500]);
    return reply.code(status).type('text/plain; charset=utf-8').send(text);
  });

  async function renderPage(request: CyberkortRequest, reply: FastifyReply) {
    const page = new PageResponse(request.raw);
    const locals: App.Locals = {
      // Pages log through services.log (features/page/outcome.ts); the request's logger there puts the request id on those lines.
      services: { ...services, log: request.log },
      log: request.log,
      visitor: visitorOf(request, 'site'),
      publicUrl,
      viewer: request.viewer,
    };
    Promise.resolve(astro(request.raw, page as unknown as ServerResponse, undefined, locals)).catch((error: Error) =>
      page.destroy(error),
    );
    const { status, headers } = await page.head;
    return reply.code(status).headers(headers).send(page);
  }

  app.get('/*', renderPage);
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    config: { rateLimit: perMinute(formRateLimit) },
    preHandler: async (request, reply) => {
      const limit = bodyLimitOf(request.url);
      const declared = request.headers['content-length'];
      if (declared === undefined) {
        Object.assign(request.raw, { body: limited(request.raw, limit) });
        return;
      }
      if (Number(declared) > limit) {
        // The connection then closes: the unread body is not drained.
        return reply.code(413).header('connection', 'close').type('text/plain; charset=utf-8').send(REFUSALS[413]);
      }
    },
    handler: renderPage,
  });
};
