/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    services: import('./services').Services;
    /** The request's logger (Fastify's request.log): every line carries the request id. */
    log: import('pino').Logger;
    /** Who asked, for counting demand (src/use-cases/demand-gate.ts); never stored. */
    visitor: import('./use-cases/demand-gate').Visitor;
    /** PUBLIC_URL: the origin of every absolute URL a page emits, since the Host header is the visitor's to set. */
    publicUrl: string;
    /** Who is asking (src/server/auth.ts): a vendor or staff member from the session cookie, else anonymous. */
    viewer: import('./auth/viewer').Viewer;
  }
}
