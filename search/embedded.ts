/**
 * The embedded, in-process engine. Used when no Meilisearch is configured: development, tests, small deployments.
 * It owns its index outright: the text index (text-index.ts: term dictionaries and typed-array postings per text
 * field) and the query matcher (matcher.ts); filters, facet counts, sorting and pagination run here over slots in
 * typed arrays, so `total` and the facet counts are exact.
 *
 * Consistency model: writes are serialised through one queue; a search reads the current generation synchronously,
 * so it never sees half of an upsert of one document. `replaceAll` builds a new generation while the old one keeps
 * serving searches (it yields to the event loop between chunks) and swaps the reference when it is complete.
 *
 * Speed: facet values are coded as small integers per generation, so counting is typed-array increments, and a
 * facet filter marks the passing slots from each selected value's slot list; only the requested page is ordered (a
 * bounded heap picks it from the matches); sort orders and the unfiltered facet counts are cached until the next
 * write. At 110,000 documents a query with facet counts takes a few milliseconds (`npm run bench:search`).
 */
import { assertSearchDocument, LIST_FIELDS, type ListField } from './document';
import { evaluateQuery, releaseMatches } from './matcher';
import type { NormalizedFilters, NormalizedRequest } from './request';
import { emptyFacetCounts, normalizeRequest } from './request';
import { normalizeText, parseQuery } from './text';
import { TextIndex, toIndexedText } from './text-index';
import type { FacetName, SearchDocument, SearchEngine, SearchRequest, SearchResponse, SearchSort } from './types';
import { FACETS } from './types';

/** Documents inserted between two yields to the event loop while (re)building. */
const CHUNK_SIZE = 500;

/** Dead slots tolerated beyond the live documents before the index is rebuilt (see compactIfWasteful). */
const COMPACTION_FLOOR = 4096;

/**
 * Facet values of every document in one growing Int32Array of value codes (one code space over all facets, so a
 * count is one typed-array increment per value), addressed by slot. Counting facets is then a sequential scan of a
 * few integers per matched document instead of chasing nine small arrays per document (which measured 10× slower at
 * 110,000 documents). A replaced document's old run is left behind as garbage until the generation is rebuilt (by
 * replaceAll, or by the engine's compaction once dead slots outnumber live ones).
 */
class FacetColumns {
  private data = new Int32Array(4096);
  private used = 0;
  private start = new Int32Array(1024);
  private end = new Int32Array(1024);

  /** Per value code, the slots that had the value (stale slots of replaced documents included; see markMatching). */
  private readonly slotsByCode: Int32Array[] = [];
  private readonly slotsByCodeLength: number[] = [];

  set(slot: number, codes: readonly number[]): void {
    for (const code of codes) {
      let slots = this.slotsByCode[code];
      const used = this.slotsByCodeLength[code] ?? 0;
      if (slots === undefined || used === slots.length) {
        slots = grow(slots ?? new Int32Array(0), Math.max(16, used * 2));
        this.slotsByCode[code] = slots;
      }
      slots[used] = slot;
      this.slotsByCodeLength[code] = used + 1;
    }
    if (slot >= this.start.length) {
      const size = Math.max(slot + 1, this.start.length * 2);
      this.start = grow(this.start, size);
      this.end = grow(this.end, size);
    }
    if (this.used + codes.length > this.data.length) {
      this.data = grow(this.data, Math.max(this.used + codes.length, this.data.length * 2));
    }
    this.start[slot] = this.used;
    this.data.set(codes, this.used);
    this.used += codes.length;
    this.end[slot] = this.used;
  }

  clear(slot: number): void {
    if (slot < this.start.length) this.end[slot] = this.start[slot] as number;
  }

  /**
   * Give back the room the arrays grew into while a generation was built (doubling leaves up to half of each
   * unused: about 6 MiB at 10,000 companies). Writes after it grow them again as needed.
   */
  trim(): void {
    if (this.data.length > this.used) this.data = this.data.slice(0, this.used);
    this.slotsByCode.forEach((slots, code) => {
      const used = this.slotsByCodeLength[code] ?? 0;
      if (slots.length > used) this.slotsByCode[code] = slots.slice(0, used);
    });
  }

  /** Add one to `tally[code]` for every value of the first `count` slots. */
  count(slots: Int32Array, count: number, tally: Int32Array): void {
    const { data, start, end } = this;
    for (let i = 0; i < count; i += 1) {
      const slot = slots[i] as number;
      for (let k = start[slot] as number, last = end[slot] as number; k < last; k += 1) {
        const code = data[k] as number;
        tally[code] = (tally[code] as number) + 1;
      }
    }
  }

