/**
 * The embedded engine's inverted index, held in our own structures: per text field a term dictionary (a hash map for
 * exact lookups and a sorted term list that the matcher walks as an implicit trie for typo and prefix lookups),
 * postings as document slots (gaps in variable-length bytes once sealed), document frequencies and field lengths in
 * typed arrays.
 *
 * Why our own: the engine needs per-word typo budgets, prefix matching on the last word only and BM25 over unique
 * tokens (see matcher.ts), which no library index offers through a public API; the previous implementation reached
 * into a library's private index internals to get them, and paid for that library's per-document bookkeeping.
 *
 * Layout and lifecycle. Every added document gets a new slot (slots are never reused inside one index; a replaced
 * document's old slot is marked in a deleted-slot bitmap; the engine rebuilds a fresh index once dead slots outnumber
 * live ones, see embedded.ts). Postings are built compactly: while the index is being
 * filled they are appended as (term, slot) pairs to one buffer, and `seal()` turns them into one compressed sparse
 * row array per field (byte offsets by term id; each term's slots ascending, stored as the gaps between them in
 * variable-length bytes, see `encodeGaps`). Documents added after sealing go to small growable
 * per-term arrays; `prepare()` folds those, and the postings of deleted slots, back into the compact arrays once
 * they are a sizeable fraction of it, so incremental upserts cost O(terms of the document) and the amortised
 * rebuild stays linear. Document frequencies and field lengths always describe the live documents only.
 *
 * Scoring needs BM25's length normalisation per slot; `prepare()` keeps, per field, the denominator
 * 1 + k1·(1 − b + b·length/average) for every slot (Infinity for deleted slots, so a stale posting scores 0 without
 * a bitmap test in the scoring loop). It is recomputed only after a write changed the field's average length.
 */
import { type SearchDocument, TEXT_FIELDS, type TextField } from './document';
import { indexTerms } from './text';

/** The text of a document as the index sees it: one string per text field (lists joined). */
export type IndexedText = Record<TextField, string>;

export function toIndexedText(doc: SearchDocument): IndexedText {
  const indexed = {} as IndexedText;
  for (const field of TEXT_FIELDS) {
    const value = doc[field];
    // One string per field: BM25's field length is the number of distinct keys in the whole field, list or not.
    indexed[field] = typeof value === 'string' ? value : value.join(' · ');
  }
  return indexed;
}

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

function growUint32(array: Uint32Array, minimum: number): Uint32Array<ArrayBuffer> {
  if (minimum <= array.length) return array as Uint32Array<ArrayBuffer>;
  const next = new Uint32Array(Math.max(minimum, array.length * 2, 16));
  next.set(array);
  return next;
}

function growInt32(array: Int32Array, minimum: number): Int32Array<ArrayBuffer> {
  if (minimum <= array.length) return array as Int32Array<ArrayBuffer>;
  const next = new Int32Array(Math.max(minimum, array.length * 2, 16));
  next.set(array);
  return next;
}

/**
 * A run of postings: `slots[start..end)`. A term has at most two (its compact run and its growth array). A compact
 * run is decoded into a buffer shared by every field index, so a run must be read before the next `runs()` call and
 * before anything compacts an index (`prepare()`, `seal()`, a search).
 */
export interface PostingRun {
  slots: Uint32Array;
  start: number;
  end: number;
}

/**
 * Compact postings as gaps in LEB128 bytes (seven bits a byte, the high bit set on all but the last byte of a
 * number). Most of a term's gaps are small, so a posting takes one or two bytes instead of four: at 10,000
 * companies (108,000 documents) the postings went from 54 MiB as Uint32Array to 14 MiB. Decoding a
 * term's run is a sequential pass before the matcher scores it; written here because it is the index's layout.
 */
export function gapBytes(gap: number): number {
  return gap < 0x80 ? 1 : gap < 0x4000 ? 2 : gap < 0x200000 ? 3 : gap < 0x10000000 ? 4 : 5;
}

