import type { BackupProgress } from '../graph/backup';
import type { Executor } from '../graph/executor';
import { loadConfig } from '../src/config';
import { connectGraph, graphUri } from './graph-connection';

/** What `npm run backup` and `npm run restore` share: the connection from the environment and progress lines. */

export { ROOT } from './graph-connection';

/** NEO4J_URI when set, else the project's local server, which must be running (`npm run neo4j -- start`). */
export async function connect(): Promise<{ executor: Executor; uri: string; database: string }> {
  const config = loadConfig();
  const uri = graphUri(config);
  const executor = await connectGraph(config);
  await executor.driver.verifyConnectivity({ database: config.NEO4J_DATABASE }).catch(async (error: unknown) => {
    await executor.driver.close();
    const hint = config.NEO4J_URI
      ? 'Check NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD.'
      : `Without NEO4J_URI the local Neo4j must be running: start it with "npm run neo4j -- start --port ${config.LOCAL_NEO4J_PORT} --data ${config.LOCAL_NEO4J_DATA}" (or "npm start"), or set NEO4J_URI.`;
    throw new Error(`Cannot reach Neo4j at ${uri} (${error instanceof Error ? error.message : error}). ${hint}`);
  });
  return { executor, uri, database: config.NEO4J_DATABASE };
}

/** A line on stderr when a phase ends and every few seconds in between. */
export function progressLines(): (progress: BackupProgress) => void {
  const started = performance.now();
  let last = 0;
  return ({ phase, done, total }) => {
    const now = performance.now();
    if (done < total && now - last < 3_000) return;
    last = now;
    const percent = total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100));
    const seconds = ((now - started) / 1000).toFixed(1);
    console.error(`  ${phase.padEnd(13)} ${String(percent).padStart(3)}%  ${done}/${total}  (${seconds} s)`);
  };
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
