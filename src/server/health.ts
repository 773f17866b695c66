import type { FastifyPluginAsync } from 'fastify';
import type { Runtime } from '../runtime';

/**
 * `/healthz`: the process is alive (answered even under load, so an orchestrator does not restart a
 * busy process). `/readyz`: Neo4j and search answer (503 otherwise, and when shedding load, so a
 * balancer sends traffic elsewhere).
 */
export const health: FastifyPluginAsync<{ ready: Runtime['ready'] }> = async (app, { ready }) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.get('/healthz', { config: { pressureHandler: () => undefined } }, async () => ({ status: 'alive' }));

  app.get('/readyz', async (_request, reply) => {
    const checks = await ready();
    const isReady = checks.neo4j && checks.search;
    return reply.code(isReady ? 200 : 503).send({ status: isReady ? 'ready' : 'not ready', checks });
  });
};
