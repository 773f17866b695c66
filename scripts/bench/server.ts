import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../graph/local-neo4j/free-port';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export interface BenchServer {
  base: string;
  /** The server process, for benchmarks that read its memory from /proc. */
  pid: number | undefined;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * The whole server (src/server.ts) in a process of its own over a benchmark graph, so what a
 * benchmark measures is the product as visitors reach it, and its memory is its own. It serves
 * the site built in `CYBERKORT_DIST` (or dist/); its log goes to a file named after `name`.
 * Resolves once /readyz answers 200 (the search index built from the graph). Its open-data export
 * goes to a folder of its own, removed at stop: there is none yet, so the server writes one two
 * minutes after start, as a server started on a fresh machine does, and the benchmark graph's
 * export never lands where `npm start` serves its own.
 */
export async function startBenchServer(
  name: string,
  graph: { uri: string; user: string; password: string },
  env: Record<string, string> = {},
  /** Flags for node itself (V8's among them), before the server's entry. */
  nodeFlags: readonly string[] = [],
): Promise<BenchServer> {
  const port = await freePort();
  const logFile = path.join(tmpdir(), `cyberkort-${name}-${process.pid}.log`);
  const openData = await mkdtemp(path.join(tmpdir(), `cyberkort-${name}-open-data-`));
  const log = createWriteStream(logFile);
  // As scripts/cyberkort.sh and the Dockerfile start the server; `nodeFlags` and `env` come after, so they win
  // (a semi-space size only with --no-optimize-for-size: V8 keeps 1 MiB beside --optimize-for-size).
  const serverFlags = ['--optimize-for-size', ...nodeFlags];
  const child = spawn(process.execPath, [...serverFlags, '--import', 'tsx', path.join(ROOT, 'src', 'server.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Production would also need the vendors' and staff's identity providers; 'test' differs from
      // it only in GraphiQL, field suggestions and cookie flags, none of which a benchmark touches.
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NEO4J_URI: graph.uri,
      NEO4J_USER: graph.user,
      NEO4J_PASSWORD: graph.password,
      NEO4J_DATABASE: 'neo4j',
      MEILI_URL: '',
      SEED_SAMPLE: 'false',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '1048576',
      OPEN_DATA_DIR: openData,
      ...env,
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const readyBy = performance.now() + 600_000;
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the server exited (${child.exitCode}) before it was ready; see ${logFile}`);
      const ready = await fetch(`${base}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) break;
      if (performance.now() > readyBy) throw new Error(`the server was not ready within 10 minutes; see ${logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    child.kill('SIGKILL');
    await rm(openData, { recursive: true, force: true });
    throw error;
  }
  return {
    base,
    pid: child.pid,
    logFile,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
      await rm(openData, { recursive: true, force: true });
    },
  };
}
