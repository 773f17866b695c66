import type { SkillNode, Taxonomy } from '../../../graph/catalog';
import type { Text } from '../../../graph/model';
import type { CodeName } from '../../../graph/views';
import { formatDate, formatDkk, formatNumber, type Locale, type MessageKey, t, tp } from '../../i18n';
import { dictionary } from '../../i18n/dictionary';
import type { FieldChange } from '../../use-cases/diff-records';

/**
 * The review diff in the reviewer's words: each changed field (`priceFromDkk`, `needSlugs`,
 * `certifications.ISO27001`) gets the label the vendor's form shows it under, and each value is
 * written as the site writes it: money as "4.900 kr.", yes/no, closed-list values by their label,
 * taxonomy codes and need slugs as "name (code)" so the reviewer still sees the code. The diff data
 * itself (`FieldChange`, also GraphQL's) stays the raw record fields.
 */

export interface ReadableChange {
  /** The raw field path, kept for anchors and tests. */
  field: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** The value as lines (a list shows one item a line); null when there is none. */
  before: string[] | null;
  after: string[] | null;
}

type Lookup = (code: string) => Text | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const flattenSkills = (nodes: SkillNode[]): CodeName[] =>
  nodes.flatMap((node) => [node, ...flattenSkills(node.children)]);

const lookupOf = (items: CodeName[]): Lookup => {
  const names = new Map(items.map((item) => [item.code, item.name]));
  return (code) => names.get(code);
};
const recordLookup =
  (labels: Record<string, Text>): Lookup =>
  (code) =>
    labels[code];

interface Names {
  needs: Lookup;
  categories: Lookup;
  csfCategories: Lookup;
  regulations: Lookup;
  certifications: Lookup;
  skills: Lookup;
  regions: Lookup;
  municipalities: Lookup;
  sectors: Lookup;
}

function namesOf(taxonomy: Taxonomy): Names {
  return {
    needs: recordLookup(taxonomy.labels.needs),
    categories: recordLookup(taxonomy.labels.categories),
    csfCategories: lookupOf(taxonomy.csfFunctions.flatMap((f) => f.categories)),
    regulations: lookupOf(taxonomy.regulations),
    certifications: recordLookup(taxonomy.labels.certifications),
    skills: lookupOf(flattenSkills(taxonomy.skills)),
    regions: recordLookup(taxonomy.labels.regions),
    municipalities: recordLookup(taxonomy.labels.municipalities),
    sectors: recordLookup(taxonomy.labels.sectors),
  };
}

/** "name (code)", or the code alone when the catalog does not know it (any more). */
function named(locale: Locale, lookup: Lookup, code: string): string {
  const name = lookup(code);
  const text = name?.[locale]?.trim() || name?.da?.trim();
  return text && text !== code ? `${text} (${code})` : code;
}

/** A closed list's value by its label (`size.micro` → "1–9 ansatte"); an unknown value as itself. */
function vocabulary(locale: Locale, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return key in dictionary[locale] ? t(locale, key as MessageKey) : value;
}

type Format = (locale: Locale, value: unknown, names: Names) => string[] | null;

const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(asText) : value === null || value === undefined ? [] : [asText(value)];

const asIs = (value: unknown): string[] | null => {
  if (value === null || value === undefined || value === '') return null;
  return Array.isArray(value) ? value.map(asText) : [asText(value)];
};
const plain: Format = (_locale, value) => asIs(value);
const number: Format = (locale, value) => (typeof value === 'number' ? [formatNumber(locale, value)] : asIs(value));
const money: Format = (locale, value) => (typeof value === 'number' ? [formatDkk(locale, value)] : asIs(value));
const yesNo: Format = (locale, value) =>
  typeof value === 'boolean' ? [t(locale, value ? 'common.yes' : 'common.no')] : asIs(value);
const closed =
  (prefix: string): Format =>
  (locale, value) => {
    const items = strings(value);
    return items.length === 0 ? null : items.map((item) => vocabulary(locale, prefix, item));
  };
const codes =
  (lookup: keyof Names): Format =>
  (locale, value, names) => {
    const items = strings(value);
    return items.length === 0 ? null : items.map((item) => named(locale, names[lookup], item));
  };

/** A competence entry ({skillCode, headcount}): the people in the role. */
const competence: Format = (locale, value) => {
  if (!isObject(value)) return asIs(value);
  return typeof value.headcount === 'number'
    ? [tp(locale, 'review.value.headcount', value.headcount)]
    : [asText(value.headcount)];
};

