import path from 'node:path';
import { type Logger, pino } from 'pino';
import { lastChangeSeq, listingFingerprints } from '../graph/changes';
import { createExecutor, type Executor, type GraphConnection } from '../graph/executor';
import { seedAll } from '../graph/load';
import { type LocalNeo4j, startLocalNeo4j } from '../graph/local-server';
import { migrate } from '../graph/migrations';
import { pruneSessions } from '../graph/sessions';
import { GraphWriter } from '../graph/write';
import { createSearchEngine } from '../search/engine';
import type { SearchEngine } from '../search/types';
import { type Identity, startIdentity } from './auth/identity';
import type { IdentitySettings } from './auth/settings';
import type { AppConfig } from './config';
import { candidateReadModel, followGraphChanges, reindexAll, searchReadModel } from './indexing/sync';
import { createMailer } from './mail/mailer';
import { releaseBuildMemory } from './server/memory';
import { assembleServices, type Services } from './services';
import { rollUpPastDays } from './use-cases/analytics-demand';
import { msUntilDailySnapshot, msUntilNextSnapshotRun, takeSupplySnapshot } from './use-cases/analytics-snapshot';
import { sendConfirmationReminders } from './use-cases/confirmation';
import { exportOpenData, msUntilNightlyExport, openDataIsStale } from './use-cases/open-data';
import { waitForNeo4j } from './wait-for-neo4j';

/**
 * Starts everything a Cyberkort process needs, in order: the graph (a local Neo4j when
 * NEO4J_URI is unset), migrations, sample data when the graph is empty, the search index
 * (a full reindex when it is empty) and the change follower that keeps search in step.
 */
