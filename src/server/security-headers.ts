import helmet from '@fastify/helmet';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { helmetCspDirectives } from './csp';

/**
 * Security headers on every response, errors included: helmet's set (nosniff, HSTS, COOP/CORP, …)
 * with our CSP (src/server/csp.ts), no framing, and a referrer that stays on our own origin.
 */

// Helmet no longer sets Permissions-Policy (browsers still disagree on its feature names), so it is
// the one header added here by hand: none of these powerful features is used by the site.
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

export const securityHeaders: FastifyPluginAsync = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: { useDefaults: false, directives: helmetCspDirectives() },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    });
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('permissions-policy', PERMISSIONS_POLICY);
    });
  },
  { name: 'security-headers' },
);
