import { NEEDS } from './data/needs';
import { TAXONOMIES } from './data/taxonomies';
import type { Executor } from './executor';
import { loadEcosystem } from './loaders/ecosystem';
import { DEFAULT_BATCH_SIZE, inBatches, type LoadOptions } from './loaders/shared';
import { loadNeeds, loadTaxonomies } from './loaders/taxonomies';
import type { Ecosystem } from './model';
import { generateEcosystem } from './sample/generate';
import { GraphWriter } from './write';

/**
 * Writing the knowledge graph from typed rows (graph/model.ts). This module is the entry point
 * (`seedAll` and the three loaders); the loaders live in graph/loaders/.
 *
 * Every load is idempotent:
 * - nodes are MERGEd on their unique key and their properties SET from the row;
 * - each outgoing relationship type of a loaded node is replaced by the row's list (links no
 *   longer listed are deleted, the rest MERGEd), so a second run changes no count and a
 *   changed row is reflected;
 * - a company's products in `ecosystem.products` are its complete list.
 * Integers (founded, employees, headcount, priceFromDkk) travel as JS numbers and are stored
 * as integers with Cypher's toInteger(), so rows stay plain JSON; dates travel as ISO strings
 * and become Neo4j dates with date(). Company and Product also carry `rowHash`, a hash of the
 * row last loaded: only a changed row is stamped (`updatedAt`) and logged as a change, so
 * re-seeding unchanged data does not make every listing look new to search and matching.
 */

export type { LoadOptions } from './loaders/shared';
export { loadEcosystem, loadNeeds, loadTaxonomies };

// A sample company counts as stale unless the new sample has the same CVR under the same slug: another size or
// products-per-company reuses the CVR numbers for differently named companies, and renaming in place could collide
// with a slug another kept company still holds.
const STALE_SAMPLE_COMPANIES = `
MATCH (c:Company {sample: true})
WHERE NOT c.cvr + ' ' + c.slug IN $keys
RETURN c.cvr AS cvr`;

const DELETE_COMPANIES_WITH_PRODUCTS = `
UNWIND $cvrs AS cvr
MATCH (c:Company {cvr: cvr})
OPTIONAL MATCH (c)-[:OFFERS]->(p:Product)
WITH c, c.slug AS company, collect(p) AS products, collect(p.slug) AS productSlugs
FOREACH (p IN products | DETACH DELETE p)
DETACH DELETE c
RETURN company, productSlugs`;

export interface SeedOptions extends LoadOptions {
  companies: number;
  seed?: number;
  productsPerCompany?: number;
  /** See GenerateOptions.referenceDate; default SAMPLE_REFERENCE_DATE. */
  referenceDate?: string;
}

/**
 * Loads the taxonomies, the needs catalogue and a generated sample ecosystem (migrations must
 * have run). Sample companies from an earlier seed, size or density are removed first — only
 * nodes marked sample: true, never real ones — so the graph then holds exactly the requested
 * sample and old sample slugs cannot collide with new ones. Returns the generated ecosystem.
 */
export async function seedAll(executor: Executor, options: SeedOptions): Promise<Ecosystem> {
  const { batchSize = DEFAULT_BATCH_SIZE, onProgress } = options;
  await loadTaxonomies(executor, TAXONOMIES, { onProgress });
  await loadNeeds(executor, NEEDS, { onProgress });
  const ecosystem = generateEcosystem({
    companies: options.companies,
    seed: options.seed ?? 1,
    productsPerCompany: options.productsPerCompany,
    referenceDate: options.referenceDate,
  });
  const stale = await executor.read<{ cvr: string }>('seed.staleSample', STALE_SAMPLE_COMPANIES, {
    keys: ecosystem.companies.map((c) => `${c.cvr} ${c.slug}`),
  });
  // A deleted company takes its products and all their links along, so these batches are smaller.
  const writer = new GraphWriter(executor);
  await inBatches(stale, Math.max(1, Math.floor(batchSize / 10)), 'stale-sample', onProgress, (rows) =>
    writer.change('seed.deleteStaleSample', async (tx) => {
      const deleted = await tx.run<{ company: string; productSlugs: string[] }>(DELETE_COMPANIES_WITH_PRODUCTS, {
        cvrs: rows.map((row) => row.cvr),
      });
      for (const { company, productSlugs } of deleted) {
        tx.changed({ kind: 'Company', key: company, op: 'deleted', company });
        tx.changed(...productSlugs.map((key) => ({ kind: 'Product' as const, key, op: 'deleted' as const, company })));
      }
    }),
  );
  await loadEcosystem(executor, ecosystem, { batchSize, onProgress });
  return ecosystem;
}
