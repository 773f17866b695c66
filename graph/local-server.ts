// A Neo4j Community server the project runs itself when NEO4J_URI is not set. Neo4j ships no server on any registry
// this machine reaches, so graph/local-neo4j/ embeds the DBMS from Maven Central's jars behind a Bolt connector:
// neo4j-driver cannot tell it from a standalone server. It runs with authentication: loopback is reachable by every
// user of the machine. Each data folder gets its own random password, kept in the folder beside the store.
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { access, chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';

export interface LocalNeo4jCredentials {
  user: string;
  password: string;
}

export interface LocalNeo4j extends LocalNeo4jCredentials {
  uri: string;
  stop(): Promise<void>;
}

export interface LocalNeo4jOptions {
  port: number;
  dataDir: string;
  log?: (msg: string) => void;
}

type Log = (msg: string) => void;

interface Install {
  version: string;
  classpath: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const POM = join(ROOT, 'graph', 'local-neo4j', 'pom.xml');
const LAUNCHER = join(ROOT, 'graph', 'local-neo4j', 'Launcher.java');
const MARKER = '.complete';
/** Inside the data folder, which .gitignore keeps out of the repository (.data/) or which lives outside it. */
export const CREDENTIALS_FILE = 'cyberkort-credentials.json';
// Read by Launcher.java; the environment of a process, unlike its command line, is visible to its owner only.
const PASSWORD_ENV = 'CYBERKORT_NEO4J_PASSWORD';
const USER = 'neo4j';
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_CHARS = 4000;

// The JVM flags Neo4j's own launcher passes, with a heap small enough to share two cores and 24 GB with the tests.
const JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx1g',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
];

const MISSING_MAVEN =
  'Maven (mvn) fetches the Neo4j jars from Maven Central once; install it, e.g. apt-get install maven';
const MISSING_JDK =
  'a JDK 17+ (java, javac) runs the local Neo4j; install one, e.g. apt-get install openjdk-17-jdk-headless';

let preparing: Promise<Install> | undefined;

/** Resolves the Neo4j jars and compiles the launcher into .tools/neo4j-<version>/ unless already done. */
export async function prepareLocalNeo4j(log: Log = () => {}): Promise<void> {
  await prepare(log);
}

export async function startLocalNeo4j({ port, dataDir, log = () => {} }: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { version, classpath } = await prepare(log);
  await assertPortFree(port);
  const data = resolve(dataDir);
  await mkdir(data, { recursive: true, mode: 0o700 });
  // The store and logs are the graph itself: no one but the owner has business reading them.
  await chmod(data, 0o700);
  const credentials = await credentialsFor(data);

  const startedAt = performance.now();
  // Detached so a terminal's Ctrl-C reaches only us and we decide when the server stops. Its stdin stays an open pipe
  // that nothing writes to: the launcher exits when it closes, which covers a parent killed outright.
  const child = spawn('java', [...JVM_OPTIONS, '-cp', classpath, 'Launcher', '--port', String(port), '--data', data], {
    detached: true,
    env: { ...process.env, [PASSWORD_ENV]: credentials.password },
  });
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopProcess(child);
    return stopping;
  };
  try {
    const uri = await waitForReady(child, data, log);
    await verifyConnectivity(uri, credentials, data);
    log(`Neo4j ${version} ready at ${uri} after ${Math.round(performance.now() - startedAt)} ms`);
    child.once('exit', (code, signal) => {
      if (!stopping) log(`Neo4j at ${uri} exited unexpectedly (${signal ?? code}); see ${debugLog(data)}`);
    });
    return { uri, ...credentials, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The credentials of the local server whose data folder is dataDir, for clients of a server started elsewhere (e.g. by
 * `npm run neo4j -- start`). Fails with what to do when the folder has none.
 */
export async function readLocalNeo4jCredentials(dataDir: string): Promise<LocalNeo4jCredentials> {
  const data = resolve(dataDir);
  const credentials = await readCredentials(data);
  if (!credentials) {
    throw new Error(`${join(data, CREDENTIALS_FILE)} does not exist: start the local Neo4j once to create it`);
  }
  return credentials;
}

// The password is made once per data folder, before the store exists, and the launcher makes it the neo4j user's
// before the server first accepts connections. It is written with link(), which never replaces a file, so two starts
// racing on a new folder end up agreeing on one password.
async function credentialsFor(data: string): Promise<LocalNeo4jCredentials> {
  const existing = await readCredentials(data);
  if (existing) return existing;
  if (await exists(systemDatabase(data))) {
    throw new Error(
      `${data} holds a Neo4j store but not its password (${CREDENTIALS_FILE}), so no one can log in to it. ` +
        `Restore ${CREDENTIALS_FILE} from a backup of that folder, or delete the folder (its graph is lost) and start ` +
        'again: a new store with a new password is made.',
    );
  }
  const file = join(data, CREDENTIALS_FILE);
  const scratch = `${file}.${process.pid}.tmp`;
  const credentials = { user: USER, password: randomBytes(32).toString('base64url') };
  await rm(scratch, { force: true });
  await writeFile(scratch, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(scratch, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readCredentials(data)) as LocalNeo4jCredentials;
  } finally {
    await rm(scratch, { force: true });
  }
  return credentials;
}

async function readCredentials(data: string): Promise<LocalNeo4jCredentials | undefined> {
  const file = join(data, CREDENTIALS_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  // Loosened by hand or by a copy: tighten it back rather than keep serving a password others may read.
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const parsed = (() => {
    try {
      return JSON.parse(text) as Partial<LocalNeo4jCredentials>;
    } catch {
      return undefined;
    }
  })();
  if (typeof parsed?.user !== 'string' || typeof parsed.password !== 'string' || !parsed.password) {
    throw new Error(
      `${file} is not {"user": …, "password": …}; restore it from a backup of ${data}, or delete that folder (its ` +
        'graph is lost) and start again',
    );
  }
  return { user: parsed.user, password: parsed.password };
}

function systemDatabase(data: string): string {
  return join(data, 'data', 'databases', 'system');
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function prepare(log: Log): Promise<Install> {
  preparing ??= install(log).catch((error: unknown) => {
    preparing = undefined;
    throw error;
  });
  return preparing;
}

async function install(log: Log): Promise<Install> {
  const pom = await readFile(POM, 'utf8');
  const version = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(pom)?.[1];
  if (!version) throw new Error(`${POM} does not pin <neo4j.version>`);
  const home = join(ROOT, '.tools', `neo4j-${version}`);
  const lib = join(home, 'lib');
  const classes = join(home, 'classes');
  const launcher = await readFile(LAUNCHER, 'utf8');

  await produceOnce(lib, sha256(pom), async (dir) => {
    log(`Resolving Neo4j ${version} jars from Maven Central (first run only)`);
    await run(
      'mvn',
      ['-B', '-q', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${dir}`],
      MISSING_MAVEN,
    );
  });
  await produceOnce(classes, sha256(pom + launcher), async (dir) => {
    log('Compiling the Neo4j launcher');
    await run('javac', ['--release', '17', '-d', dir, '-cp', join(lib, '*'), LAUNCHER], MISSING_JDK);
  });
  return { version, classpath: [classes, join(lib, '*')].join(delimiter) };
}

// Builds into a scratch folder and swaps it in with its marker, so an interrupted run is redone instead of trusted.
async function produceOnce(dir: string, stamp: string, produce: (dir: string) => Promise<void>): Promise<void> {
  const marker = await readFile(join(dir, MARKER), 'utf8').catch(() => undefined);
  if (marker === stamp) return;
  const scratch = `${dir}.${process.pid}.tmp`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    await produce(scratch);
    await writeFile(join(scratch, MARKER), stamp);
    await rm(dir, { recursive: true, force: true });
    await rename(scratch, dir);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function run(command: string, args: string[], missingHint: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error(`${command} not found on PATH: ${missingHint}`) : error),
    );
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output}`)),
    );
  });
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(`cannot start local Neo4j: port ${port} on 127.0.0.1 is already in use`)
          : error,
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => done()));
  });
}

