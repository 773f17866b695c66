import { type Executor, GraphError } from '../executor';
import type { GraphWriter } from '../write';
import type {
  CsfCoverageRow,
  NeedConcentrationRow,
  NeedMunicipalitySupplyRow,
  NeedRegionSupplyRow,
  NeedSectorSupplyRow,
  NeedSupplyRow,
  Nis2CoverageRow,
  RoleScarcityRow,
} from './supply';

/**
 * The daily supply snapshot: the supply measures (graph/analytics/supply.ts) as they stood on one
 * day, kept so analysts can follow them over time and compare two days. The measures are computed
 * by the use case (src/use-cases/analytics-snapshot.ts); this module only stores and reads them.
 *
 * One node per day and area:
 * `(:SupplySnapshot {day: Date, region: '' | regionCode, takenAt: DateTime, bytes, <part>: JSON})`
 * - `day`: the UTC day the snapshot was taken on (or the day `npm run snapshot --now` names); `region`: `''` for all of Denmark, else the
 *   region code whose filter the measures were computed with;
 * - each measure (`byNeed`, `scarcity`, …, see SNAPSHOT_PARTS) is its own property holding its rows
 *   as JSON, so a series reads only the measure it shows, not the whole day. The rows are stored as
 *   columns once and values per row (`{"columns": ["need", …], "rows": [["backup", …], …]}`):
 *   every row of a measure has the same fields, and naming them once makes the per-municipality
 *   breakdown about a third of its size as an array of objects;
 * - `bytes`: the UTF-8 size of the node's JSON properties together.
 * (day, region) is unique (migration 0013). A day's nodes are written in one transaction, all or
 * none; a day already taken is never written again, so two runs at once (two servers) leave one.
 */

/** The stored measures, as their rows; which parts a node holds depends on its area (see the use case). */
export interface SnapshotMeasures {
  byNeed: NeedSupplyRow[];
  byNeedAndRegion: NeedRegionSupplyRow[];
  byNeedAndMunicipality: NeedMunicipalitySupplyRow[];
  byNeedAndSector: NeedSectorSupplyRow[];
  scarcity: RoleScarcityRow[];
  scarcityByRegion: RoleScarcityRow[];
  csfCoverage: CsfCoverageRow[];
  nis2Coverage: Nis2CoverageRow[];
  concentration: NeedConcentrationRow[];
}

/** The property names a snapshot may hold: a fixed list, so no property key ever comes from input. */
export const SNAPSHOT_PARTS = [
  'byNeed',
  'byNeedAndRegion',
  'byNeedAndMunicipality',
  'byNeedAndSector',
  'scarcity',
  'scarcityByRegion',
  'csfCoverage',
  'nis2Coverage',
  'concentration',
] as const satisfies ReadonlyArray<keyof SnapshotMeasures>;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

/** The all-of-Denmark snapshot's `region`. */
export const ALL_DENMARK = '';

/** One area's snapshot of one day, as written. */
export interface SnapshotArea {
  /** '' (ALL_DENMARK) or a region code. */
  region: string;
  measures: Partial<SnapshotMeasures>;
}

export interface SnapshotWrite {
  /** False when the day had a snapshot already (nothing was written). */
  taken: boolean;
  /** UTF-8 bytes of the JSON written (0 when nothing was). */
  bytes: number;
}

interface Columns {
  columns: string[];
  rows: unknown[][];
}

/** Rows of one shape as JSON: the field names once, then each row's values in that order. */
export function encodeRows(rows: ReadonlyArray<object>): string {
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  const table: Columns = {
    columns,
    rows: rows.map((row) => columns.map((column) => (row as Record<string, unknown>)[column] ?? null)),
  };
  return JSON.stringify(table);
}