  /**
   * Mark the slots that have, for every group of codes (one group per filtered facet), at least one of the group's
   * values: afterwards `passed[slot] === groups.length` exactly for them. Working from the values' slot lists costs
   * the size of those lists, where testing every candidate's values cost all their values (a filtered browse at
   * 110,000 documents went from ~20 ms to ~1 ms). Stale slots of replaced or removed documents may be marked too;
   * callers only ask about live slots.
   */
  markMatching(groups: readonly (readonly number[])[], passed: Uint8Array): void {
    groups.forEach((codes, g) => {
      for (const code of codes) {
        const slots = this.slotsByCode[code];
        if (slots === undefined) continue;
        for (let k = 0, n = this.slotsByCodeLength[code] ?? 0; k < n; k += 1) {
          const slot = slots[k] as number;
          // Only slots that passed every earlier group advance; a second value of the same facet changes nothing.
          if (passed[slot] === g) passed[slot] = g + 1;
        }
      }
    });
  }
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

function growFloat(array: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(size);
  next.set(array);
  return next;
}

function growBytes(array: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(size);
  next.set(array);
  return next;
}

/**
 * Sort key approximating Danish collation with plain string comparison: æ, ø, å sort after z, in that order.
 * (A collator per comparison was ~10× slower when sorting 110,000 names.)
 */
export function nameSortKey(name: string): string {
  return normalizeText(name).replace(/[æøå]/g, (c) => (c === 'æ' ? '{' : c === 'ø' ? '|' : '}'));
}

/**
 * A batch's documents are copied when they are validated, so a caller changing them before the queued write runs
 * cannot desynchronise the index. A rebuild copies eight lists for each of 108,000 documents at 10,000 companies,
 * and lists repeat a lot, so equal lists of a batch are copied once, found by a hash of their items; the copies live
 * only until the batch's write has finished (ListColumns codes them).
 */
class ListSharer {
  private readonly hashes = new Map<string, number>();
  private readonly lists = new Map<number, Array<readonly string[]>>();

  list(items: readonly string[]): readonly string[] {
    let hash = items.length;
    for (const item of items) hash = (Math.imul(hash, 31) + this.hash(item)) | 0;
    const bucket = this.lists.get(hash);
    const known = bucket?.find((list) => list.length === items.length && list.every((item, i) => item === items[i]));
    if (known) return known;
    const list = Object.freeze([...items]);
    if (bucket) bucket.push(list);
    else this.lists.set(hash, [list]);
    return list;
  }