/** A certification entry ({code, validUntil, evidence, certificateNumber, issuer}): one line a detail. */
const certification: Format = (locale, value) => {
  if (!isObject(value)) return asIs(value);
  const lines: string[] = [];
  const detail = (key: MessageKey, text: unknown) => {
    if (typeof text === 'string' && text.trim()) lines.push(`${t(locale, key)}: ${text}`);
  };
  detail(
    'review.value.validUntil',
    typeof value.validUntil === 'string' ? (formatDate(locale, value.validUntil) ?? value.validUntil) : null,
  );
  detail('review.value.evidence', value.evidence);
  detail('review.value.certificateNumber', value.certificateNumber);
  detail('review.value.issuer', value.issuer);
  return lines.length > 0 ? lines : [t(locale, 'review.value.noDetails')];
};

/** Each record field: its label and how its value is written. Both records' fields, as diffRecords flattens them. */
const FIELDS: Record<string, { label: MessageKey; format: Format }> = {
  name: { label: 'portal.register.name', format: plain },
  legalForm: { label: 'portal.register.legalForm', format: plain },
  'description.da': { label: 'portal.edit.descriptionDa', format: plain },
  'description.en': { label: 'portal.edit.descriptionEn', format: plain },
  address: { label: 'portal.edit.address', format: plain },
  postcode: { label: 'portal.edit.postcode', format: plain },
  city: { label: 'portal.edit.city', format: plain },
  municipalityCode: { label: 'portal.edit.municipality', format: codes('municipalities') },
  website: { label: 'portal.edit.website', format: plain },
  email: { label: 'portal.edit.email', format: plain },
  phone: { label: 'portal.edit.phone', format: plain },
  // A year, written without digit grouping.
  founded: { label: 'portal.register.founded', format: plain },
  employees: { label: 'portal.register.employees', format: number },
  sizeBand: { label: 'review.field.sizeBand', format: closed('size') },
  languages: { label: 'review.field.languages', format: closed('language') },
  customerSizeBands: { label: 'review.field.customerSizeBands', format: closed('size') },
  regionsServed: { label: 'review.field.regionsServed', format: codes('regions') },
  sectorCodes: { label: 'review.field.sectorCodes', format: codes('sectors') },
  kind: { label: 'portal.product.kind', format: closed('productKind') },
  pricingModel: { label: 'portal.product.pricingModel', format: closed('pricing') },
  priceFromDkk: { label: 'review.field.priceFromDkk', format: money },
  delivery: { label: 'portal.product.delivery', format: closed('delivery') },
  smeFit: { label: 'portal.product.smeFit', format: yesNo },
  needSlugs: { label: 'review.field.needSlugs', format: codes('needs') },
  categoryCodes: { label: 'review.field.categoryCodes', format: codes('categories') },
  csfCategoryCodes: { label: 'portal.product.csf', format: codes('csfCategories') },
  regulationCodes: { label: 'review.field.regulationCodes', format: codes('regulations') },
};

function describe(locale: Locale, field: string, names: Names): { label: string; format: Format } {
  const known = FIELDS[field];
  if (known) return { label: t(locale, known.label), format: known.format };
  const [list, ...rest] = field.split('.');
  const code = rest.join('.');
  if (list === 'competences' && code)
    return {
      label: t(locale, 'review.field.competence', { name: named(locale, names.skills, code) }),
      format: competence,
    };
  if (list === 'certifications' && code)
    return {
      label: t(locale, 'review.field.certification', { name: named(locale, names.certifications, code) }),
      format: certification,
    };
  // A field this table does not know yet: its path, and its value as the record holds it.
  return { label: field, format: plain };
}

const isNone = (lines: string[] | null) => lines === null || lines.length === 0;

/** The diff's rows as the reviewer reads them, in the diff's order. */
export function readableChanges(changes: FieldChange[], taxonomy: Taxonomy, locale: Locale): ReadableChange[] {
  const names = namesOf(taxonomy);
  return changes.map((change) => {
    const { label, format } = describe(locale, change.field, names);
    const before = format(locale, change.before ?? null, names);
    const after = format(locale, change.after ?? null, names);
    return {
      field: change.field,
      label,
      change: isNone(before) ? 'added' : isNone(after) ? 'removed' : 'changed',
      before: isNone(before) ? null : before,
      after: isNone(after) ? null : after,
    };
  });
}
