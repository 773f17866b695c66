import type { ManagedTransaction, RecordShape } from 'neo4j-driver';
import { type Executor, type Params, toPlain } from './executor';

/**
 * The one path for writes to the graph. Each change runs in one transaction; the listings it
 * touched are stamped (`updatedAt`) and appended to the change log (an outbox of `(:Change)`
 * nodes) in that same transaction, so a reader of the log (search sync, the match index) can
 * never see a change the graph does not hold, nor miss one it does — deletes included.
 *
 * The log is ordered by a counter every logging transaction increments: the counter node's
 * write lock is held until commit, so sequence order is commit order and a follower that has
 * read up to N has seen every change numbered N or lower.
 */

/** What the log tracks: the listings that search and matching are built from. */
export const CHANGE_KINDS = ['Company', 'Product'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const CHANGE_OPS = ['created', 'updated', 'deleted'] as const;
export type ChangeOp = (typeof CHANGE_OPS)[number];

export interface Change {
  kind: ChangeKind;
  /** The node's slug. */
  key: string;
  op: ChangeOp;
  /** The company whose listing the node belongs to (itself for a company): what readers rebuild. */
  company: string;
}

export interface LoggedChange extends Change {
  seq: number;
  at: string;
  name: string;
  actor: string | null;
}

/** The statements of one change, and what it tells the log. */
export interface WriteTransaction {
  run<T extends RecordShape = RecordShape>(cypher: string, params?: Params): Promise<T[]>;
  /** Records listings this transaction created, updated or deleted; they are stamped and logged at commit. */
  changed(...changes: Change[]): void;
}

// Stamps use the transaction's clock, so every node of one change carries the same time.
const STAMP = `
UNWIND $changes AS ch
CALL (ch) {
  WITH ch WHERE ch.kind = 'Company' AND ch.op <> 'deleted'
  MATCH (c:Company {slug: ch.key}) SET c.updatedAt = datetime.transaction()
}
CALL (ch) {
  WITH ch WHERE ch.kind = 'Product' AND ch.op <> 'deleted'
  MATCH (p:Product {slug: ch.key}) SET p.updatedAt = datetime.transaction()
}`;

const APPEND = `
MERGE (s:ChangeSequence {id: 'listings'})
ON CREATE SET s.value = 0
SET s.value = s.value + 1
WITH s.value AS seq
UNWIND $changes AS ch
CREATE (:Change {seq: seq, kind: ch.kind, key: ch.key, op: ch.op, company: ch.company,
                 name: $name, actor: $actor, at: datetime.transaction()})`;

/** Deduplicates by node, keeping the strongest operation (deleted > created > updated). */
export function mergeChanges(changes: readonly Change[]): Change[] {
  const weight: Record<ChangeOp, number> = { updated: 0, created: 1, deleted: 2 };
  const byNode = new Map<string, Change>();
  for (const change of changes) {
    const id = `${change.kind}:${change.key}`;
    const seen = byNode.get(id);
    if (!seen || weight[change.op] > weight[seen.op]) byNode.set(id, change);
  }
  return [...byNode.values()];
}

export class GraphWriter {
  constructor(readonly executor: Executor) {}

  /**
   * Runs `work` in one write transaction (retried as a whole on transient failures), then
   * stamps and logs what it reported through `tx.changed` before the commit. All or nothing.
   */
  async change<T>(name: string, work: (tx: WriteTransaction) => Promise<T>, options: { actor?: string } = {}) {
    return this.executor.transaction('WRITE', name, async (managed: ManagedTransaction) => {
      // A retried transaction starts over, so what it reports starts over too.
      const changes: Change[] = [];
      const tx: WriteTransaction = {
        run: async <R extends RecordShape>(cypher: string, params: Params = {}) => {
          const result = await managed.run<R>(cypher, params);
          return result.records.map((record) => toPlain(record.toObject()) as R);
        },
        changed: (...more) => changes.push(...more),
      };
      const result = await work(tx);
      const merged = mergeChanges(changes);
      if (merged.length > 0) {
        await managed.run(STAMP, { changes: merged });
        await managed.run(APPEND, { changes: merged, name, actor: options.actor ?? null });
      }
      return result;
    });
  }

  /** Several statements that change no listing, in one transaction: all or nothing. */
  async steps(name: string, steps: ReadonlyArray<{ cypher: string; params?: Params }>): Promise<void> {
    await this.change(name, async (tx) => {
      for (const step of steps) await tx.run(step.cypher, step.params ?? {});
    });
  }

  /** One statement that changes no listing (demand signals, requests, schema): its own transaction. */
  run<T extends RecordShape = RecordShape>(name: string, cypher: string, params: Params = {}): Promise<T[]> {
    return this.change(name, (tx) => tx.run<T>(cypher, params));
  }
}