/** The rows encodeRows wrote, as objects again. */
export function decodeRows(json: string): Array<Record<string, unknown>> {
  const table = JSON.parse(json) as Columns;
  return table.rows.map((values) => Object.fromEntries(table.columns.map((column, i) => [column, values[i]])));
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const checkDay = (day: string) => {
  if (!ISO_DAY.test(day)) throw new Error(`a snapshot day must be an ISO date (YYYY-MM-DD): ${day}`);
};

const DAY_TAKEN = `RETURN EXISTS { MATCH (:SupplySnapshot {day: date($day), region: ''}) } AS taken`;

// CREATE, not MERGE: the unique constraint on (day, region) refuses a second run's nodes, so the
// run that commits first wins and the other learns the day was taken.
const CREATE_AREAS = `
UNWIND $areas AS area
CREATE (s:SupplySnapshot {day: date($day), region: area.region, takenAt: datetime.transaction(), bytes: area.bytes})
SET s += area.parts`;

/** Whether `day` (ISO date) has its snapshot. */
export async function supplySnapshotTaken(executor: Executor, day: string): Promise<boolean> {
  checkDay(day);
  const [row] = await executor.read<{ taken: boolean }>('analytics.snapshot.taken', DAY_TAKEN, { day });
  return row?.taken === true;
}

/**
 * Writes one day's snapshot, every area in one transaction. Idempotent: when the day has one
 * already (written before, or by a run that committed first), nothing is written and `taken` is false.
 * `areas` must include the all-of-Denmark one (region '').
 */
export async function writeSupplySnapshot(
  writer: GraphWriter,
  day: string,
  areas: readonly SnapshotArea[],
): Promise<SnapshotWrite> {
  checkDay(day);
  if (!areas.some((area) => area.region === ALL_DENMARK)) throw new Error('a snapshot needs its all-Denmark area');
  const rows = areas.map((area) => {
    const parts: Record<string, string> = {};
    for (const part of SNAPSHOT_PARTS) {
      const value = area.measures[part];
      if (value !== undefined) parts[part] = encodeRows(value);
    }
    const bytes = Object.values(parts).reduce((sum, json) => sum + Buffer.byteLength(json, 'utf8'), 0);
    return { region: area.region, parts, bytes };
  });
  try {
    const taken = await writer.change('analytics.snapshot.write', async (tx) => {
      if ((await tx.run<{ taken: boolean }>(DAY_TAKEN, { day }))[0]?.taken) return false;
      await tx.run(CREATE_AREAS, { day, areas: rows });
      return true;
    });
    return { taken, bytes: taken ? rows.reduce((sum, row) => sum + row.bytes, 0) : 0 };
  } catch (error) {
    if (error instanceof GraphError && error.code === 'GRAPH_CONSTRAINT') return { taken: false, bytes: 0 };
    throw error;
  }
}

/** One day's stored rows of one measure for one area. */
export interface SnapshotRows<K extends SnapshotPart> {
  day: string;
  takenAt: string;
  rows: SnapshotMeasures[K];
}

const READ_PART = `
MATCH (s:SupplySnapshot {region: $region})
WHERE s.day >= date($from) AND s.day <= date($to) AND s[$part] IS NOT NULL
RETURN toString(s.day) AS day, toString(s.takenAt) AS takenAt, s[$part] AS json
ORDER BY day`;

/**
 * The rows of measure `part` in the snapshots of `region` ('' for all of Denmark) taken from `from`
 * to `to` (ISO dates, both included), oldest first. Days without a snapshot, or whose snapshot
 * lacks the part, have no entry.
 */
export async function readSnapshotPart<K extends SnapshotPart>(
  executor: Executor,
  query: { region: string; part: K; from: string; to: string },
): Promise<Array<SnapshotRows<K>>> {
  checkDay(query.from);
  checkDay(query.to);
  if (!SNAPSHOT_PARTS.includes(query.part)) throw new Error(`not a snapshot part: ${query.part}`);
  const found = await executor.read<{ day: string; takenAt: string; json: string }>(
    'analytics.snapshot.part',
    READ_PART,
    query,
  );
  return found.map((row) => ({
    day: row.day,
    takenAt: row.takenAt,
    rows: decodeRows(row.json) as unknown as SnapshotMeasures[K],
  }));
}

const NEAREST = `
RETURN toString(COLLECT { MATCH (s:SupplySnapshot {region: $region}) WHERE s.day < date($day)
                          RETURN s.day ORDER BY s.day DESC LIMIT 1 }[0]) AS before,
       toString(COLLECT { MATCH (s:SupplySnapshot {region: $region}) WHERE s.day > date($day)
                          RETURN s.day ORDER BY s.day LIMIT 1 }[0]) AS after`;

/** The days nearest to `day` (before and after it) with a snapshot of `region`; null where there is none. */
export async function nearestSnapshotDays(
  executor: Executor,
  region: string,
  day: string,
): Promise<{ before: string | null; after: string | null }> {
  checkDay(day);
  const [row] = await executor.read<{ before: string | null; after: string | null }>(
    'analytics.snapshot.nearest',
    NEAREST,
    { region, day },
  );
  return { before: row?.before ?? null, after: row?.after ?? null };
}
