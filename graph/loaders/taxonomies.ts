import type { Executor } from '../executor';
import type { NeedRow, Taxonomies } from '../model';
import { GraphWriter } from '../write';
import { knownKeys, type LoadOptions, names, ReferenceCheck, replaceTargets, targetsOf, texts } from './shared';

/**
 * Loads the taxonomies and the needs catalogue. Both are small (a few hundred rows), so each
 * loads in one transaction: nodes first, then the links between them.
 */

const MERGE_REGIONS = `
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.name = row.name, r.nameEn = row.nameEn, r.iso = row.iso`;

const MERGE_MUNICIPALITIES = `
UNWIND $rows AS row
MERGE (m:Municipality {code: row.code})
SET m.name = row.name, m.lat = row.lat, m.lon = row.lon`;

const MERGE_CSF_FUNCTIONS = `
UNWIND $rows AS row
MERGE (f:CsfFunction {code: row.code})
SET f.nameDa = row.nameDa, f.nameEn = row.nameEn`;

const MERGE_CSF_CATEGORIES = `
UNWIND $rows AS row
MERGE (c:CsfCategory {code: row.code})
SET c.nameDa = row.nameDa, c.nameEn = row.nameEn`;

const MERGE_SKILLS = `
UNWIND $rows AS row
MERGE (s:Skill {code: row.code})
SET s.kind = row.kind, s.nameDa = row.nameDa, s.nameEn = row.nameEn`;

const MERGE_CATEGORIES = `
UNWIND $rows AS row
MERGE (c:Category {code: row.code})
SET c.scheme = row.scheme, c.nameDa = row.nameDa, c.nameEn = row.nameEn`;

const MERGE_SECTORS = `
UNWIND $rows AS row
MERGE (s:Sector {code: row.code})
SET s.nameDa = row.nameDa, s.nameEn = row.nameEn, s.nace = row.nace`;

const MERGE_REGULATIONS = `
UNWIND $rows AS row
MERGE (r:Regulation {code: row.code})
SET r.nameDa = row.nameDa, r.nameEn = row.nameEn, r.descriptionDa = row.descriptionDa, r.descriptionEn = row.descriptionEn`;

const MERGE_NIS2_MEASURES = `
UNWIND $rows AS row
MERGE (m:Nis2Measure {code: row.code})
SET m.letter = row.letter, m.textDa = row.textDa, m.textEn = row.textEn`;

const MERGE_D_MAERKET_CRITERIA = `
UNWIND $rows AS row
MERGE (c:DMaerketCriterion {code: row.code})
SET c.textDa = row.textDa, c.textEn = row.textEn`;

const MERGE_CERTIFICATIONS = `
UNWIND $rows AS row
MERGE (c:Certification {code: row.code})
SET c.name = row.name, c.kind = row.kind`;

const MUNICIPALITY_IN_REGION = replaceTargets('Municipality', 'code', 'IN_REGION', 'Region', 'code');
const CSF_CATEGORY_IN_FUNCTION = replaceTargets('CsfCategory', 'code', 'IN_FUNCTION', 'CsfFunction', 'code');
const SKILL_PART_OF = replaceTargets('Skill', 'code', 'PART_OF', 'Skill', 'code');
const CATEGORY_PART_OF = replaceTargets('Category', 'code', 'PART_OF', 'Category', 'code');
const NIS2_MEASURE_PART_OF = replaceTargets('Nis2Measure', 'code', 'PART_OF', 'Regulation', 'code');
const D_MAERKET_CRITERION_PART_OF = replaceTargets('DMaerketCriterion', 'code', 'PART_OF', 'Regulation', 'code');
const CERTIFICATION_ATTESTS = replaceTargets('Certification', 'code', 'ATTESTS', 'Regulation', 'code');

const step = (cypher: string, rows: unknown[]) => ({ cypher, params: { rows } });
const one = (code: string | undefined): string[] => (code ? [code] : []);
const code = (row: { code: string }) => row.code;

export async function loadTaxonomies(executor: Executor, t: Taxonomies, options: LoadOptions = {}): Promise<void> {
  checkTaxonomies(t);
  await new GraphWriter(executor).steps('load.taxonomies', [
    step(MERGE_REGIONS, t.regions),
    step(MERGE_MUNICIPALITIES, t.municipalities),
    step(
      MERGE_CSF_FUNCTIONS,
      t.csfFunctions.map((r) => ({ code: r.code, ...names(r.name) })),
    ),
    step(
      MERGE_CSF_CATEGORIES,
      t.csfCategories.map((r) => ({ code: r.code, ...names(r.name) })),
    ),
    step(
      MERGE_SKILLS,
      t.skills.map((r) => ({ code: r.code, kind: r.kind, ...names(r.name) })),
    ),
    step(
      MERGE_CATEGORIES,
      t.categories.map((r) => ({ code: r.code, scheme: r.scheme, ...names(r.name) })),
    ),
    step(
      MERGE_SECTORS,
      t.sectors.map((r) => ({ code: r.code, nace: r.nace, ...names(r.name) })),
    ),
    step(
      MERGE_REGULATIONS,
      t.regulations.map((r) => ({
        code: r.code,
        ...names(r.name),
        descriptionDa: r.description.da,
        descriptionEn: r.description.en,
      })),
    ),
    step(
      MERGE_NIS2_MEASURES,
      t.nis2Measures.map((r) => ({ code: r.code, letter: r.letter, ...texts(r.text) })),
    ),
    step(
      MERGE_D_MAERKET_CRITERIA,
      t.dMaerketCriteria.map((r) => ({ code: r.code, ...texts(r.text) })),
    ),
    step(
      MERGE_CERTIFICATIONS,
      t.certifications.map((r) => ({ code: r.code, name: r.name, kind: r.kind })),
    ),
    { cypher: MUNICIPALITY_IN_REGION, params: targetsOf(t.municipalities, code, (r) => [r.regionCode]) },
    { cypher: CSF_CATEGORY_IN_FUNCTION, params: targetsOf(t.csfCategories, code, (r) => [r.functionCode]) },
    { cypher: SKILL_PART_OF, params: targetsOf(t.skills, code, (r) => one(r.parentCode)) },
    { cypher: CATEGORY_PART_OF, params: targetsOf(t.categories, code, (r) => one(r.parentCode)) },
    { cypher: NIS2_MEASURE_PART_OF, params: targetsOf(t.nis2Measures, code, () => ['NIS2']) },
    { cypher: D_MAERKET_CRITERION_PART_OF, params: targetsOf(t.dMaerketCriteria, code, () => ['D-MAERKET']) },
    { cypher: CERTIFICATION_ATTESTS, params: targetsOf(t.certifications, code, (r) => r.regulationCodes) },
  ]);
  options.onProgress?.(1, 1, 'taxonomies');
}

