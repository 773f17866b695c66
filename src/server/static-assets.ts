import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * The built client files. Astro names everything under /_astro/ by content hash, so those never
 * change and are cached for a year; other public files (the favicon) may change and are cached
 * for an hour.
 */
export const staticAssets: FastifyPluginAsync<{ clientDir: string }> = async (app, { clientDir }) => {
  await app.register(fastifyStatic, {
    root: path.join(clientDir, '_astro'),
    prefix: '/_astro/',
    maxAge: '365d',
    immutable: true,
    index: false,
  });
  // One route per file found at start (wildcard: false), so every other path falls through to the site.
  await app.register(fastifyStatic, {
    root: clientDir,
    prefix: '/',
    wildcard: false,
    globIgnore: ['_astro/**'],
    maxAge: '1h',
    index: false,
    decorateReply: false,
  });
};
