// The project's own Neo4j (graph/local-server.ts) in the foreground, for working without NEO4J_URI.
//   tsx scripts/neo4j.ts start [--port 7687] [--data .data/neo4j]   runs until Ctrl-C; prints the bolt URI on stdout
//   tsx scripts/neo4j.ts prepare                                    only resolves the jars and compiles the launcher
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CREDENTIALS_FILE, prepareLocalNeo4j, startLocalNeo4j } from '../graph/local-server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const log = (msg: string) => console.error(msg);

async function start(portOption: string, dataOption: string | undefined): Promise<void> {
  const port = Number(portOption);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be 1-65535, got ${portOption}`);
  const dataDir = dataOption ? resolve(dataOption) : join(ROOT, '.data', 'neo4j');
  const server = await startLocalNeo4j({ port, dataDir, log });
  console.log(server.uri);
  log(`data in ${dataDir}; user ${server.user}, password in ${join(dataDir, CREDENTIALS_FILE)}; Ctrl-C stops it`);
  let stopping = false;
  // Not once(): a terminal's Ctrl-C reaches us both directly and relayed by tsx, and the repeat must not kill us mid-stop.
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping Neo4j');
    await server.stop();
    log('Neo4j stopped');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: '7687' }, data: { type: 'string' } },
});

try {
  if (positionals[0] === 'start') await start(values.port, values.data);
  else if (positionals[0] === 'prepare') await prepareLocalNeo4j(log);
  else {
    log('usage: tsx scripts/neo4j.ts start [--port 7687] [--data .data/neo4j] | prepare');
    process.exitCode = 2;
  }
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