function checkTaxonomies(t: Taxonomies): void {
  const check = new ReferenceCheck();
  const codes = (rows: Array<{ code: string }>) => new Set(rows.map(code));
  for (const m of t.municipalities) check.require(codes(t.regions), m.code, [m.regionCode]);
  for (const c of t.csfCategories) check.require(codes(t.csfFunctions), c.code, [c.functionCode]);
  for (const s of t.skills) check.require(codes(t.skills), s.code, one(s.parentCode));
  for (const c of t.categories) check.require(codes(t.categories), c.code, one(c.parentCode));
  for (const c of t.certifications) check.require(codes(t.regulations), c.code, c.regulationCodes);
  check.require(codes(t.regulations), 'NIS2 measures and D-mærket criteria', ['NIS2', 'D-MAERKET']);
  check.throwIfAny('Taxonomies reference unknown codes');
}

const MERGE_NEEDS = `
UNWIND $rows AS row
MERGE (n:Need {slug: row.slug})
SET n.nameDa = row.nameDa, n.nameEn = row.nameEn, n.summaryDa = row.summaryDa, n.summaryEn = row.summaryEn,
    n.keywordsDa = row.keywordsDa, n.keywordsEn = row.keywordsEn,
    n.questionDa = row.questionDa, n.questionEn = row.questionEn`;

const NEED_MAPS_TO = replaceTargets('Need', 'slug', 'MAPS_TO', 'CsfCategory', 'code');
const NEED_SUPPORTS_MEASURE = replaceTargets('Need', 'slug', 'SUPPORTS_MEASURE', 'Nis2Measure', 'code');
const NEED_SUPPORTS_CRITERION = replaceTargets('Need', 'slug', 'SUPPORTS_CRITERION', 'DMaerketCriterion', 'code');
const NEED_REQUIRES = replaceTargets('Need', 'slug', 'REQUIRES', 'Skill', 'code');
const NEED_RELATES_TO = replaceTargets('Need', 'slug', 'RELATES_TO', 'Regulation', 'code');
const NEED_IN_CATEGORY = replaceTargets('Need', 'slug', 'IN_CATEGORY', 'Category', 'code');

/** Loads the needs catalogue and its links into the taxonomies, which must be in the graph already. */
export async function loadNeeds(executor: Executor, needs: NeedRow[], options: LoadOptions = {}): Promise<void> {
  const known = await knownKeys(executor);
  const check = new ReferenceCheck();
  const slugs = needs.map((n) => n.slug);
  check.unique(slugs, 'need slug');
  for (const n of needs) {
    check.require(known.csfCategories, n.slug, n.csfCategoryCodes);
    check.require(known.nis2Measures, n.slug, n.nis2MeasureCodes);
    check.require(known.dMaerketCriteria, n.slug, n.dMaerketCriterionCodes);
    check.require(known.skills, n.slug, n.skillCodes);
    check.require(known.regulations, n.slug, n.regulationCodes);
    check.require(known.categories, n.slug, n.categoryCodes);
  }
  check.throwIfAny('Needs reference codes that are not in the graph');
  const slug = (n: NeedRow) => n.slug;
  await new GraphWriter(executor).steps('load.needs', [
    step(
      MERGE_NEEDS,
      needs.map((n) => ({
        slug: n.slug,
        ...names(n.name),
        summaryDa: n.summary.da,
        summaryEn: n.summary.en,
        keywordsDa: n.keywords.da,
        keywordsEn: n.keywords.en,
        questionDa: n.question.da,
        questionEn: n.question.en,
      })),
    ),
    { cypher: NEED_MAPS_TO, params: targetsOf(needs, slug, (n) => n.csfCategoryCodes) },
    { cypher: NEED_SUPPORTS_MEASURE, params: targetsOf(needs, slug, (n) => n.nis2MeasureCodes) },
    { cypher: NEED_SUPPORTS_CRITERION, params: targetsOf(needs, slug, (n) => n.dMaerketCriterionCodes) },
    { cypher: NEED_REQUIRES, params: targetsOf(needs, slug, (n) => n.skillCodes) },
    { cypher: NEED_RELATES_TO, params: targetsOf(needs, slug, (n) => n.regulationCodes) },
    { cypher: NEED_IN_CATEGORY, params: targetsOf(needs, slug, (n) => n.categoryCodes) },
  ]);
  options.onProgress?.(needs.length, needs.length, 'needs');
}
