import type { Executor } from './executor';
import { GraphWriter } from './write';

/**
 * Ordered, idempotent schema migrations. Each runs once; the graph records which ran as
 * (:Migration {id}) nodes, so start-up only applies what is new. Statements use IF NOT EXISTS
 * so a migration interrupted half-way can simply run again.
 */
export interface Migration {
  id: string;
  statements: string[];
}

const unique = (label: string, property: string) =>
  `CREATE CONSTRAINT ${label.toLowerCase()}_${property.toLowerCase()}_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.${property} IS UNIQUE`;
const index = (label: string, property: string) =>
  `CREATE INDEX ${label.toLowerCase()}_${property.toLowerCase()} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-migration-ledger',
    statements: [unique('Migration', 'id')],
  },
  {
    id: '0002-unique-keys',
    statements: [
      unique('Company', 'cvr'),
      unique('Company', 'slug'),
      unique('Product', 'slug'),
      unique('Need', 'slug'),
      unique('Skill', 'code'),
      unique('Category', 'code'),
      unique('CsfFunction', 'code'),
      unique('CsfCategory', 'code'),
      unique('Certification', 'code'),
      unique('Regulation', 'code'),
      unique('Nis2Measure', 'code'),
      unique('DMaerketCriterion', 'code'),
      unique('Sector', 'code'),
      unique('Region', 'code'),
      unique('Municipality', 'code'),
    ],
  },
  {
    id: '0003-lookup-indexes',
    statements: [
      index('Company', 'sizeBand'),
      index('Company', 'name'),
      index('Product', 'status'),
      index('Product', 'name'),
      index('Product', 'kind'),
    ],
  },
  {
    id: '0004-reindex-requests',
    statements: [unique('ReindexRequest', 'id')],
  },
  {
    id: '0005-change-log',
    statements: [unique('ChangeSequence', 'id'), index('Change', 'seq'), index('Change', 'at')],
  },
  {
    id: '0006-identity-and-audit',
    statements: [
      unique('Session', 'idHash'),
      index('Session', 'lastSeenAt'),
      index('Session', 'createdAt'),
      'CREATE CONSTRAINT user_issuer_subject_unique IF NOT EXISTS FOR (n:User) REQUIRE (n.issuer, n.subject) IS UNIQUE',
      unique('User', 'id'),
      unique('AuditEvent', 'id'),
      index('AuditEvent', 'at'),
      index('AuditEvent', 'actorId'),
      index('AuditEvent', 'company'),
    ],
  },
  {
    // Listings written before versions and provenance existed are version 1, from the sample or an import.
    id: '0007-listing-versions-and-submissions',
    statements: [
      unique('Submission', 'id'),
      index('Submission', 'status'),
      index('Submission', 'companySlug'),
      'MATCH (c:Company) WHERE c.version IS NULL SET c.version = 1',
      'MATCH (p:Product) WHERE p.version IS NULL SET p.version = 1',
      "MATCH (c:Company) WHERE c.source IS NULL SET c.source = CASE WHEN c.sample THEN 'sample' ELSE 'import' END",
      'MATCH (c:Company)-[:OFFERS]->(p:Product) WHERE p.source IS NULL SET p.source = c.source',
      'MATCH (c:Company)-[r:HAS_COMPETENCE]->() WHERE r.source IS NULL SET r.source = c.source',
    ],
  },
  {
    // The staff log pages search events by product and by action too (at, actorId and company are in 0006).
    id: '0008-audit-search',
    statements: [index('AuditEvent', 'product'), index('AuditEvent', 'action'), index('User', 'subject')],
  },
  {
    // Listings written before yearly confirmations were last vouched for when approved, else when
    // last written: their period starts there (graph/confirmation.ts). Opt-outs are looked up by hash.
    id: '0009-yearly-confirmation',
    statements: [
      unique('MailOptOut', 'addressHash'),
      'MATCH (c:Company) WHERE c.confirmedAt IS NULL SET c.confirmedAt = coalesce(c.approvedAt, c.updatedAt, datetime())',
    ],
  },
  {
    // Analysts' API tokens are looked up by the hash of their secret on every request (graph/api-tokens.ts).
    id: '0010-api-tokens',
    statements: [unique('ApiToken', 'hash'), unique('ApiToken', 'id')],
  },
  {
    // The one node every import batch locks first (graph/import.ts), so two imports at once run
    // their batches one after the other instead of both planning from the same state. The node
    // is made by the first import (MERGE on a unique key is safe from races); a migration that
    // made it would put data into the empty database a restore needs.
    id: '0011-import-lock',
    statements: [unique('ImportLock', 'id')],
  },
  {
    // Demand analytics (graph/analytics/demand.ts): the daily rollup's keys (absent dimensions are
    // '' so the keys hold), the days done, and the day index the rollup job reads signals by.
    id: '0012-demand-rollup',
    statements: [
      'CREATE CONSTRAINT demandday_key IF NOT EXISTS FOR (n:DemandDay) REQUIRE (n.day, n.kind, n.need, n.region, n.sector, n.sizeBand) IS UNIQUE',
      'CREATE CONSTRAINT demandmiss_key IF NOT EXISTS FOR (n:DemandMiss) REQUIRE (n.day, n.words, n.region, n.sector, n.sizeBand) IS UNIQUE',
      unique('DemandRollup', 'day'),
      index('DemandSignal', 'day'),
      index('DemandDay', 'day'),
      index('DemandMiss', 'day'),
    ],
  },
  {
    // The daily supply snapshot (graph/analytics/snapshot.ts): one node per day and area. The key
    // keeps two runs at once from writing a day twice; region first, since a series reads one
    // area over a range of days.
    id: '0013-supply-snapshots',
    statements: [
      'CREATE CONSTRAINT supplysnapshot_key IF NOT EXISTS FOR (n:SupplySnapshot) REQUIRE (n.region, n.day) IS UNIQUE',
    ],
  },
  {
    // Demand analytics filtered by region (graph/analytics/demand.ts filterOf): the cells of the
    // regions asked for over the period, found by one seek instead of reading every cell of the period.
    id: '0014-demand-region-index',
    statements: [
      'CREATE INDEX demandday_region_day IF NOT EXISTS FOR (n:DemandDay) ON (n.region, n.day)',
      'CREATE INDEX demandmiss_region_day IF NOT EXISTS FOR (n:DemandMiss) ON (n.region, n.day)',
    ],
  },
];

const APPLIED = 'MATCH (m:Migration) RETURN m.id AS id';
const RECORD = 'MERGE (m:Migration {id: $id}) ON CREATE SET m.appliedAt = datetime()';

/** Applies pending migrations in order; returns the ids applied now. */
export async function migrate(executor: Executor, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  // The ledger constraint must exist before the ledger is read, so the first statement always runs (it is idempotent).
  const writer = new GraphWriter(executor);
  await writer.run('migrate.ledger', MIGRATIONS[0]?.statements[0] ?? unique('Migration', 'id'));
  const applied = new Set((await executor.read<{ id: string }>('migrate.applied', APPLIED)).map((row) => row.id));
  const now: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.id)) continue;
    // Schema commands cannot share a transaction with data writes, so each statement runs on its own.
    for (const statement of migration.statements) await writer.run(`migrate.${migration.id}`, statement);
    await writer.run('migrate.record', RECORD, { id: migration.id });
    now.push(migration.id);
  }
  return now;
}
