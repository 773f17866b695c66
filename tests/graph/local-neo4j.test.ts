import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j, { type AuthToken } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../graph/local-neo4j/free-port';
import { type LocalNeo4j, startLocalNeo4j } from '../../graph/local-server';

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

  it('answers with and without credentials, since auth is off', async () => {
    expect(await query(server.uri, 'RETURN 1 AS one', neo4j.auth.basic('neo4j', 'anything'))).toEqual([{ one: 1 }]);
    expect(await query(server.uri, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('keeps what it writes', async () => {
    const name = `probe-${Date.now()}`;
    await query(server.uri, 'CREATE (:Probe {name: $name})', undefined, { name });
    expect(await query(server.uri, 'MATCH (p:Probe {name: $name}) RETURN p.name AS name', undefined, { name })).toEqual(
      [{ name }],
    );
  });

  it('is Neo4j Community 5.26', async () => {
    const [kernel] = await query(server.uri, 'CALL dbms.components() YIELD name, versions, edition RETURN *');
    expect(kernel).toMatchObject({ name: 'Neo4j Kernel', edition: 'community' });
    expect(kernel?.versions).toEqual([expect.stringMatching(/^5\.26\.\d+$/)]);
  });

  it('closes the port when stopped, and stopping twice is harmless', async () => {
    await server.stop();
    await server.stop();
    expect(await connectError(port)).toBe('ECONNREFUSED');
  });
});
