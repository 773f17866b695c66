import compress from '@fastify/compress';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Brotli or gzip for every compressible response Fastify sends (HTML, JS, CSS, JSON, SVG) above
 * 1 KiB, by the client's Accept-Encoding. Pages reach it because the Astro plugin hands their
 * output to Fastify instead of writing to the socket (src/server/astro-site.ts).
 */
export const compression: FastifyPluginAsync = fp(
  async (app) => {
    await app.register(compress, { encodings: ['br', 'gzip'] });
  },
  { name: 'compression' },
);
