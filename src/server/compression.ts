import { constants } from 'node:zlib';
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
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      // The plugin's default brotli quality (4) came out larger than gzip on our pages; 5 is about
      // 5 % smaller than gzip for the same fraction of a millisecond per page. A 256 KiB window
      // (brotli's default is 4 MiB) covers any page we send, and each encoder's native memory
      // lives until V8 collects it: with the default, concurrent pages held a few hundred MB.
      brotliOptions: {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_LGWIN]: 18,
        },
      },
    });
  },
  { name: 'compression' },
);