export interface Runtime {
  services: Services;
  localNeo4j: LocalNeo4j | null;
  /** Where people log in: the configured issuers, or the development provider this runtime started. */
  identity: IdentitySettings;
  ready(): Promise<{ neo4j: boolean; search: boolean }>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(new URL('..', import.meta.url).pathname);

export function createLogger(config: AppConfig): Logger {
  return pino({ level: config.LOG_LEVEL, base: { app: 'cyberkort' }, timestamp: pino.stdTimeFunctions.isoTime });
}

const today = () => new Date().toISOString().slice(0, 10);

const COUNT_COMPANIES = 'MATCH (c:Company) RETURN count(c) AS companies';

/** How often sessions that timed out unseen are removed from the graph. */
const SESSION_PRUNE_MS = 10 * 60_000;

/** The confirmation reminders' first run after start, and then their schedule. */
const REMINDER_DELAY_MS = 60_000;
const REMINDER_INTERVAL_MS = 24 * 60 * 60_000;

/** The demand rollup's first run after start, and how often it then looks for a day that has ended. */
const ROLLUP_DELAY_MS = 90_000;
const ROLLUP_INTERVAL_MS = 60 * 60_000;

/** When a (re)started server writes the open-data export if the last one is missing or stale. */
const OPEN_DATA_DELAY_MS = 2 * 60_000;

/** When a (re)started server takes today's supply snapshot if it is missing. */
const SNAPSHOT_DELAY_MS = 3 * 60_000;

export async function startRuntime(
  config: AppConfig,
  log: Logger,
  options: {
    /** A graph to use instead of NEO4J_URI or a local server (the test suite shares its own). */
    graph?: GraphConnection;
  } = {},
): Promise<Runtime> {
  let localNeo4j: LocalNeo4j | null = null;
  let executor: Executor | undefined;
  let engine: SearchEngine | undefined;
  let identity: Identity | undefined;
  try {
    let connection: GraphConnection = options.graph ?? {
      uri: config.NEO4J_URI ?? '',
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
    };
    if (!config.NEO4J_URI && !options.graph) {
      const dataDir = path.resolve(ROOT, config.LOCAL_NEO4J_DATA);
      log.info({ port: config.LOCAL_NEO4J_PORT, dataDir }, 'starting local Neo4j');
      localNeo4j = await startLocalNeo4j({
        port: config.LOCAL_NEO4J_PORT,
        dataDir,
        log: (message) => log.info({ component: 'neo4j' }, message),
      });
      connection = {
        uri: localNeo4j.uri,
        user: localNeo4j.user,
        password: localNeo4j.password,
        database: 'neo4j',
      };
    }
    executor = createExecutor(connection);
    await waitForNeo4j(executor.driver, {
      uri: connection.uri,
      database: connection.database,
      timeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS,
      log,
    });
    const applied = await migrate(executor);
    if (applied.length > 0) log.info({ applied }, 'schema migrations applied');

    const seed = config.SEED_SAMPLE ?? !config.NEO4J_URI;
    const [{ companies }] = (await executor.read<{ companies: number }>('runtime.countCompanies', COUNT_COMPANIES)) as [
      { companies: number },
    ];
    if (companies === 0 && seed) {
      const started = Date.now();
      // Certificate dates are drawn around today so the sample shows valid, stale and expired ones as a live catalogue would.
      await seedAll(executor, { companies: config.SAMPLE_COMPANIES, seed: 1, referenceDate: today() });
      log.info({ companies: config.SAMPLE_COMPANIES, ms: Date.now() - started }, 'sample data loaded');
    }
    // After the seed: the development provider's test people act for companies in the graph.
    identity = await startIdentity(config, executor, log);

    const search = createSearchEngine({
      meiliUrl: config.MEILI_URL,
      meiliMasterKey: config.MEILI_MASTER_KEY,
      indexUid: config.MEILI_INDEX,
    });
    engine = search;
    await search.ensureIndex();
    // Where the read models start: the change-log position and fingerprints taken before they are
    // built, so a change that lands while they build is applied again rather than missed.
    const after = await lastChangeSeq(executor);
    const baseline = await listingFingerprints(executor);
    if ((await search.count()) === 0) {
      const started = Date.now();
      const documents = await reindexAll(executor, search);
      log.info({ engine: search.name, documents, ms: Date.now() - started }, 'search index built');
    }
    const { services, candidates } = await assembleServices({ config, log, executor, search });
    log.info({ companies: candidates.size }, 'match candidate index loaded');
    releaseBuildMemory();
    const follower = followGraphChanges(executor, [searchReadModel(executor, search), candidateReadModel(candidates)], {
      after,
      baseline,
      intervalMs: config.CHANGE_POLL_MS,
      reconcileMs: config.RECONCILE_MS,
      onError: (error, phase) => log.warn({ err: error, phase }, 'read models not updated yet; will retry'),
      onApplied: (event) => {
        log.info(event, 'read models updated from the graph');
        // A full rebuild leaves the old models' memory behind, as the first build did.
        if (event.rebuilt) releaseBuildMemory({ serving: true });
      },
    });

    const writer = new GraphWriter(executor);
    const sessionPruning = setInterval(() => {
      pruneSessions(writer).catch((error) =>
        log.warn({ err: error }, 'timed-out sessions not removed yet; will retry'),
      );
    }, SESSION_PRUNE_MS);
    sessionPruning.unref();

    // The yearly-confirmation reminders: a minute after start (so a restart catches up on a missed
    // day without slowing start-up), then daily. What was sent is recorded on the graph, so a
    // restart or a later run does not send a reminder twice.
    const mailer = createMailer(config);
    const jobsExecutor = executor;
    const remind = () => {
      sendConfirmationReminders({ executor: jobsExecutor, writer, mailer, config, log })
        .then((run) => {
          if (run.sent + run.skipped + run.failed > 0) log.info(run, 'confirmation reminders');
        })
        .catch((error) => log.warn({ err: error }, 'confirmation reminders not sent yet; will retry'));
    };
    const firstReminders = setTimeout(remind, REMINDER_DELAY_MS);
    firstReminders.unref();
    const dailyReminders = setInterval(remind, REMINDER_INTERVAL_MS);
    dailyReminders.unref();

    // The daily demand rollup (src/use-cases/analytics-demand.ts): shortly after start (a restart
    // catches up on missed days), then hourly, so each day is rolled up within an hour after it
    // ends (Neo4j's day). Days done are recorded on the graph, so a run with nothing new changes nothing.
    // DEMAND_ROLLUP=false leaves it to others (the site tests' server does: its rollup of every past
    // day would take the days the demand tests roll up themselves, while they run).
    const rollUp = () => {
      rollUpPastDays(writer)
        .then((run) => {
          if (run.days.length > 0) log.info(run, 'demand rolled up');
        })
        .catch((error) => log.warn({ err: error }, 'demand not rolled up yet; will retry'));
    };
    const firstRollup = config.DEMAND_ROLLUP ? setTimeout(rollUp, ROLLUP_DELAY_MS).unref() : undefined;
    const hourlyRollup = config.DEMAND_ROLLUP ? setInterval(rollUp, ROLLUP_INTERVAL_MS).unref() : undefined;

    // The open-data export (/aaben-data): nightly, and a few minutes after start when the last
    // export is missing or more than a day old. Each run replaces the files at once.
    let openDataTimer: NodeJS.Timeout | undefined;
    let openDataStopped = false;
    const exportNow = () =>
      exportOpenData({ executor: jobsExecutor, dir: config.OPEN_DATA_DIR, publicUrl: config.PUBLIC_URL, pace: 1 })
        .then((manifest) =>
          log.info({ companies: manifest.companies, products: manifest.products }, 'open data exported'),
        )
        .catch((error) => log.warn({ err: error }, 'open data not exported; the previous export stays'));
    const scheduleOpenData = () => {
      if (openDataStopped) return;
      openDataTimer = setTimeout(() => {
        exportNow().finally(scheduleOpenData);
      }, msUntilNightlyExport(new Date()));
      openDataTimer.unref();
    };
    scheduleOpenData();
    const firstOpenData = setTimeout(() => {
      openDataIsStale(config.OPEN_DATA_DIR, new Date()).then((stale) => (stale ? exportNow() : undefined));
    }, OPEN_DATA_DELAY_MS);
    firstOpenData.unref();

    // The daily supply snapshot (src/use-cases/analytics-snapshot.ts): a few minutes after start
    // (today's, when missing), then at 00:30 UTC; a run that fails is tried again 15 minutes later.
    // A day is taken once (also by two servers at once), so a run for a day already taken writes
    // nothing. SUPPLY_SNAPSHOTS=false leaves it to others (the site tests' server, whose graph is
    // shared test data, turns it off).
    let snapshotTimer: NodeJS.Timeout | undefined;
    let snapshotStopped = !config.SUPPLY_SNAPSHOTS;
    /** One run; resolves to whether it failed (never rejects). */
    const snapshotNow = (): Promise<boolean> =>
      takeSupplySnapshot(writer).then(
        (run) => {
          if (run.taken) log.info(run, 'supply snapshot taken');
          return false;
        },
        (error: unknown) => {
          log.warn({ err: error }, 'supply snapshot not taken; will retry');
          return true;
        },
      );
    const scheduleSnapshot = (ms: number) => {
      if (snapshotStopped) return;
      snapshotTimer = setTimeout(() => {
        snapshotNow().then((failed) => scheduleSnapshot(msUntilNextSnapshotRun(new Date(), failed)));
      }, ms);
      snapshotTimer.unref();
    };
    scheduleSnapshot(Math.min(SNAPSHOT_DELAY_MS, msUntilDailySnapshot(new Date())));

    const activeExecutor = executor;
    const activeEngine = search;
    const activeIdentity = identity;

    return {
      services,
      localNeo4j,
      identity: activeIdentity.settings,
      async ready() {
        const neo4jReady = await activeExecutor.driver
          .verifyConnectivity({ database: connection.database })
          .then(() => true)
          .catch(() => false);
        const searchReady = await activeEngine.isReady().catch(() => false);
        return { neo4j: neo4jReady, search: searchReady };
      },
      async stop() {
        follower.stop();
        clearInterval(sessionPruning);
        clearTimeout(firstReminders);
        clearInterval(dailyReminders);
        clearTimeout(firstRollup);
        clearInterval(hourlyRollup);
        openDataStopped = true;
        clearTimeout(openDataTimer);
        clearTimeout(firstOpenData);
        snapshotStopped = true;
        clearTimeout(snapshotTimer);
        mailer.close();
        await activeIdentity.stop();
        await services.demand.close();
        await activeEngine.close();
        await activeExecutor.driver.close();
        await localNeo4j?.stop();
      },
    };
  } catch (error) {
    await identity?.stop().catch(() => undefined);
    await engine?.close().catch(() => undefined);
    await executor?.driver.close().catch(() => undefined);
    await localNeo4j?.stop().catch(() => undefined);
    throw error;
  }
}
