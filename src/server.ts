import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from './config';
import { createLogger, startRuntime } from './runtime';
import { ASTRO_ENTRY, buildServer } from './server/app';
import { loadAstroHandler } from './server/astro-site';
import { limitHeapGrowth } from './server/memory';
import { stopGracefully } from './server/shutdown';

/**
 * The one process: the built Astro site, /graphql, /healthz and /readyz on HOST:PORT
 * (the Fastify app in src/server/app.ts). Run `npm run build` first; `npm start` does both.
 */
export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config);
  limitHeapGrowth(config.HEAP_GROWTH_PERCENT);
  const astro = await loadAstroHandler(ASTRO_ENTRY);
  const runtime = await startRuntime(config, log);
  const app = buildServer({ runtime, astro, config, log });
  stopGracefully(app, runtime, log);
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  log.info(
    { url: `http://${config.HOST}:${config.PORT}/`, graphql: `http://${config.HOST}:${config.PORT}/graphql` },
    'Cyberkort is running',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