/** Write the ascending `slots[from..to)` as gaps at `bytes[at..]`; returns the position after them. */
export function encodeGaps(slots: Uint32Array, from: number, to: number, bytes: Uint8Array, at: number): number {
  let previous = 0;
  for (let k = from; k < to; k += 1) {
    const slot = slots[k] as number;
    let gap = slot - previous;
    // A slot out of order would be written as bytes that decode to slots no document has.
    if (gap < 0) throw new Error('postings must be ascending to be stored as gaps');
    previous = slot;
    while (gap >= 0x80) {
      bytes[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    bytes[at++] = gap;
  }
  return at;
}

/** The decode buffer of compact runs (see PostingRun). */
let decoded = new Uint32Array(1024);

/** The buffer the last `decodeGaps` wrote to. */
export function decodedSlots(): Uint32Array {
  return decoded;
}

/** Decode the gaps in `bytes[from..to)` into `decoded`; returns how many slots they held. */
export function decodeGaps(bytes: Uint8Array, from: number, to: number): number {
  // A posting takes at least one byte, so the byte count bounds the slot count.
  if (decoded.length < to - from) decoded = new Uint32Array(Math.max(to - from, decoded.length * 2));
  const out = decoded;
  let count = 0;
  let slot = 0;
  for (let at = from; at < to; ) {
    let byte = bytes[at++] as number;
    if (byte < 0x80) {
      // Most gaps fit in one byte.
      slot += byte;
      out[count++] = slot;
      continue;
    }
    // 32-bit shifts, read back as unsigned: exact for any slot a Uint32Array holds.
    let gap = byte & 0x7f;
    let shift = 7;
    do {
      byte = bytes[at++] as number;
      gap = (gap | ((byte & 0x7f) << shift)) >>> 0;
      shift += 7;
    } while (byte & 0x80);
    slot += gap;
    out[count++] = slot;
  }
  return count;
}

/** The index of one text field. */
export class FieldIndex {
  private readonly termIds = new Map<string, number>();
  /** Terms by id. */
  private readonly terms: string[] = [];
  /** Live documents containing each term, by term id. */
  private df = new Int32Array(256);
  /** Terms in code-unit order, and their ids; undefined until sealed or after bulk additions. */
  private sortedTerms: string[] | undefined;
  private sortedIds: number[] = [];

  /** Compact postings: the slots of term t are gaps in postings[offsets[t] .. offsets[t + 1]) (t < compactTerms). */
  private offsets = new Uint32Array(1);
  private postings = new Uint8Array(0);
  private compactPostings = 0;
  private compactTerms = 0;
  /** Before sealing: (term id, slot) pairs in insertion order. */
  private pending = new Uint32Array(0);
  private pendingLength = 0;
  /** After sealing: growth arrays per term id, and how much of each is used. */
  private extra: (Uint32Array | undefined)[] = [];
  private extraLength = new Int32Array(0);
  private extraTotal = 0;

  /** Distinct keys of this field per slot, and their sum over live documents. */
  private lengths = new Uint32Array(1024);
  private lengthSum = 0;
  /** BM25 denominators per slot and the average length they were computed for (NaN: stale). */
  private denominators = new Float64Array(0);
  private denominatorAverage = Number.NaN;

  get termCount(): number {
    return this.terms.length;
  }

  /** Number of postings held outside the compact arrays (growth arrays and pending pairs). */
  get looseCount(): number {
    return this.extraTotal + this.pendingLength / 2;
  }

  get compactCount(): number {
    return this.compactPostings;
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  documentFrequency(id: number): number {
    return this.df[id] as number;
  }

  length(slot: number): number {
    return this.lengths[slot] as number;
  }

  averageLength(liveDocuments: number): number {
    return liveDocuments === 0 ? 0 : this.lengthSum / liveDocuments;
  }

  add(slot: number, terms: readonly string[], sealed: boolean): void {
    this.lengths = growUint32(this.lengths, slot + 1);
    this.lengths[slot] = terms.length;
    this.lengthSum += terms.length;
    for (const term of terms) {
      let id = this.termIds.get(term);
      if (id === undefined) id = this.newTerm(term, sealed);
      this.df[id] = (this.df[id] as number) + 1;
      if (sealed) {
        let slots = this.extra[id];
        const used = this.extraLength[id] as number;
        if (slots === undefined || used === slots.length) {
          slots = growUint32(slots ?? new Uint32Array(0), used + 1);
          this.extra[id] = slots;
        }
        slots[used] = slot;
        this.extraLength[id] = used + 1;
        this.extraTotal += 1;
      } else {
        this.pending = growUint32(this.pending, this.pendingLength + 2);
        this.pending[this.pendingLength] = id;
        this.pending[this.pendingLength + 1] = slot;
        this.pendingLength += 2;
      }
    }
  }

  /** Forget a live document's statistics; its postings stay until compaction (the slot is marked deleted). */
  remove(slot: number, terms: readonly string[]): void {
    this.lengthSum -= this.lengths[slot] as number;
    this.lengths[slot] = 0;
    for (const term of terms) {
      const id = this.termIds.get(term);
      if (id !== undefined) this.df[id] = (this.df[id] as number) - 1;
    }
  }

  private newTerm(term: string, sealed: boolean): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.termIds.set(term, id);
    this.df = growInt32(this.df, id + 1);
    if (sealed) {
      this.extraLength = growInt32(this.extraLength, id + 1);
      const sorted = this.sortedTerms;
      if (sorted !== undefined) {
        // Keep the sorted list current: a binary insertion is a memmove, cheap next to re-sorting every term.
        const at = lowerBound(sorted, term);
        sorted.splice(at, 0, term);
        this.sortedIds.splice(at, 0, id);
      }
    } else {
      this.sortedTerms = undefined;
    }
    return id;
  }

  /**
   * Rebuild the compact postings from everything held (compact, growth and pending), leaving out deleted slots.
   * Slots stay ascending per term because every source holds them in insertion order and slots only grow.
   */
  compact(isDeleted: (slot: number) => boolean): void {
    const termCount = this.terms.length;
    const counts = new Uint32Array(termCount + 1);
    const { offsets, postings, pending, extra, extraLength } = this;
    for (let t = 0; t < this.compactTerms; t += 1) {
      const n = decodeGaps(postings, offsets[t] as number, offsets[t + 1] as number);
      for (let k = 0; k < n; k += 1) {
        if (!isDeleted(decoded[k] as number)) counts[t + 1] = (counts[t + 1] as number) + 1;
      }
    }
    for (let t = 0; t < extra.length; t += 1) {
      const slots = extra[t];
      if (slots === undefined) continue;
      for (let k = 0, end = extraLength[t] as number; k < end; k += 1) {
        if (!isDeleted(slots[k] as number)) counts[t + 1] = (counts[t + 1] as number) + 1;
      }
    }
    for (let k = 0; k < this.pendingLength; k += 2) {
      if (!isDeleted(pending[k + 1] as number)) {
        const t = pending[k] as number;
        counts[t + 1] = (counts[t + 1] as number) + 1;
      }
    }
    for (let t = 1; t <= termCount; t += 1) counts[t] = (counts[t] as number) + (counts[t - 1] as number);
    const next = new Uint32Array(counts[termCount] as number);
    const cursor = counts.slice(0, termCount);
    const put = (t: number, slot: number): void => {
      if (isDeleted(slot)) return;
      next[cursor[t] as number] = slot;
      cursor[t] = (cursor[t] as number) + 1;
    };
    // Oldest first, so each term's slots stay ascending: the compact run, then pairs added before sealing finished
    // (a field sealed early can collect some while the others seal), then growth arrays, filled only once sealed.
    for (let t = 0; t < this.compactTerms; t += 1) {
      const n = decodeGaps(postings, offsets[t] as number, offsets[t + 1] as number);
      for (let k = 0; k < n; k += 1) put(t, decoded[k] as number);
    }
    for (let k = 0; k < this.pendingLength; k += 2) put(pending[k] as number, pending[k + 1] as number);
    for (let t = 0; t < extra.length; t += 1) {
      const slots = extra[t];
      if (slots === undefined) continue;
      for (let k = 0, end = extraLength[t] as number; k < end; k += 1) put(t, slots[k] as number);
    }
    // The slots per term are in `next` (CSR by `counts`); store them as gaps, sized exactly.
    const byteOffsets = new Uint32Array(termCount + 1);
    let size = 0;
    for (let t = 0; t < termCount; t += 1) {
      let previous = 0;
      for (let k = counts[t] as number, end = counts[t + 1] as number; k < end; k += 1) {
        const slot = next[k] as number;
        size += gapBytes(slot - previous);
        previous = slot;
      }
      byteOffsets[t + 1] = size;
    }
    const bytes = new Uint8Array(size);
    for (let t = 0; t < termCount; t += 1) {
      const end = encodeGaps(next, counts[t] as number, counts[t + 1] as number, bytes, byteOffsets[t] as number);
      if (end !== byteOffsets[t + 1]) throw new Error('postings encoding out of step with its sizes');
    }
    this.offsets = byteOffsets;
    this.postings = bytes;
    this.compactPostings = next.length;
    this.compactTerms = termCount;
    this.pending = new Uint32Array(0);
    this.pendingLength = 0;
    this.extra = [];
    this.extraLength = new Int32Array(termCount);
    this.extraTotal = 0;
    if (this.sortedTerms === undefined) {
      const ids = Array.from({ length: termCount }, (_, id) => id);
      const terms = this.terms;
      ids.sort((a, b) => ((terms[a] as string) < (terms[b] as string) ? -1 : 1));
      this.sortedIds = ids;
      this.sortedTerms = ids.map((id) => terms[id] as string);
    }
  }

  /** The dictionary in code-unit order (the matcher's implicit trie) and the term id at each position. */
  sorted(): { terms: readonly string[]; ids: readonly number[] } {
    if (this.sortedTerms === undefined) throw new Error('field index used before it was sealed');
    return { terms: this.sortedTerms, ids: this.sortedIds };
  }

  /** The posting runs of a term (compact run first). */
  runs(id: number): PostingRun[] {
    const runs: PostingRun[] = [];
    if (id < this.compactTerms) {
      // Decoded first: decoding may replace the buffer with a larger one.
      const end = decodeGaps(this.postings, this.offsets[id] as number, this.offsets[id + 1] as number);
      runs.push({ slots: decoded, start: 0, end });
    }
    const slots = this.extra[id];
    if (slots !== undefined) runs.push({ slots, start: 0, end: this.extraLength[id] as number });
    return runs;
  }

  /** BM25 length denominators by slot for the current average; Infinity for deleted slots. */
  bm25Denominators(slotCount: number, liveDocuments: number, isDeleted: (slot: number) => boolean): Float64Array {
    const average = this.averageLength(liveDocuments) || 1;
    if (average === this.denominatorAverage && this.denominators.length >= slotCount) return this.denominators;
    const denominators = new Float64Array(Math.max(slotCount, 1));
    const lengths = this.lengths;
    for (let slot = 0; slot < slotCount; slot += 1) {
      denominators[slot] = isDeleted(slot)
        ? Number.POSITIVE_INFINITY
        : 1 + BM25_K1 * (1 - BM25_B + (BM25_B * (lengths[slot] ?? 0)) / average);
    }
    this.denominators = denominators;
    this.denominatorAverage = average;
    return denominators;
  }

  /** A deleted slot must score 0 from now on, even before the denominators are next recomputed. */
  markDeleted(slot: number): void {
    if (slot < this.denominators.length) this.denominators[slot] = Number.POSITIVE_INFINITY;
  }
}

/** First position in a sorted list whose term is ≥ `term`. */
export function lowerBound(sorted: readonly string[], term: string, from = 0): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The text index of one generation of the embedded engine: one FieldIndex per text field, sharing slots. */
export class TextIndex {
  readonly fields: ReadonlyMap<TextField, FieldIndex> = new Map(TEXT_FIELDS.map((field) => [field, new FieldIndex()]));
  private deleted = new Uint32Array(32);
  private slots = 0;
  private live = 0;
  private deletedSlots = 0;
  private sealed = false;

  /** One more than the largest slot handed out (the size of per-slot score vectors). */
  get slotCount(): number {
    return this.slots;
  }

  /** Number of live documents (BM25's N). */
  get documentCount(): number {
    return this.live;
  }

  readonly isDeleted = (slot: number): boolean => ((this.deleted[slot >>> 5] as number) & (1 << (slot & 31))) !== 0;

  /** Index a document's text under a new slot and return the slot. */
  add(text: IndexedText): number {
    const slot = this.slots;
    this.slots += 1;
    this.deleted = growUint32(this.deleted, (slot >>> 5) + 1);
    for (const [field, index] of this.fields) index.add(slot, indexTerms(text[field]), this.sealed);
    this.live += 1;
    return slot;
  }

  /** Remove the document at `slot`; `text` must be what was added there (its terms are recomputed from it). */
  remove(slot: number, text: IndexedText): void {
    if (slot >= this.slots || this.isDeleted(slot)) return;
    this.deleted[slot >>> 5] = (this.deleted[slot >>> 5] as number) | (1 << (slot & 31));
    for (const [field, index] of this.fields) {
      index.remove(slot, indexTerms(text[field]));
      index.markDeleted(slot);
    }
    this.live -= 1;
    this.deletedSlots += 1;
  }

  /** Turn the bulk-loaded postings into the compact layout; later additions go to growth arrays. */
  seal(): void {
    for (const _ of this.sealing()) {
      // Each step compacts one field; done synchronously here.
    }
  }

  /**
   * `seal()` one field per step, for a builder that yields to the event loop between steps (at 110,000 documents
   * the whole seal takes tens of milliseconds). Until the last step the index stays unsealed, which is consistent:
   * an unsealed field folds whatever it holds into its compact arrays.
   */
  *sealing(): Generator<void> {
    if (this.sealed) return;
    for (const index of this.fields.values()) {
      index.compact(this.isDeleted);
      yield;
    }
    this.sealed = true;
    this.deletedSlots = 0;
  }

  /**
   * Make the index ready to answer queries: sealed, loose postings folded in once they are a quarter of the
   * compact ones (or deleted slots a quarter of all), so the compaction cost is amortised over the writes.
   */
  prepare(): void {
    if (!this.sealed) {
      this.seal();
      return;
    }
    let loose = 0;
    let compact = 0;
    for (const index of this.fields.values()) {
      loose += index.looseCount;
      compact += index.compactCount;
    }
    if (loose > 4096 + compact / 4 || this.deletedSlots > 1024 + this.slots / 4) {
      for (const index of this.fields.values()) index.compact(this.isDeleted);
      this.deletedSlots = 0;
    }
  }
}
