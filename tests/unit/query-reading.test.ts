import { describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../../search/embedded';
import type { SearchDocument } from '../../search/types';
import {
  agreement,
  compileLexicon,
  editDistance,
  type QueryReading,
  readQuery,
  searchAsRead,
  splitKnownCompound,
} from '../../search/understand';
import { queryLexicon } from '../../src/use-cases/query-lexicon';
import { bareListing } from '../fixtures/search-documents';

/**
 * Query reading (search/understand.ts) with the product's lexicon (the needs catalogue and
 * graph/data/query-reading.json), and the read search on the embedded engine. The relevance figures
 * over the judged sets are held by relevance-floor.test.ts; these are the rules one by one.
 */
const lexicon = queryLexicon();
const read = (query: string): QueryReading => readQuery(query, lexicon);
const needsOf = (reading: QueryReading): string[] =>
  reading.kind === 'needs' || reading.kind === 'urgent' ? reading.needs : [];

describe('reading a query', () => {
  it('reads an attack in progress as urgent, in Danish and English, as a word, a sentence or a symptom', () => {
    for (const query of [
      'hacket',
      'vi er blevet hacket',
      'vores filer er krypteret',
      'de kræver løsesum',
      'we are under attack',
      'our files are encrypted',
      'vi har fået en virus',
      'ransomware',
      'ransomwareangreb',
    ]) {
      const reading = read(query);
      expect(reading.kind, query).toBe('urgent');
      expect(needsOf(reading), query).toEqual(['akut-hjaelp-ved-angreb']);
    }
  });

  it('reads prevention of an attack as the needs that prevent it, not as an emergency', () => {
    const reading = read('hvordan beskytter vi os mod ransomware');
    expect(reading.kind).toBe('needs');
    expect(needsOf(reading)).not.toContain('akut-hjaelp-ved-angreb');
    expect(needsOf(reading).some((need) => ['backup-og-gendannelse', 'antivirus-og-edr'].includes(need))).toBe(true);
  });

  it('does not take a product question for an attack: nouns, present tense and near-misses are not events', () => {
    for (const query of [
      'kryptere data',
      'hvordan krypterer vi data',
      'encrypted data',
      'encrypted file sharing',
      'etisk hacker',
      'ethical hacker',
      'vi har brug for virusbeskyttelse',
      'har I malwarebeskyttelse',
      'password manager der giver overblik',
      'undervisning om angreb',
      'underleverandører og angreb',
    ]) {
      expect(read(query).kind, query).not.toBe('urgent');
    }
  });

  it('reads prevention of being hacked as prevention, and a stated attack as an attack even in a question', () => {
    for (const query of [
      'hvordan undgår vi at blive hacket',
      'how to avoid getting hacked',
      'beskyttelse mod at blive hacket',
    ]) {
      expect(read(query).kind, query).not.toBe('urgent');
    }
    for (const query of [
      'vi er blevet hacket, hvordan beskytter vi os',
      'we have been hacked how do we protect ourselves',
    ]) {
      expect(read(query).kind, query).toBe('urgent');
    }
  });

  it('takes a code with another digit for another code, and a swap of two characters for a typo', () => {
    expect(needsOf(read('nsi2'))).toEqual(['nis2-krav']);
    expect(needsOf(read('nis1'))).not.toContain('nis2-krav');
  });

  it('leaves the words it did not account for as they were typed', () => {
    expect(read('backup Michael')).toMatchObject({ kind: 'needs', rest: 'michael' });
    expect(read('backup e-conomic')).toMatchObject({ kind: 'needs', rest: 'e-conomic' });
  });

  it('offers the needs beside the emergency that the other words name', () => {
    const reading = read('vores hjemmeside er hacket');
    expect(reading).toMatchObject({
      kind: 'urgent',
      related: expect.arrayContaining(['sikker-hjemmeside-og-webshop']),
    });
  });

  it('answers a word too broad for one need with a short choice', () => {
    for (const [query, includes] of [
      ['virus', 'antivirus-og-edr'],
      ['sikkerhed', 'risikovurdering'],
      ['cyber security', 'risikovurdering'],
      ['krav', 'nis2-krav'],
    ] as const) {
      const reading = read(query);
      expect(reading.kind, query).toBe('broad');
      if (reading.kind !== 'broad') continue;
      expect(reading.choices, query).toContain(includes);
      expect(reading.choices.length, query).toBeLessThanOrEqual(6);
    }
  });

  it('reads a whole catalogue phrase as its need even when its words alone are broad', () => {
    expect(needsOf(read('email security'))).toEqual(['e-mail-og-phishing-beskyttelse']);
    expect(needsOf(read('network security'))).toEqual(['firewall-og-netvaerkssikkerhed']);
  });

  it('reads everyday words, sentences, inflections, compounds and typos as the need they mean', () => {
    for (const [query, need] of [
      ['mistænkelig mail', 'e-mail-og-phishing-beskyttelse'],
      ['suspicious email', 'e-mail-og-phishing-beskyttelse'],
      ['hvad gør vi ved phishing', 'e-mail-og-phishing-beskyttelse'],
      ['skal vi følge NIS2', 'nis2-krav'],
      ['sikkerhedskopierne', 'backup-og-gendannelse'],
      ['backupløsning', 'backup-og-gendannelse'],
      ['phishingbeskyttelse', 'e-mail-og-phishing-beskyttelse'],
      ['gpdr', 'gdpr-og-databeskyttelse'],
      ['penetrasjonstest', 'penetrationstest'],
      ['how do we back up our files', 'backup-og-gendannelse'],
    ] as const) {
      const reading = read(query);
      expect(reading.kind, query).toBe('needs');
      expect(needsOf(reading)[0], query).toBe(need);
    }
  });

  it('keeps needs named by different words, and the words it did not account for', () => {
    expect(needsOf(read('forsikringen kræver tofaktor'))).toEqual(
      expect.arrayContaining(['tofaktor-login', 'klar-til-cyberforsikring']),
    );
    expect(read('backup aarhus')).toMatchObject({ kind: 'needs', needs: ['backup-og-gendannelse'], rest: 'aarhus' });
  });

  it('leaves words it cannot read to the engine', () => {
    expect(read('Nordlys Data ApS').kind).not.toBe('urgent');
    expect(read('qwxz').kind).toBe('words');
    expect(read('').kind).toBe('words');
    expect(read('og i på').kind).toBe('words');
  });

  it('stays quick on long and hostile input', () => {
    const started = performance.now();
    const reading = read(`${'sikkerhedskopieringsløsningsleverandør '.repeat(40)}ransomware`);
    expect(reading.kind).not.toBeUndefined();
    // Not a timing assertion on the machine: a bound that only an accidental quadratic blow-up would break.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('the reading parts', () => {
  it('measures optimal string alignment distance with a swap as one edit, and stops past the limit', () => {
    expect(editDistance('gpdr', 'gdpr', 1)).toBe(1);
    expect(editDistance('hakket', 'hacket', 1)).toBe(1);
    expect(editDistance('fishing', 'phishing', 2)).toBe(2);
    expect(editDistance('website', 'backup', 2)).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBeGreaterThan(1);
  });

  it('splits an unknown compound into two known words, and only into known words', () => {
    expect(splitKnownCompound('backupprogram', lexicon)).toEqual(['backup', 'program']);
    // The linking s may stay: "netværks" has the stem of "netværk".
    expect(splitKnownCompound('netværksscanning', lexicon)).toEqual(['netværks', 'scanning']);
    expect(splitKnownCompound('sårbarhedsrapport', lexicon)).toBeUndefined();
    expect(splitKnownCompound('backup', lexicon)).toBeUndefined();
  });

  it('agrees on stems, inflections, typos and compound parts, and not on unrelated words', () => {
    const word = (text: string) => {
      const entry = lexicon.vocabulary.get(text);
      if (entry === undefined) throw new Error(`${text} is not in the lexicon`);
      return entry;
    };
    expect(agreement('backup', word('backup'))).toBe(1);
    expect(agreement('sikkerhedskopierne', word('sikkerhedskopi'))).toBeGreaterThan(0);
    expect(agreement('phisning', word('phishing'))).toBeGreaterThan(0);
    expect(agreement('overvågning', word('døgnovervågning'))).toBeGreaterThan(0);
    expect(agreement('website', word('backup'))).toBe(0);
    expect(agreement('data', word('dora'))).toBe(0);
  });

  it('compiles any lexicon: a small one reads only its own needs', () => {
    const small = compileLexicon({
      needs: [
        { slug: 'a', phrases: ['backup', 'sikkerhedskopi'] },
        { slug: 'b', phrases: ['firewall'] },
        { slug: 'help', phrases: ['akut hjælp'] },
      ],
      emergencyNeed: 'help',
      broad: [{ terms: ['sikkerhed'], choices: ['a', 'b'] }],
    });
    expect(readQuery('firewal', small)).toMatchObject({ kind: 'needs', needs: ['b'] });
    expect(readQuery('sikkerhed', small)).toEqual({ kind: 'broad', choices: ['a', 'b'] });
    expect(readQuery('vi er hacket', small)).toMatchObject({ kind: 'urgent', needs: ['help'] });
  });
});

function listing(id: string, needs: string[], text: string): SearchDocument {
  return bareListing(id, { needs, descriptionDa: text, regions: needs.length > 1 ? ['1084'] : ['1081'] });
}

describe('searching as read (embedded engine)', () => {
  const documents = [
    listing('product:cloud-backup', ['backup-og-gendannelse'], 'Sikkerhedskopi i skyen med cloud'),
    listing('product:tape', ['backup-og-gendannelse'], 'Bånd i boksen'),
    listing('product:backup-region', ['backup-og-gendannelse', 'beredskabsplan-og-genopretning'], 'Nødplan'),
    listing('product:akut', ['akut-hjaelp-ved-angreb'], 'Døgnvagt ved angreb'),
    listing('product:mail', ['e-mail-og-phishing-beskyttelse'], 'Spamfilter og backup af mails'),
    listing('product:av', ['antivirus-og-edr'], 'Endpoint'),
  ];

  async function engineWith(docs: SearchDocument[]) {
    const engine = createEmbeddedEngine();
    await engine.replaceAll(docs);
    return engine;
  }

  it("lists the read need's providers, keeping the request's other filters", async () => {
    const engine = await engineWith(documents);
    const { reading, response } = await searchAsRead(engine, { query: 'sikkerhedskopiering' }, lexicon);
    expect(reading).toMatchObject({ kind: 'needs', needs: ['backup-og-gendannelse'] });
    // The mail filter mentions backup but is not a backup provider: it is not listed.
    expect(response.hits.map((hit) => hit.document.slug).sort()).toEqual(['backup-region', 'cloud-backup', 'tape']);
    const inRegion = await searchAsRead(engine, { query: 'backup', filters: { regions: ['1084'] } }, lexicon);
    expect(inRegion.response.hits.map((hit) => hit.document.slug)).toEqual(['backup-region']);
    await engine.close();
  });

  it('searches the unexplained words among the providers, and drops them when they find nothing', async () => {
    const engine = await engineWith(documents);
    const narrowed = await searchAsRead(engine, { query: 'backup bånd' }, lexicon);
    expect(narrowed.reading).toMatchObject({ kind: 'needs', rest: 'bånd' });
    expect(narrowed.response.hits.map((hit) => hit.document.slug)).toEqual(['tape']);
    const dropped = await searchAsRead(engine, { query: 'backup zanzibar' }, lexicon);
    expect(dropped.reading).toMatchObject({ kind: 'needs', rest: '' });
    expect(dropped.response.total).toBe(3);
    await engine.close();
  });

  it('searches the words as typed when they name a listing, not the need they would read as', async () => {
    const engine = await engineWith([
      ...documents,
      listing('product:beredskabsvagt-nord', ['akut-hjaelp-ved-angreb'], 'Vagt døgnet rundt'),
      bareListing('product:backup-x9', { name: 'Backup X9', needs: ['antivirus-og-edr'] }),
    ]);
    const named = await searchAsRead(engine, { query: 'backup x9' }, lexicon);
    expect(named.reading.kind).toBe('words');
    expect(named.response.hits[0]?.document.slug).toBe('backup-x9');
    // A need's own word stays a reading even when some listing's name contains it.
    expect((await searchAsRead(engine, { query: 'backup' }, lexicon)).reading.kind).toBe('needs');
    await engine.close();
  });

  it('leads an urgent search with emergency help', async () => {
    const engine = await engineWith(documents);
    const { reading, response } = await searchAsRead(engine, { query: 'vi er blevet hacket' }, lexicon);
    expect(reading.kind).toBe('urgent');
    expect(response.hits.map((hit) => hit.document.slug)).toEqual(['akut']);
    await engine.close();
  });

  it('answers a broad query with no listings but the counts of its choices', async () => {
    const engine = await engineWith(documents);
    const { reading, response } = await searchAsRead(engine, { query: 'virus' }, lexicon);
    expect(reading.kind).toBe('broad');
    expect(response.hits).toEqual([]);
    expect(response.facets.needs).toMatchObject({ 'antivirus-og-edr': 1, 'backup-og-gendannelse': 3 });
    await engine.close();
  });

  it('searches the words as typed when asked, when needs are chosen, and for an empty query', async () => {
    const engine = await engineWith(documents);
    const literal = await searchAsRead(engine, { query: 'backup' }, lexicon, { literal: true });
    expect(literal.reading.kind).toBe('words');
    expect(literal.response.hits.map((hit) => hit.document.slug)).toContain('mail');
    const chosen = await searchAsRead(
      engine,
      { query: 'backup', filters: { needs: ['e-mail-og-phishing-beskyttelse'] } },
      lexicon,
    );
    expect(chosen.reading.kind).toBe('words');
    expect(chosen.response.hits.map((hit) => hit.document.slug)).toEqual(['mail']);
    expect((await searchAsRead(engine, { query: ' ' }, lexicon)).response.total).toBe(documents.length);
    await engine.close();
  });
});
