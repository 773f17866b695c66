import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../graph/executor';
import { readLocalNeo4jCredentials } from '../graph/local-server';
import type { AppConfig } from '../src/config';

/** The project's root folder, against which LOCAL_NEO4J_DATA is read. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the scripts connect: NEO4J_URI when set, else the project's local server. */
export function graphUri(config: AppConfig): string {
  return config.NEO4J_URI ?? `bolt://127.0.0.1:${config.LOCAL_NEO4J_PORT}`;
}

/**
 * The scripts' connection to Neo4j: NEO4J_URI with NEO4J_USER and NEO4J_PASSWORD when set, else the
 * project's local server with the credentials it keeps in LOCAL_NEO4J_DATA. It does not check that
 * the server answers.
 */
export async function connectGraph(config: AppConfig): Promise<Executor> {
  return createExecutor({
    uri: graphUri(config),
    ...(config.NEO4J_URI
      ? { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD }
      : await readLocalNeo4jCredentials(resolve(ROOT, config.LOCAL_NEO4J_DATA))),
    database: config.NEO4J_DATABASE,
  });
}