function waitForReady(child: ChildProcessWithoutNullStreams, data: string, log: Log): Promise<string> {
  return new Promise((done, fail) => {
    let ready = false;
    let output = '';
    const remember = (text: string) => {
      output = (output + text).slice(-OUTPUT_TAIL_CHARS);
    };
    const timer = setTimeout(
      () => fail(new Error(`Neo4j was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    const settle = () => clearTimeout(timer);

    createInterface({ input: child.stdout }).on('line', (line) => {
      const uri = /^NEO4J_READY (\S+)$/.exec(line)?.[1];
      if (!uri) return remember(`${line}\n`);
      ready = true;
      settle();
      done(uri);
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      remember(`${line}\n`);
      log(`neo4j: ${line}`);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      fail(error.code === 'ENOENT' ? new Error(`java not found on PATH: ${MISSING_JDK}`) : error);
    });
    child.on('exit', async (code, signal) => {
      if (ready) return;
      settle();
      const logTail = await readFile(debugLog(data), 'utf8').then(
        (text) => text.split('\n').slice(-20).join('\n'),
        () => '(no debug.log written)',
      );
      fail(
        new Error(`Neo4j exited (${signal ?? code}) before it was ready:\n${output}\n${debugLog(data)}:\n${logTail}`),
      );
    });
  });
}

async function verifyConnectivity(uri: string, { user, password }: LocalNeo4jCredentials, data: string): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
  try {
    await driver.verifyConnectivity();
  } catch (error) {
    if ((error as { code?: string }).code !== 'Neo.ClientError.Security.Unauthorized') throw error;
    throw new Error(
      `Neo4j at ${uri} refuses the password in ${join(data, CREDENTIALS_FILE)}: the file does not belong to this ` +
        `store. Restore the file from a backup of ${data}, or delete that folder (its graph is lost) and start again.`,
    );
  } finally {
    await driver.close();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function debugLog(data: string): string {
  return join(data, 'logs', 'debug.log');
}
