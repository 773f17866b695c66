import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import type { GraphWriter, LoggedChange } from './write';

/**
 * Reading the change log that graph/write.ts appends to, and the listings' fingerprints that
 * catch what bypassed it (an operator's Cypher, a restore).
 */

const LAST_SEQ = "OPTIONAL MATCH (s:ChangeSequence {id: 'listings'}) RETURN coalesce(s.value, 0) AS seq";

// Sequence numbers are dense (one per logging transaction), so a window of them bounds a page
// without splitting a transaction's changes across two reads.
const CHANGES_AFTER = `
MATCH (c:Change) WHERE c.seq > $after AND c.seq <= $after + $window
RETURN c.seq AS seq, c.kind AS kind, c.key AS key, c.op AS op, c.company AS company,
       toString(c.at) AS at, c.name AS name, c.actor AS actor
ORDER BY seq`;

const PRUNE = `
MATCH (c:Change) WHERE c.at < datetime() - duration({days: $days})
WITH c LIMIT 10000
DELETE c
RETURN count(*) AS pruned`;

/** The newest sequence number in the log (0 when empty): where a new follower starts. */
export async function lastChangeSeq(executor: Executor): Promise<number> {
  const [row] = await executor.read<{ seq: number }>('changes.lastSeq', LAST_SEQ);
  return row?.seq ?? 0;
}

/** Changes logged after `after`, oldest first, at most `window` transactions' worth. */
export function changesAfter(executor: Executor, after: number, window = 200): Promise<LoggedChange[]> {
  return executor.read<LoggedChange>('changes.after', CHANGES_AFTER, {
    after: neo4j.int(after),
    window: neo4j.int(window),
  });
}

/** Drops log entries older than `days` (every follower has long read them); returns how many. */
export async function pruneChanges(writer: GraphWriter, days: number): Promise<number> {
  const [row] = await writer.run<{ pruned: number }>('changes.prune', PRUNE, { days: neo4j.int(days) });
  return row?.pruned ?? 0;
}

// Per company: what search documents and match candidates are built from, reduced to a short
// string. Properties are summarised (names, status, price, description lengths) and links
// counted, so a deleted product, a moved link or an edited text shows without reading every
// text each minute. Only the listing's own links count: a vendor's draft or an access grant
// pointing at the company changes nothing a reader shows.
const LISTING_LINKS = 'OFFERS|LOCATED_IN|SERVES|EXPERIENCED_IN|HAS_COMPETENCE|HOLDS|PARTNER_OF';
const part = (expression: string) => `coalesce(toString(${expression}), '')`;
const length = (expression: string) => part(`size(${expression})`);
const joined = (parts: string[], separator: string) => parts.join(` + '${separator}' + `);

const FINGERPRINTS = `
MATCH (c:Company)
RETURN c.slug AS slug, ${joined(
  [
    part('c.updatedAt'),
    part('c.name'),
    part('c.sizeBand'),
    length('c.descriptionDa'),
    length('c.descriptionEn'),
    part(`COUNT { (c)-[:${LISTING_LINKS}]-() }`),
    `reduce(s = '', p IN COLLECT { MATCH (c)-[:OFFERS]->(p:Product) RETURN p ORDER BY p.slug } | s + ${joined(
      [
        part('p.slug'),
        part('p.status'),
        part('p.name'),
        part('p.updatedAt'),
        part('p.priceFromDkk'),
        part('p.smeFit'),
        length('p.descriptionDa'),
        length('p.descriptionEn'),
        part('COUNT { (p)--() }'),
      ],
      ':',
    )} + ';')`,
  ],
  '|',
)} AS print`;

/**
 * Every company's fingerprint: equal fingerprints mean its listing need not be rebuilt. Kept as a
 * 128-bit digest of the summary: the summaries themselves held 12 MB at 10,000 companies.
 */
export async function listingFingerprints(executor: Executor): Promise<Map<string, string>> {
  const rows = await executor.read<{ slug: string; print: string }>('changes.fingerprints', FINGERPRINTS);
  return new Map(
    rows.map((row) => [row.slug, createHash('sha256').update(row.print).digest('base64url').slice(0, 22)]),
  );
}
