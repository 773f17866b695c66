import node from '@astrojs/node';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import { astroCspDirectives } from './src/server/csp.ts';

// The site is rendered on the server; the Fastify app (src/server/app.ts) mounts the built
// middleware beside /graphql, /healthz and /readyz in one process.
export default defineConfig({
  output: 'server',
  // src/server/app.ts reads the built site from the same place.
  outDir: process.env.CYBERKORT_DIST || './dist',
  // The adapter reads request bodies itself (Fastify leaves page bodies unparsed). Its limit is the
  // largest a page takes, the staff import page's file (the adapter's default is 1 GiB); the server
  // holds every other page post to 1 MiB (src/server/astro-site.ts bodyLimitOf).
  adapter: node({ mode: 'middleware', bodySizeLimit: 20 * 1024 * 1024 }),
  integrations: [react()],
  // Shiki colours code with inline styles, which the CSP refuses; the site shows no code blocks.
  markdown: { syntaxHighlight: false },
  i18n: {
    defaultLocale: 'da',
    locales: ['da', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  // Astro hashes the inline scripts and styles it emits and sends each page's policy as a header;
  // the directives besides script-src and style-src are the ones helmet sends (src/server/csp.ts).
  security: { checkOrigin: true, csp: { directives: astroCspDirectives() } },
});
