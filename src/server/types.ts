import type { IncomingMessage } from 'node:http';
import type {
  FastifyPluginAsync,
  FastifyPluginOptions,
  FastifyRequest,
  FastifySchema,
  FastifyTypeProviderDefault,
  RawServerDefault,
  RouteGenericInterface,
} from 'fastify';
import type { Logger } from 'pino';

// Fastify's logger is the app's pino logger (loggerInstance), so request.log is a pino Logger, the
// type services, pages and resolvers log through. These aliases carry that through the plugins.

export type CyberkortPlugin<Options extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsync<
  Options,
  RawServerDefault,
  FastifyTypeProviderDefault,
  Logger
>;

export type CyberkortRequest = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  IncomingMessage,
  FastifySchema,
  FastifyTypeProviderDefault,
  unknown,
  Logger
>;