  /** FNV-1a over UTF-16 code units, once per distinct string. */
  private hash(value: string): number {
    let hash = this.hashes.get(value);
    if (hash !== undefined) return hash;
    hash = 0x811c9dc5;
    for (let i = 0; i < value.length; i += 1) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
    this.hashes.set(value, hash);
    return hash;
  }
}

function snapshot(doc: SearchDocument, sharer: ListSharer): SearchDocument {
  const copy = { ...doc };
  for (const field of LIST_FIELDS) copy[field] = sharer.list(doc[field]) as string[];
  return Object.freeze(copy);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type BrowseSort = Exclude<SearchSort, 'relevance'>;

/** Full orders of live slots for each sort; ties end on the id so every order is total. */
const ORDERS: Record<BrowseSort, (store: DocumentStore) => (a: number, b: number) => number> = {
  name:
    ({ nameKeys, ids }) =>
    (a, b) =>
      compareStrings(nameKeys[a] as string, nameKeys[b] as string) ||
      compareStrings(ids[a] as string, ids[b] as string),
  priceAsc: (store) => {
    const { prices } = store;
    const byName = ORDERS.name(store);
    return (a, b) => {
      const pa = prices[a] as number;
      const pb = prices[b] as number;
      if (pa !== pb) {
        // "Price on request" (NaN) goes last; NaN !== NaN, so two of them land here and tie, compared by name.
        if (Number.isNaN(pa)) return Number.isNaN(pb) ? byName(a, b) : 1;
        if (Number.isNaN(pb)) return -1;
        return pa - pb;
      }
      return byName(a, b);
    };
  },
  newest:
    ({ updatedAt, ids }) =>
    (a, b) =>
      (updatedAt[b] as number) - (updatedAt[a] as number) || compareStrings(ids[a] as string, ids[b] as string),
};

type FacetCounts = SearchResponse['facets'];
/**
 * The documents' descriptions, stored as numbers. They are most of a document's bytes (at 10,000
 * companies about 90 MB as strings) but are read only to show a page of hits or to take a replaced
 * document's words out of the index. Each text is cut into words with the spacing that follows
 * them; every distinct piece is kept once in a vocabulary and the text as its pieces' numbers
 * (variable-length, one byte for the 128 commonest), in 1 MiB chunks. About a third of the bytes,
 * and exact for any string. General-purpose compressors were tried first: zlib and fflate cost
 * 4–10× the index's build time on texts this short. Space of replaced documents is reclaimed when
 * the generation is rebuilt.
 */
class TextArena {
  private static readonly CHUNK = 1 << 20;
  private static readonly PIECES = /\S+\s*|\s+/g;
  private readonly numbers = new Map<string, number>();
  private readonly pieces: string[] = [];
  private readonly chunks: Uint8Array[] = [];
  private used = TextArena.CHUNK;
  private scratch = new Uint8Array(4096);

  /** Stores the text; returns [location, stored length in bytes]. */
  put(text: string): [number, number] {
    // Five bytes per piece at most; a piece is at least one character.
    if (this.scratch.length < 5 * text.length) this.scratch = new Uint8Array(5 * text.length);
    const bytes = this.scratch;
    let length = 0;
    for (const [piece] of text.matchAll(TextArena.PIECES)) {
      let number = this.numbers.get(piece);
      if (number === undefined) {
        number = this.pieces.length;
        // A piece is a slice of the text, and V8 keeps a long slice as a view that holds the whole text alive
        // (about 2.4 MiB of descriptions at 10,000 companies); concatenating and slicing again makes a piece whose
        // parent is itself and one space.
        const own = ` ${piece}`.slice(1);
        this.numbers.set(own, number);
        this.pieces.push(own);
      }
      while (number >= 0x80) {
        bytes[length++] = (number & 0x7f) | 0x80;
        number >>>= 7;
      }
      bytes[length++] = number;
    }
    if (length === 0) return [0, 0];
    if (length > TextArena.CHUNK) throw new RangeError("a document's descriptions are too long to store");
    if (this.used + length > TextArena.CHUNK) {
      this.chunks.push(new Uint8Array(TextArena.CHUNK));
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    (this.chunks[chunk] as Uint8Array).set(bytes.subarray(0, length), this.used);
    const location = chunk * TextArena.CHUNK + this.used;
    this.used += length;
    return [location, length];
  }

  get(location: number, length: number): string {
    const chunk = this.chunks[Math.floor(location / TextArena.CHUNK)] as Uint8Array;
    const start = location % TextArena.CHUNK;
    let text = '';
    let number = 0;
    let shift = 0;
    for (let at = start; at < start + length; at += 1) {
      const byte = chunk[at] as number;
      number |= (byte & 0x7f) << shift;
      if (byte & 0x80) {
        shift += 7;
        continue;
      }
      text += this.pieces[number];
      number = 0;
      shift = 0;
    }
    return text;
  }
}

/**
 * The documents of a generation, by slot, in columns. Held as objects (a frozen copy, its property array, an index
 * entry and a sort key each), the 108,000 documents of 10,000 companies took about 50 MiB of the serving process;
 * in columns the heap at start went from 239 to 213 MiB. Strings are kept once where they repeat, lists as
 * numbers of distinct lists (ListColumns), numbers in typed arrays, descriptions in the TextArena; a hit's document
 * is put together again for the page it is shown on, with the schema's fields only (in its order) and an
 * undefined confirmedAt as absent. Written here because it is the index's layout.
 */
class DocumentStore {
  private readonly texts = new TextArena();
  private readonly lists = new ListColumns();
  private readonly strings = new Map<string, string>();
  /** Per slot; undefined once the slot's document was replaced or removed. */
  readonly ids: (string | undefined)[] = [];
  private readonly names: (string | undefined)[] = [];
  private readonly slugs: (string | undefined)[] = [];
  /** Precomputed so sorting compares plain strings instead of running a collator per comparison. */
  readonly nameKeys: (string | undefined)[] = [];
  /** Values that repeat (kind, owner's name, size band), each kept once (see `shared`). */
  private readonly kinds: (SearchDocument['kind'] | undefined)[] = [];
  private readonly companyNames: (string | undefined)[] = [];
  private readonly sizeBands: (string | undefined)[] = [];
  /** priceFrom with NaN for "on request" (null), which every price comparison then excludes. */
  prices = new Float64Array(1024);
  updatedAt = new Float64Array(1024);
  /** confirmedAt, NaN when null or absent; `confirmed` tells those apart (0 absent, 1 null, 2 a time). */
  private confirmedAt = new Float64Array(1024);
  private confirmed = new Uint8Array(1024);
  smeFit = new Uint8Array(1024);
  /** The owner's slug as a code (the company filter compares codes), and each code's slug. */
  companies = new Int32Array(1024);
  private readonly companyCodes = new Map<string, number>();
  private readonly companySlugs: string[] = [];
  /** Where the descriptions are (TextArena.put), and the Danish one's length in their joined text. */
  private textsAt = new Float64Array(1024);
  private textsLength = new Int32Array(1024);
  private daLength = new Int32Array(1024);

  /** Stores the document's descriptions: the step that can refuse (an over-long text), so it comes first. */
  storeTexts(doc: SearchDocument): [number, number] {
    return this.texts.put(doc.descriptionDa + doc.descriptionEn);
  }

  set(slot: number, doc: SearchDocument, [at, length]: [number, number]): void {
    if (slot >= this.prices.length) {
      const size = Math.max(slot + 1, this.prices.length * 2);
      this.prices = growFloat(this.prices, size);
      this.updatedAt = growFloat(this.updatedAt, size);
      this.confirmedAt = growFloat(this.confirmedAt, size);
      this.confirmed = growBytes(this.confirmed, size);
      this.smeFit = growBytes(this.smeFit, size);
      this.companies = grow(this.companies, size);
      this.textsAt = growFloat(this.textsAt, size);
      this.textsLength = grow(this.textsLength, size);
      this.daLength = grow(this.daLength, size);
    }
    this.ids[slot] = doc.id;
    this.names[slot] = doc.name;
    this.slugs[slot] = doc.slug;
    this.nameKeys[slot] = nameSortKey(doc.name);
    this.kinds[slot] = this.shared(doc.kind);
    this.companies[slot] = this.companyCode(doc.companySlug, true);
    this.companyNames[slot] = this.shared(doc.companyName);
    this.sizeBands[slot] = this.shared(doc.sizeBand);
    this.prices[slot] = doc.priceFrom ?? Number.NaN;
    this.updatedAt[slot] = doc.updatedAt;
    this.confirmed[slot] = doc.confirmedAt === undefined ? 0 : doc.confirmedAt === null ? 1 : 2;
    this.confirmedAt[slot] = doc.confirmedAt ?? Number.NaN;
    this.smeFit[slot] = doc.smeFit ? 1 : 0;
    this.textsAt[slot] = at;
    this.textsLength[slot] = length;
    this.daLength[slot] = doc.descriptionDa.length;
    this.lists.set(slot, doc);
  }

  /** Lets go of a replaced or removed document's strings; its numbers and list codes stay until a rebuild. */
  clear(slot: number): void {
    const columns = [this.ids, this.names, this.slugs, this.nameKeys, this.kinds, this.companyNames, this.sizeBands];
    for (const column of columns) column[slot] = undefined;
  }

  /** The whole document, descriptions inflated: a new frozen object each time, fields in the schema's order. */
  get(slot: number): SearchDocument {
    const id = this.ids[slot];
    if (id === undefined) throw new Error(`no live document at slot ${slot}`);
    const texts = this.texts.get(this.textsAt[slot] as number, this.textsLength[slot] as number);
    const daLength = this.daLength[slot] as number;
    const lists = this.lists.get(slot);
    const price = this.prices[slot] as number;
    const confirmed = this.confirmed[slot] as number;
    const doc: SearchDocument = {
      id,
      kind: this.kinds[slot] as SearchDocument['kind'],
      slug: this.slugs[slot] as string,
      name: this.names[slot] as string,
      companySlug: this.companySlugs[this.companies[slot] as number] as string,
      companyName: this.companyNames[slot] as string,
      descriptionDa: texts.slice(0, daLength),
      descriptionEn: texts.slice(daLength),
      keywords: lists.keywords,
      needs: lists.needs,
      categories: lists.categories,
      csfFunctions: lists.csfFunctions,
      certifications: lists.certifications,
      regions: lists.regions,
      municipalities: lists.municipalities,
      sizeBand: this.sizeBands[slot] as string,
      languages: lists.languages,
      priceFrom: Number.isNaN(price) ? null : price,
      smeFit: this.smeFit[slot] === 1,
      updatedAt: this.updatedAt[slot] as number,
    };
    if (confirmed !== 0) doc.confirmedAt = confirmed === 1 ? null : (this.confirmedAt[slot] as number);
    return Object.freeze(doc);
  }

  /**
   * The one copy of a value that repeats across documents: each document arrives with fresh strings, and a
   * company's name and slug are on every one of its products. Kept per generation, so values no document uses
   * any more go with it.
   */
  private shared<T extends string>(value: T): T {
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  /** The code of a company slug; -1 for one no document has, unless `add` gives it a new code. */
  companyCode(slug: string, add = false): number {
    let code = this.companyCodes.get(slug);
    if (code === undefined) {
      if (!add) return -1;
      code = this.companySlugs.push(slug) - 1;
      this.companyCodes.set(slug, code);
    }
    return code;
  }

  /** Give back the room the list column grew into while a generation was built. */
  trim(): void {
    this.lists.trim();
  }
}

/**
 * Every document's lists (keywords and the facet lists), as numbers of distinct lists. Lists repeat a lot (a
 * product's keywords follow from its needs and categories), so each distinct list is kept once, as codes into one
 * vocabulary of the values: 2 bytes a value up to 65,536 distinct values (codes below 0x10000), 4 bytes after. A
 * slot takes 4 bytes per list field. Lists no document uses any more stay until the generation is rebuilt, as
 * replaced documents' runs do in FacetColumns.
 */
class ListColumns {
  private static readonly FIELDS = LIST_FIELDS.length;
  /** Per slot, FIELDS list numbers, in LIST_FIELDS order. */
  private bySlot = new Int32Array(1024 * ListColumns.FIELDS);
  /** List k's codes are data[starts[k] .. starts[k + 1]). */
  private data: Uint16Array | Uint32Array = new Uint16Array(4096);
  private starts = new Int32Array(1024);
  private count = 0;
  /** List numbers by a hash of their codes: one number, or several that share a hash. */
  private readonly byHash = new Map<number, number | number[]>();
  private readonly codes = new Map<string, number>();
  private readonly values: string[] = [];

  set(slot: number, doc: SearchDocument): void {
    const F = ListColumns.FIELDS;
    if ((slot + 1) * F > this.bySlot.length)
      this.bySlot = grow(this.bySlot, Math.max((slot + 1) * F, this.bySlot.length * 2));
    LIST_FIELDS.forEach((field, f) => {
      this.bySlot[slot * F + f] = this.list(doc[field]);
    });
  }

  get(slot: number): Record<ListField, string[]> {
    const { data, values, starts, bySlot } = this;
    const lists = {} as Record<ListField, string[]>;
    LIST_FIELDS.forEach((field, f) => {
      const list = bySlot[slot * ListColumns.FIELDS + f] as number;
      const from = starts[list] as number;
      lists[field] = Array.from(data.subarray(from, starts[list + 1] as number), (code) => values[code] as string);
    });
    return lists;
  }

  trim(): void {
    const used = this.starts[this.count] as number;
    if (this.data.length > used) this.data = this.data.slice(0, used);
    if (this.starts.length > this.count + 1) this.starts = this.starts.slice(0, this.count + 1);
  }

  /** The number of the list with these values, a new one if no list had them. */
  private list(items: readonly string[]): number {
    const codes = items.map((value) => this.code(value));
    let hash = codes.length;
    for (const code of codes) hash = (Math.imul(hash, 31) + code) | 0;
    const known = this.byHash.get(hash);
    for (const list of typeof known === 'number' ? [known] : (known ?? [])) {
      if (this.holds(list, codes)) return list;
    }
    const list = this.append(codes);
    if (known === undefined) this.byHash.set(hash, list);
    else if (typeof known === 'number') this.byHash.set(hash, [known, list]);
    else known.push(list);
    return list;
  }

  private holds(list: number, codes: readonly number[]): boolean {
    const from = this.starts[list] as number;
    if ((this.starts[list + 1] as number) - from !== codes.length) return false;
    return codes.every((code, k) => this.data[from + k] === code);
  }

  private append(codes: readonly number[]): number {
    const used = this.starts[this.count] as number;
    let { data } = this;
    if (this.values.length > 0x10000 && data instanceof Uint16Array) data = Uint32Array.from(data);
    if (used + codes.length > data.length) {
      const next = new (data instanceof Uint16Array ? Uint16Array : Uint32Array)(
        Math.max(used + codes.length, data.length * 2),
      );
      next.set(data);
      data = next;
    }
    data.set(codes, used);
    this.data = data;
    if (this.count + 2 > this.starts.length) this.starts = grow(this.starts, this.starts.length * 2);
    this.starts[this.count + 1] = used + codes.length;
    this.count += 1;
    return this.count - 1;
  }

  private code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

/** A sort order as slots, and each slot's position in it. */
interface SortOrder {
  order: Int32Array;
  rank: Int32Array;
}

/** A compiled filter over slots, or undefined when nothing is filtered. */
type SlotFilter = ((slot: number) => boolean) | undefined;

let passedBuffer = new Uint8Array(1024);

/** A zeroed per-slot byte array for a filter (reused: filters live only during one synchronous search). */
function passedScratch(size: number): Uint8Array {
  if (passedBuffer.length < size) passedBuffer = new Uint8Array(Math.max(size, passedBuffer.length * 2));
  passedBuffer.fill(0, 0, size);
  return passedBuffer;
}

/** One complete index: the text index, the documents, per-slot filter and facet columns, and caches. */
class Generation {
  readonly text = new TextIndex();
  /** The documents, by slot. */
  private readonly store = new DocumentStore();
  /** The live documents' slots by id, in insertion order (a removed and re-added id goes last; an upsert keeps its place). */
  readonly entries = new Map<string, number>();
  private ordinals = new Int32Array(1024);
  /** Ordinals of removed ids, so a removed and re-added document keeps its place among equal scores. */
  private readonly retired = new Map<string, number>();
  private nextOrdinal = 0;
  /** Per facet: value → code in the shared code space; per code: its value and facet index. Never reused. */
  private readonly dictionaries = FACETS.map(() => new Map<string, number>());
  private readonly codeValues: string[] = [];
  private codeFacets = new Int32Array(256);
  private readonly columns = new FacetColumns();
  private all: Int32Array | undefined;
  private sortRanks = new Map<BrowseSort, SortOrder>();
  private allFacets: FacetCounts | undefined;

  /** Slots used, live and dead: every upsert takes a new slot, so writes grow it until a rebuild. */
  get slotsUsed(): number {
    return this.text.slotCount;
  }

  /**
   * A new generation to rebuild into that keeps this one's tie order: the same ordinals for the live documents
   * (put back with `put(doc, ordinal)` in `entries` order) and for removed ids.
   */
  successor(): Generation {
    const next = new Generation();
    for (const [id, ordinal] of this.retired) next.retired.set(id, ordinal);
    next.nextOrdinal = this.nextOrdinal;
    return next;
  }

  /**
   * Finish a generation built in bulk before it serves: its text index compacted (so the first search does not pay
   * for it; a field per step, yielding between them) and its facet and list columns trimmed.
   */
  async complete(): Promise<void> {
    const sealing = this.text.sealing();
    while (sealing.next().done !== true) await yieldToEventLoop();
    this.columns.trim();
    this.store.trim();
  }

  put(doc: SearchDocument, keepOrdinal?: number): void {
    // Stored first: it is the step that can refuse (an over-long text), before anything changed.
    const texts = this.store.storeTexts(doc);
    const previous = this.entries.get(doc.id);
    if (previous !== undefined) this.unindex(previous);
    const ordinal =
      keepOrdinal ??
      (previous === undefined ? undefined : this.ordinalOf(previous)) ??
      this.retired.get(doc.id) ??
      this.nextOrdinal++;
    this.retired.delete(doc.id);
    const slot = this.text.add(toIndexedText(doc));
    if (slot >= this.ordinals.length) {
      const size = Math.max(slot + 1, this.ordinals.length * 2);
      this.ordinals = grow(this.ordinals, size);
    }
    this.ordinals[slot] = ordinal;
    this.store.set(slot, doc, texts);
    this.columns.set(slot, this.encode(doc));
    // Map.set on an existing key keeps its position, so browse order stays stable across upserts.
    this.entries.set(doc.id, slot);
    this.invalidate();
  }

  delete(id: string): void {
    const slot = this.entries.get(id);
    if (slot === undefined) return;
    this.unindex(slot);
    this.retired.set(id, this.ordinalOf(slot));
    this.entries.delete(id);
    this.invalidate();
  }

  /** The whole document at a live slot, descriptions inflated: a new frozen object each time. */
  document(slot: number): SearchDocument {
    return this.store.get(slot);
  }

  private unindex(slot: number): void {
    this.text.remove(slot, toIndexedText(this.document(slot)));
    this.store.clear(slot);
    this.columns.clear(slot);
  }

  ordinalOf(slot: number): number {
    return this.ordinals[slot] as number;
  }

  /** The slot of every entry in insertion order (cached until the next write). */
  everything(): Int32Array {
    this.all ??= Int32Array.from(this.entries.values());
    return this.all;
  }

  /** The slot of every entry in the given order, and each slot's position in it (cached until the next write). */
  ordered(sort: BrowseSort): SortOrder {
    let cached = this.sortRanks.get(sort);
    if (cached === undefined) {
      const order = Int32Array.from(this.entries.values()).sort(ORDERS[sort](this.store));
      const rank = new Int32Array(this.text.slotCount);
      for (let position = 0; position < order.length; position += 1) rank[order[position] as number] = position;
      cached = { order, rank };
      this.sortRanks.set(sort, cached);
    }
    return cached;
  }

  /** Facet counts over the first `count` slots; over everything, the counts are cached until the next write. */
  countFacets(slots: Int32Array, count: number, facets: readonly FacetName[], all: boolean): FacetCounts {
    if (all && this.allFacets !== undefined) return pick(this.allFacets, facets);
    const tally = new Int32Array(this.codeValues.length);
    this.columns.count(slots, count, tally);
    const counts = emptyFacetCounts();
    const wanted = new Uint8Array(FACETS.length);
    FACETS.forEach((facet, f) => {
      if (all || facets.includes(facet)) wanted[f] = 1;
    });
    for (let code = 0; code < tally.length; code += 1) {
      const n = tally[code] as number;
      const f = this.codeFacets[code] as number;
      if (n > 0 && wanted[f] === 1) counts[FACETS[f] as FacetName][this.codeValues[code] as string] = n;
    }
    if (all) {
      this.allFacets = counts;
      return pick(counts, facets);
    }
    return counts;
  }

  /** A predicate over slots for the filters, or undefined when nothing is filtered. */
  compile(filters: NormalizedFilters): SlotFilter {
    const groups: number[][] = [];
    let impossible = false;
    FACETS.forEach((facet, f) => {
      const selected = filters.facets[facet];
      if (selected === undefined) return;
      const dictionary = this.dictionaries[f] as Map<string, number>;
      const codes = selected.map((value) => dictionary.get(value)).filter((code) => code !== undefined);
      // A facet filter on values no document has can match nothing.
      if (codes.length === 0) impossible = true;
      groups.push(codes);
    });
    const { smeFit, maxPrice, companySlug } = filters;
    const company = companySlug === undefined ? -1 : this.store.companyCode(companySlug);
    // A filter on a company no document has can match nothing.
    if (impossible || (companySlug !== undefined && company === -1)) return () => false;
    if (groups.length === 0 && smeFit === undefined && maxPrice === undefined && companySlug === undefined) {
      return undefined;
    }
    const required = groups.length;
    const passed = required === 0 ? undefined : passedScratch(this.text.slotCount);
    if (passed !== undefined) this.columns.markMatching(groups, passed);
    const { smeFit: smeFits, prices, companies } = this.store;
    const sme = smeFit === undefined ? -1 : smeFit ? 1 : 0;
    return (slot) => {
      if (passed !== undefined && passed[slot] !== required) return false;
      if (sme !== -1 && smeFits[slot] !== sme) return false;
      // NaN (price on request) fails every comparison, so it is excluded by a price limit.
      if (maxPrice !== undefined && !((prices[slot] as number) <= maxPrice)) return false;
      return company === -1 || companies[slot] === company;
    };
  }

  /** The document's distinct facet value codes; new values get new codes. */
  private encode(doc: SearchDocument): number[] {
    const codes: number[] = [];
    FACETS.forEach((facet, f) => {
      const value = doc[facet];
      const dictionary = this.dictionaries[f] as Map<string, number>;
      for (const v of typeof value === 'string' ? [value] : value) {
        let code = dictionary.get(v);
        if (code === undefined) {
          code = this.codeValues.length;
          dictionary.set(v, code);
          this.codeValues.push(v);
          if (code >= this.codeFacets.length) this.codeFacets = grow(this.codeFacets, this.codeFacets.length * 2);
          this.codeFacets[code] = f;
        }
        // A document counts once per value even if its list repeats it (Meilisearch counts documents).
        if (!codes.includes(code)) codes.push(code);
      }
    });
    return codes;
  }

  private invalidate(): void {
    if (this.sortRanks.size > 0) this.sortRanks = new Map();
    this.allFacets = undefined;
    this.all = undefined;
  }
}

function pick(counts: FacetCounts, facets: readonly FacetName[]): FacetCounts {
  const out = emptyFacetCounts();
  for (const facet of facets) out[facet] = { ...counts[facet] };
  return out;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The slots at positions [offset, offset + limit) of `slots[0..count)` in the order `before` defines (negative:
 * a first). Sorting every match to show twenty of them was the largest cost of a common word at 110,000 documents;
 * a bounded max-heap of the first offset + limit does it in one pass, and a full sort is used when the page reaches
 * that deep anyway.
 */
function selectPage(
  slots: Int32Array,
  count: number,
  offset: number,
  limit: number,
  before: (a: number, b: number) => number,
): number[] {
  const wanted = Math.min(offset + limit, count);
  if (limit === 0 || offset >= count) return [];
  if (wanted * 4 >= count) {
    return Array.from(slots.subarray(0, count)).sort(before).slice(offset, wanted);
  }
  // heap[0] is the worst of the best `wanted` seen so far.
  const heap: number[] = [];
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && before(heap[left] as number, heap[worst] as number) > 0) worst = left;
      if (right < heap.length && before(heap[right] as number, heap[worst] as number) > 0) worst = right;
      if (worst === i) return;
      const swap = heap[i] as number;
      heap[i] = heap[worst] as number;
      heap[worst] = swap;
      i = worst;
    }
  };
  for (let k = 0; k < count; k += 1) {
    const slot = slots[k] as number;
    if (heap.length < wanted) {
      heap.push(slot);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (before(heap[i] as number, heap[parent] as number) <= 0) break;
        const swap = heap[i] as number;
        heap[i] = heap[parent] as number;
        heap[parent] = swap;
        i = parent;
      }
    } else if (before(slot, heap[0] as number) < 0) {
      heap[0] = slot;
      siftDown(0);
    }
  }
  return heap.sort(before).slice(offset, wanted);
}

interface Result {
  /** Number of matching documents after filtering. */
  total: number;
  /** The requested page: live slots in order, with their relevance score (0 when browsing). */
  page: { slot: number; score: number }[];
  facets: FacetCounts;
}

/**
 * Scratch space for the filtered matches of one search. Searches are synchronous, so one buffer serves them all;
 * allocating ~0.5 MB per search of a common word kept the garbage collector busy at 110,000 documents.
 */
let scratch = new Int32Array(1024);

function scratchFor(size: number): Int32Array {
  if (scratch.length < size) scratch = new Int32Array(Math.max(size, scratch.length * 2));
  return scratch;
}

/** Copy into scratch the first `count` slots of `source` that pass the filter; returns how many passed. */
function keepAccepted(source: Int32Array, count: number, accept: (slot: number) => boolean, into: Int32Array): number {
  let kept = 0;
  for (let k = 0; k < count; k += 1) {
    const slot = source[k] as number;
    if (accept(slot)) {
      into[kept] = slot;
      kept += 1;
    }
  }
  return kept;
}

function findMatches(generation: Generation, request: NormalizedRequest): Result {
  const accept = generation.compile(request.filters);
  const query = parseQuery(request.query);
  const { offset, limit, facets: wanted } = request;
  const countFacets = (slots: Int32Array, count: number, everything: boolean): FacetCounts =>
    wanted.length === 0 ? emptyFacetCounts() : generation.countFacets(slots, count, wanted, everything);
  if (query.units.length === 0) {
    // Browse: an empty query (or one made only of stop words) lists everything, in insertion order or sorted.
    const source = request.sort === 'relevance' ? generation.everything() : generation.ordered(request.sort).order;
    let slots = source;
    let count = source.length;
    if (accept !== undefined) {
      slots = scratchFor(source.length);
      count = keepAccepted(source, source.length, accept, slots);
    }
    const page = Array.from(slots.subarray(offset, Math.min(offset + limit, count)), (slot) => ({ slot, score: 0 }));
    return { total: count, page, facets: countFacets(slots, count, accept === undefined) };
  }
  const matches = evaluateQuery(generation.text, query);
  try {
    const { ids, scores } = matches;
    let slots = ids;
    let count = ids.length;
    if (accept !== undefined) {
      slots = scratchFor(ids.length);
      count = keepAccepted(ids, ids.length, accept, slots);
    }
    let before: (a: number, b: number) => number;
    if (request.sort === 'relevance') {
      // Best first; equal scores in the order the documents were first added, so pages are stable.
      before = (a, b) =>
        (scores[b] as number) - (scores[a] as number) || generation.ordinalOf(a) - generation.ordinalOf(b);
    } else {
      const { rank } = generation.ordered(request.sort);
      before = (a, b) => (rank[a] as number) - (rank[b] as number);
    }
    const page = selectPage(slots, count, offset, limit, before).map((slot) => ({
      slot,
      score: scores[slot] as number,
    }));
    // Counted before the matches go back to the matcher's pool, which reuses their arrays.
    return { total: count, page, facets: countFacets(slots, count, false) };
  } finally {
    releaseMatches(matches);
  }
}

class EmbeddedEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private current = new Generation();
  private writes: Promise<unknown> = Promise.resolve();
  private closed = false;

  get slotsUsed(): number {
    return this.current.slotsUsed;
  }

  async ensureIndex(): Promise<void> {
    this.assertOpen();
  }

  async count(): Promise<number> {
    this.assertOpen();
    return this.current.entries.size;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    const docs = this.validated(documents);
    return this.serialize(async () => {
      const generation = this.current;
      for (let i = 0; i < docs.length; i += 1) {
        generation.put(docs[i] as SearchDocument);
        if ((i + 1) % CHUNK_SIZE === 0) await yieldToEventLoop();
      }
      await this.compactIfWasteful();
    });
  }

  async remove(ids: string[]): Promise<void> {
    this.assertOpen();
    return this.serialize(async () => {
      for (const id of ids) this.current.delete(id);
      await this.compactIfWasteful();
    });
  }

  /**
   * Every upsert takes a new slot and leaves the old one dead, and per-slot arrays and per-query work grow with slots,
   * not documents. Once dead slots outnumber live ones (past a floor, so small indexes never bother), rebuild the live
   * documents into a fresh generation in the background, with their tie order kept, and swap it in: what a long-running
   * server's change feed writes then stays bounded by twice the directory.
   */
  private async compactIfWasteful(): Promise<void> {
    const generation = this.current;
    if (generation.slotsUsed <= 2 * generation.entries.size + COMPACTION_FLOOR) return;
    const next = generation.successor();
    let i = 0;
    for (const slot of generation.entries.values()) {
      next.put(generation.document(slot), generation.ordinalOf(slot));
      i += 1;
      if (i % CHUNK_SIZE === 0) await yieldToEventLoop();
    }
    await next.complete();
    if (!this.closed) this.current = next;
  }

  async replaceAll(documents: SearchDocument[]): Promise<void> {
    const docs = this.validated(documents);
    return this.serialize(async () => {
      const next = new Generation();
      for (let i = 0; i < docs.length; i += 1) {
        next.put(docs[i] as SearchDocument);
        if ((i + 1) % CHUNK_SIZE === 0) await yieldToEventLoop();
      }
      await next.complete();
      if (!this.closed) this.current = next;
    });
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    this.assertOpen();
    const started = performance.now();
    const normalized = normalizeRequest(request);
    // Everything below is synchronous on one generation: a concurrent write or swap cannot tear the result.
    const generation = this.current;
    const { total, page, facets } = findMatches(generation, normalized);
    return {
      hits: page.map(({ slot, score }) => ({ document: generation.document(slot), score })),
      total,
      facets,
      tookMs: performance.now() - started,
    };
  }

  async isReady(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.writes;
    this.current = new Generation();
  }

  private validated(documents: readonly SearchDocument[]): SearchDocument[] {
    this.assertOpen();
    // Validate everything before the first write so a bad document cannot leave a batch half applied.
    const sharer = new ListSharer();
    return documents.map((doc) => {
      assertSearchDocument(doc);
      return snapshot(doc, sharer);
    });
  }

  private serialize(task: () => Promise<void>): Promise<void> {
    const run = this.writes.then(task);
    // Keep the queue alive after a failed write; the failure is reported to that write's caller.
    this.writes = run.catch(() => undefined);
    return run;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('search engine is closed');
  }
}

/** The embedded engine; `slotsUsed` (live and dead slots of the serving index) is for tests and benchmarks. */
export function createEmbeddedEngine(): SearchEngine & { readonly slotsUsed: number } {
  return new EmbeddedEngine();
}
