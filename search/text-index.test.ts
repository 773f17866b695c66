/** The embedded engine's own text index: postings through writes, statistics, and BM25 scores against an oracle. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { searchFixtures } from '../tests/fixtures/search-documents';
import { TEXT_FIELD_BOOSTS, TEXT_FIELDS, type TextField } from './document';
import { evaluateQuery, releaseMatches } from './matcher';
import { parseQuery } from './text';
import {
  BM25_B,
  BM25_K1,
  decodedSlots,
  decodeGaps,
  encodeGaps,
  gapBytes,
  type IndexedText,
  TextIndex,
  toIndexedText,
} from './text-index';

function text(fields: Partial<IndexedText>): IndexedText {
  return { name: '', companyName: '', keywords: '', descriptionDa: '', descriptionEn: '', ...fields };
}

function field(index: TextIndex, name: TextField) {
  const found = index.fields.get(name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
}

/** Live slots holding a term in a field, read back from the posting runs. */
function postings(index: TextIndex, name: TextField, term: string): number[] {
  const f = field(index, name);
  const id = f.termId(term);
  if (id === undefined) return [];
  return f
    .runs(id)
    .flatMap(({ slots, start, end }) => Array.from(slots.subarray(start, end)))
    .filter((slot) => !index.isDeleted(slot));
}

/** Scores by slot for a query, copied out of the matcher's pooled vectors. */
function scores(index: TextIndex, query: string): Map<number, number> {
  const matches = evaluateQuery(index, parseQuery(query));
  const out = new Map<number, number>();
  for (const slot of matches.ids) out.set(slot, matches.scores[slot] as number);
  releaseMatches(matches);
  return out;
}

