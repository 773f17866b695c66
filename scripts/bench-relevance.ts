/**
 * Relevance benchmark: runs the judged SME query set (search/relevance-set/queries.json) on the embedded
 * engine over the sample ecosystem's search documents (built as the product builds them after seeding, see
 * src/indexing/sample-documents.ts) and prints success@3, nDCG@10 and the zero-result rate per query class
 * (definitions: search/relevance.ts). With MEILI_URL set it builds a separate index there (MEILI_INDEX, default
 * `relevance-bench` or --index, never taken from MEILI_INDEX so the product's index is not replaced) from the same
 * documents and prints the same table for it. --verbose lists every query that fails success@3 or finds nothing.
 *
 *   npm run bench:relevance [-- --companies 300 --seed 1 --verbose]
 */
import { parseArgs } from 'node:util';
import { createEmbeddedEngine } from '../search/embedded';
import { createSearchEngine } from '../search/engine';
import {
  type Asker,
  askEngine,
  measureQueries,
  type RankedNeeds,
  type RelevanceQuery,
  summarizeByClass,
} from '../search/relevance';
import { holdoutQueries, relevanceQueries } from '../search/relevance-set/queries';
import type { SearchEngine } from '../search/types';
import { askAsRead } from '../search/understand';
import { sampleSearchDocuments } from '../src/indexing/sample-documents';
import { queryLexicon } from '../src/use-cases/query-lexicon';

const { values: args } = parseArgs({
  options: {
    companies: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    index: { type: 'string', default: 'relevance-bench' },
    verbose: { type: 'boolean', default: false },
  },
});
const COMPANIES = Number(args.companies);
const SEED = Number(args.seed);
if (!Number.isInteger(COMPANIES) || COMPANIES < 1 || !Number.isInteger(SEED)) {
  throw new Error('--companies must be a positive integer and --seed an integer');
}

const fixed = (value: number) => (Number.isNaN(value) ? '   n/a' : value.toFixed(3).padStart(6));

async function table(
  title: string,
  ask: Asker,
  queries: readonly RelevanceQuery[],
  pool: readonly RankedNeeds[],
): Promise<void> {
  const outcomes = await measureQueries(ask, queries, pool);
  console.log(`\n${title} (${queries.length} queries)`);
  if (args.verbose) {
    outcomes.forEach((o, i) => {
      const q = queries[i];
      if (q && (o.success3 === 0 || o.zeroResults)) {
        console.log(
          `  ${o.zeroResults ? 'none' : 'miss'} ${q.class.padEnd(9)} ${q.lang} ${q.query}  nDCG ${fixed(o.ndcg10)}`,
        );
      }
    });
  }
  console.log('class        n   success@3  nDCG@10  zero-result rate');
  for (const [name, s] of summarizeByClass(outcomes)) {
    console.log(
      `${name.padEnd(10)} ${String(s.queries).padStart(3)}    ${fixed(s.success3)}   ${fixed(s.ndcg10)}   ${fixed(s.zeroResultRate)}`,
    );
  }
}

/**
 * Both sets on one engine, twice: as the search page asks (the query read first, search/understand.ts) and the
 * engine alone with the words as typed (what GraphQL `search` does).
 */
async function report(engine: SearchEngine, documents: ReturnType<typeof sampleSearchDocuments>): Promise<void> {
  const pool: RankedNeeds[] = documents.map((document) => document.needs);
  const started = performance.now();
  await engine.replaceAll(documents);
  const buildMs = performance.now() - started;
  console.log(`\n== ${engine.name} engine: ${documents.length} documents (index ${buildMs.toFixed(0)} ms)`);
  const lexicon = queryLexicon();
  const asRead: Asker = (q) => askAsRead(engine, q.query, lexicon);
  await table('main set, as the search page reads it', asRead, relevanceQueries(), pool);
  await table('held-out set, as the search page reads it', asRead, holdoutQueries(), pool);
  await table('main set, engine alone (words as typed)', askEngine(engine), relevanceQueries(), pool);
  await table('held-out set, engine alone (words as typed)', askEngine(engine), holdoutQueries(), pool);
  await engine.close();
}

async function main(): Promise<void> {
  const documents = sampleSearchDocuments({ companies: COMPANIES, seed: SEED });
  console.log(`relevance benchmark (sample ecosystem: ${COMPANIES} companies, seed ${SEED})`);
  await report(createEmbeddedEngine(), documents);
  const meiliUrl = process.env.MEILI_URL?.trim();
  if (meiliUrl) {
    const engine = createSearchEngine({
      meiliUrl,
      meiliMasterKey: process.env.MEILI_MASTER_KEY,
      indexUid: args.index,
    });
    await engine.ensureIndex();
    await report(engine, documents);
  } else {
    console.log('\nMeilisearch: not measured (set MEILI_URL to run the same set against it)');
  }
}

await main();
