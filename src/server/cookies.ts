import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';

/**
 * Cookie parsing and signing with the process's secret, and safe defaults for cookies we set
 * (the vendor login will): not readable from scripts, sent only to this site, HTTPS-only in production.
 */
export const cookies = fp<{ secret: string; production: boolean }>(
  async (app, options) => {
    await app.register(cookie, {
      secret: options.secret,
      parseOptions: { httpOnly: true, sameSite: 'lax', secure: options.production, path: '/' },
    });
  },
  { name: 'cookies' },
);