describe('postings stored as gaps', () => {
  const ascending = fc
    .uniqueArray(
      fc.oneof(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom(127, 128, 2 ** 14, 2 ** 21 - 1, 2 ** 21, 2 ** 28, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1),
      ),
      { maxLength: 60 },
    )
    .map((slots) => Uint32Array.from(slots.sort((a, b) => a - b)));

  it('gives back any ascending slots exactly, in the bytes gapBytes counts (one to five a gap)', () => {
    fc.assert(
      fc.property(ascending, (slots) => {
        let size = 0;
        slots.forEach((slot, k) => {
          size += gapBytes(slot - (k === 0 ? 0 : (slots[k - 1] as number)));
        });
        // Written after three bytes of something else, as runs sit one after another.
        const bytes = new Uint8Array(size + 3);
        expect(encodeGaps(slots, 0, slots.length, bytes, 3)).toBe(size + 3);
        const count = decodeGaps(bytes, 3, size + 3);
        expect(Array.from(decodedSlots().subarray(0, count))).toEqual(Array.from(slots));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses slots out of order instead of storing bytes that decode to other slots', () => {
    expect(() => encodeGaps(Uint32Array.from([5, 3]), 0, 2, new Uint8Array(8), 0)).toThrow(/ascending/);
  });
});

describe('TextIndex postings', () => {
  it('holds the same postings whether documents arrive before or after sealing', () => {
    const bulk = new TextIndex();
    const incremental = new TextIndex();
    incremental.seal();
    const docs = [
      text({ name: 'zebra kryptering', descriptionDa: 'zebra' }),
      text({ name: 'giraf', descriptionDa: 'zebra giraf' }),
      text({ name: 'zebra' }),
    ];
    for (const doc of docs) {
      bulk.add(doc);
      incremental.add(doc);
    }
    bulk.seal();
    for (const index of [bulk, incremental]) {
      expect(postings(index, 'name', 'zebra')).toEqual([0, 2]);
      expect(postings(index, 'descriptionDa', 'zebra')).toEqual([0, 1]);
      expect(postings(index, 'descriptionDa', 'giraf')).toEqual([1]);
      expect(field(index, 'name').documentFrequency(field(index, 'name').termId('zebra') as number)).toBe(2);
    }
  });

  it('keeps slots ascending when documents arrive while the fields are being sealed, and after', () => {
    const index = new TextIndex();
    for (let slot = 0; slot < 300; slot += 1) index.add(text({ name: 'zebra' }));
    const sealing = index.sealing();
    sealing.next(); // The first field (name) is compacted; the others are not yet.
    index.add(text({ name: 'zebra' })); // 300: a pending pair in the compacted name field
    while (sealing.next().done !== true) {
      // The other fields are compacted one by one.
    }
    index.add(text({ name: 'zebra' })); // 301: sealed, so a growth array
    expect(postings(index, 'name', 'zebra')).toContain(301);
    field(index, 'name').compact(index.isDeleted);
    expect(postings(index, 'name', 'zebra')).toEqual(Array.from({ length: 302 }, (_, slot) => slot));
  });

  it('keeps slots exactly across gaps of one to three bytes, through sealing, growth and compaction', () => {
    const index = new TextIndex();
    // Gaps of 0, 1, 126, 127, 128, 16,383 and 16,384 slots: one, two and three bytes.
    const rare = new Set([0, 1, 127, 254, 382, 16_765, 33_149, 33_150]);
    const far = 33_150 + 30_000;
    const add = (slot: number) => index.add(text({ name: rare.has(slot) || slot === far ? 'zebra giraf' : 'giraf' }));
    for (let slot = 0; slot < 40_000; slot += 1) add(slot);
    index.seal();
    expect(postings(index, 'name', 'zebra')).toEqual([...rare]);
    expect(postings(index, 'name', 'giraf')).toHaveLength(40_000);
    // Later additions go to the growth arrays; a removal and a compaction fold them into the gaps.
    for (let slot = 40_000; slot <= far; slot += 1) add(slot);
    index.remove(127, text({ name: 'zebra giraf' }));
    index.prepare();
    expect(field(index, 'name').looseCount).toBe(0);
    expect(postings(index, 'name', 'zebra')).toEqual([...rare].filter((slot) => slot !== 127).concat(far));
    expect(postings(index, 'name', 'giraf')).toHaveLength(far);
    expect(field(index, 'name').compactCount).toBe(far + rare.size);
  });

  it('keeps document frequencies and lengths right through removal and re-insertion', () => {
    const index = new TextIndex();
    const first = text({ descriptionDa: 'zebra zebra giraf' });
    const second = text({ descriptionDa: 'zebra' });
    const a = index.add(first);
    index.add(second);
    index.seal();
    const description = field(index, 'descriptionDa');
    const zebra = description.termId('zebra') as number;
    expect(description.documentFrequency(zebra)).toBe(2);
    // Keys are unique per field: "zebra zebra giraf" has length 2.
    expect(description.length(a)).toBe(2);
    expect(description.averageLength(index.documentCount)).toBe(1.5);
    index.remove(a, first);
    expect(description.documentFrequency(zebra)).toBe(1);
    expect(description.averageLength(index.documentCount)).toBe(1);
    expect(postings(index, 'descriptionDa', 'zebra')).toEqual([1]);
    expect(scores(index, 'giraf').size).toBe(0);
    const again = index.add(text({ descriptionDa: 'zebra' }));
    expect(again).not.toBe(a);
    expect(description.documentFrequency(zebra)).toBe(2);
    expect([...scores(index, 'zebra').keys()].sort()).toEqual([1, again]);
  });

  it('ignores removing a slot twice or a slot it never handed out', () => {
    const index = new TextIndex();
    const doc = text({ name: 'zebra' });
    const slot = index.add(doc);
    index.remove(slot, doc);
    index.remove(slot, doc);
    index.remove(99, doc);
    expect(index.documentCount).toBe(0);
    expect(field(index, 'name').documentFrequency(field(index, 'name').termId('zebra') as number)).toBe(0);
  });

  it('agrees with a rebuilt index after any sequence of upserts and removals (property)', () => {
    const words = ['zebra', 'giraf', 'okapi', 'zebraer', 'girafer'];
    const docText = fc
      .array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 })
      .map((list) => text({ name: list.join(' '), descriptionDa: list.slice(1).join(' ') }));
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), id: fc.integer({ min: 0, max: 7 }), doc: docText }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('query' as const) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const index = new TextIndex();
        const live = new Map<number, { slot: number; doc: IndexedText }>();
        for (const op of operations) {
          if (op.kind === 'query') {
            // Queries between writes seal and compact the index at different points.
            index.prepare();
            continue;
          }
          const old = live.get(op.id);
          if (old !== undefined) index.remove(old.slot, old.doc);
          live.delete(op.id);
          if (op.kind === 'put') live.set(op.id, { slot: index.add(op.doc), doc: op.doc });
        }
        const rebuilt = new TextIndex();
        const slotOf = new Map<number, number>();
        for (const [id, { doc }] of live) slotOf.set(id, rebuilt.add(doc));
        rebuilt.seal();
        index.prepare();
        // Same live documents per term and the same scores, matched up through the document ids.
        for (const word of words) {
          const mine = scores(index, word);
          const theirs = scores(rebuilt, word);
          expect(mine.size).toBe(theirs.size);
          for (const [id, { slot }] of live) {
            const expected = theirs.get(slotOf.get(id) as number);
            const actual = mine.get(slot);
            if (expected === undefined) expect(actual).toBeUndefined();
            else expect(actual).toBeCloseTo(expected, 12);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** BM25 as the matcher documents it, written out independently for one exact single-key word. */
function oracleScore(docs: readonly IndexedText[], slot: number, key: string, tokenize: (s: string) => string[]) {
  let total = 0;
  for (const name of TEXT_FIELDS) {
    const lengths = docs.map((doc) => tokenize(doc[name]).length);
    const average = lengths.reduce((a, b) => a + b, 0) / docs.length || 1;
    const df = docs.filter((doc) => tokenize(doc[name]).includes(key)).length;
    if (!tokenize((docs[slot] as IndexedText)[name]).includes(key)) continue;
    const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
    const length = lengths[slot] as number;
    total +=
      (idf * (BM25_K1 + 1) * TEXT_FIELD_BOOSTS[name]) / (1 + BM25_K1 * (1 - BM25_B + (BM25_B * length) / average));
  }
  return total;
}

describe('BM25 scoring', () => {
  const tokenize = (s: string) => [...new Set(s.split(/\s+/).filter(Boolean))];

  it('matches an independent BM25 computation with field boosts', () => {
    const docs = [
      text({ name: 'zebra', descriptionDa: 'giraf okapi' }),
      text({ name: 'giraf', descriptionDa: 'zebra okapi gnu' }),
      text({ keywords: 'zebra', descriptionDa: 'zebra' }),
      text({ descriptionDa: 'zebra okapi gnu giraf hest' }),
      text({ name: 'hest' }),
    ];
    const index = new TextIndex();
    for (const doc of docs) index.add(doc);
    // "zebra" is long enough for a typo but no indexed term is within one typo of it except itself.
    const found = scores(index, 'zebra');
    expect([...found.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const [slot, score] of found) expect(score).toBeCloseTo(oracleScore(docs, slot, 'zebra', tokenize), 12);
  });

  it('ranks a name match over a description match, and a short field over a long one', () => {
    const index = new TextIndex();
    const inName = index.add(text({ name: 'zebra' }));
    const inShortDescription = index.add(text({ descriptionDa: 'zebra' }));
    const inLongDescription = index.add(text({ descriptionDa: 'zebra giraf okapi gnu hest' }));
    const found = scores(index, 'zebra');
    const [name, short, long] = [inName, inShortDescription, inLongDescription].map((slot) => found.get(slot) ?? 0);
    expect(name).toBeGreaterThan(short as number);
    expect(short).toBeGreaterThan(long as number);
  });

  it('weighs a rare term above a common one', () => {
    const index = new TextIndex();
    const both = index.add(text({ descriptionDa: 'zebra okapi' }));
    for (let i = 0; i < 5; i += 1) index.add(text({ descriptionDa: `zebra hest${i}` }));
    const zebra = scores(index, 'zebra').get(both) ?? 0;
    const okapi = scores(index, 'okapi').get(both) ?? 0;
    expect(okapi).toBeGreaterThan(zebra);
  });

  it('indexes the fixtures with every text field of every document', () => {
    const index = new TextIndex();
    for (const doc of searchFixtures()) index.add(toIndexedText(doc));
    index.seal();
    expect(index.documentCount).toBe(searchFixtures().length);
    for (const name of TEXT_FIELDS) expect(field(index, name).termCount).toBeGreaterThan(0);
  });
});
