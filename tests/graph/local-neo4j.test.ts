import { mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type AuthToken } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/local-neo4j/free-port';
import { CREDENTIALS_FILE, type LocalNeo4j, startLocalNeo4j } from '../../graph/local-server';

// The first run on a machine resolves ~120 MB of jars from Maven Central before the JVM starts.
const FIRST_START_TIMEOUT_MS = 300_000;

function connectError(port: number): Promise<string | undefined> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code));
  });
}

/** Every process's command line, as other users of the machine see them in ps. */
async function commandLines(): Promise<Map<number, string>> {
  const lines = new Map<number, string>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(join('/proc', entry, 'cmdline'), 'utf8').catch(() => '');
    lines.set(Number(entry), cmdline.replaceAll('\0', ' '));
  }
  return lines;
}

/** Every file under dir, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const UNAUTHORIZED = { code: 'Neo.ClientError.Security.Unauthorized' };

async function query(uri: string, cypher: string, auth?: AuthToken, params?: Record<string, unknown>) {
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
  try {
    const { records } = await driver.executeQuery(cypher, params);
    return records.map((record) => record.toObject());
  } finally {
    await driver.close();
  }
}

describe('local Neo4j server', () => {
  let dataDir: string;
  let port: number;
  let server: LocalNeo4j;
  const auth = () => neo4j.auth.basic(server.user, server.password);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cyberkort-neo4j-'));
    port = await freePort();
    server = await startLocalNeo4j({ port, dataDir });
  }, FIRST_START_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on loopback at the requested port', () => {
    expect(server.uri).toBe(`bolt://127.0.0.1:${port}`);
  });

  it('refuses connections without credentials, with wrong ones and with the default neo4j/neo4j', async () => {
    await expect(query(server.uri, 'RETURN 1 AS one')).rejects.toMatchObject(UNAUTHORIZED);
    await expect(query(server.uri, 'RETURN 1 AS one', neo4j.auth.basic('neo4j', 'wrong'))).rejects.toMatchObject(
      UNAUTHORIZED,
    );
    await expect(query(server.uri, 'RETURN 1 AS one', neo4j.auth.basic('neo4j', 'neo4j'))).rejects.toMatchObject(
      UNAUTHORIZED,
    );
  });

  it('answers with the credentials it generated', async () => {
    expect(server.user).toBe('neo4j');
    // 32 random bytes in base64url.
    expect(server.password).toMatch(/^[\w-]{43}$/);
    expect(await query(server.uri, 'RETURN 1 AS one', auth())).toEqual([{ one: 1 }]);
  });

  it('keeps the credentials in its data folder, readable by its owner only', async () => {
    const file = join(dataDir, CREDENTIALS_FILE);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ user: server.user, password: server.password });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('never puts the password on a command line', async () => {
    const lines = await commandLines();
    const launcher = [...lines.values()].filter((line) => line.includes('Launcher') && line.includes(dataDir));
    expect(launcher).toHaveLength(1);
    for (const [pid, line] of lines) expect(line.includes(server.password), `/proc/${pid}/cmdline`).toBe(false);
  });

  it('keeps what it writes', async () => {
    const name = `probe-${Date.now()}`;
    await query(server.uri, 'CREATE (:Probe {name: $name})', auth(), { name });
    expect(await query(server.uri, 'MATCH (p:Probe {name: $name}) RETURN p.name AS name', auth(), { name })).toEqual([
      { name },
    ]);
  });

  it('is Neo4j Community 5.26', async () => {
    const [kernel] = await query(server.uri, 'CALL dbms.components() YIELD name, versions, edition RETURN *', auth());
    expect(kernel).toMatchObject({ name: 'Neo4j Kernel', edition: 'community' });
    expect(kernel?.versions).toEqual([expect.stringMatching(/^5\.26\.\d+$/)]);
  });

  it('closes the port when stopped, and stopping twice is harmless', async () => {
    await server.stop();
    await server.stop();
    expect(await connectError(port)).toBe('ECONNREFUSED');
  });

  it('reuses the password when the same data folder starts again', async () => {
    const { password } = server;
    server = await startLocalNeo4j({ port: await freePort(), dataDir });
    expect(server.password).toBe(password);
    expect(await query(server.uri, 'MATCH (p:Probe) RETURN count(p) AS probes', auth())).toEqual([{ probes: 1 }]);
    await server.stop();
  });

  it('writes the password to none of its logs', async () => {
    const logs = (await filesUnder(dataDir)).filter((file) => file.includes('/logs/') || file.endsWith('.log'));
    expect(logs).toContain(join(dataDir, 'logs', 'debug.log'));
    for (const file of logs) expect((await readFile(file, 'utf8')).includes(server.password), file).toBe(false);
  });

  it('refuses to start a store whose password file is gone, and says how to recover', async () => {
    const file = join(dataDir, CREDENTIALS_FILE);
    await rename(file, `${file}.away`);
    try {
      await expect(startLocalNeo4j({ port: await freePort(), dataDir })).rejects.toThrow(
        /holds a Neo4j store but not its password.*backup.*delete the folder/s,
      );
    } finally {
      await rename(`${file}.away`, file);
    }
  });
});
