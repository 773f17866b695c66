import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import { afterHighestSlug } from './slug';
import { HOLDING_TRUST, VALID_HOLDING } from './trust';

/**
 * The published directory as open data: every company (a Company node is published; drafts live
 * in Submission nodes) with its active products, and only the facts its public profile shows.
 * Who submitted or approved a fact (User ids), who verified a certificate, sessions, audit events
 * and submissions are never read here, so the export cannot carry them.
 */

const textOf = (v: string) => `{da: ${v}.nameDa, en: ${v}.nameEn}`;

export const OPEN_DATA_COMPANIES = `
MATCH (c:Company)
WHERE c.slug > coalesce($after, '') AND EXISTS { (c)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(:Region) }
WITH c ORDER BY c.slug LIMIT $limit
MATCH (c)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
RETURN {
  slug: c.slug, cvr: c.cvr, name: c.name, legalForm: c.legalForm,
  description: {da: coalesce(c.descriptionDa, ''), en: coalesce(c.descriptionEn, '')},
  address: c.address, postcode: c.postcode, city: c.city,
  municipality: {code: m.code, name: m.name},
  region: {code: r.code, name: r.name, nameEn: r.nameEn},
  website: c.website, email: c.email, phone: c.phone,
  founded: c.founded, employees: c.employees, sizeBand: c.sizeBand,
  languages: coalesce(c.languages, []), customerSizeBands: coalesce(c.customerSizeBands, []),
  sample: coalesce(c.sample, false), source: c.source,
  updatedAt: toString(c.updatedAt), confirmedAt: toString(c.confirmedAt),
  regionsServed: [(c)-[:SERVES]->(sr:Region) | sr.code],
  sectors: [(c)-[:EXPERIENCED_IN]->(s:Sector) | {code: s.code, name: ${textOf('s')}}],
  competences: [(c)-[hc:HAS_COMPETENCE]->(sk:Skill) | {code: sk.code, name: ${textOf('sk')}, headcount: hc.headcount}],
  certifications: [(c)-[h:HOLDS]->(cert:Certification) WHERE ${VALID_HOLDING} | {
    code: cert.code, name: cert.name, validUntil: toString(h.validUntil), trust: ${HOLDING_TRUST},
    verifiedBy: h.verifiedBy, verifiedAt: toString(h.verifiedAt)}],
  products: [(c)-[:OFFERS]->(p:Product {status: 'active'}) | {
    slug: p.slug, name: p.name, kind: p.kind,
    description: {da: coalesce(p.descriptionDa, ''), en: coalesce(p.descriptionEn, '')},
    pricingModel: p.pricingModel, priceFromDkk: p.priceFromDkk,
    delivery: coalesce(p.delivery, []), languages: coalesce(p.languages, []), smeFit: coalesce(p.smeFit, false),
    source: p.source, updatedAt: toString(p.updatedAt),
    needs: [(p)-[:ADDRESSES]->(n:Need) | n.slug],
    categories: [(p)-[:IN_CATEGORY]->(cat:Category) | {code: cat.code, name: ${textOf('cat')},
      domains: [(cat)-[:PART_OF]->(d:Category {scheme: 'jrc-domain'}) | {code: d.code, name: ${textOf('d')}}]}],
    csfCategories: [(p)-[:COVERS]->(csf:CsfCategory) | csf.code],
    regulations: [(p)-[:HELPS_COMPLY]->(reg:Regulation) | reg.code]
  }]
} AS company`;

export interface OpenText {
  da: string;
  en: string;
}

export interface OpenDataProduct {
  slug: string;
  name: string;
  kind: string;
  description: OpenText;
  pricingModel: string | null;
  priceFromDkk: number | null;
  delivery: string[];
  languages: string[];
  smeFit: boolean;
  source: string | null;
  updatedAt: string | null;
  needs: string[];
  categories: Array<{ code: string; name: OpenText; domains: Array<{ code: string; name: OpenText }> }>;
  csfCategories: string[];
  regulations: string[];
}

export interface OpenDataCompany {
  slug: string;
  cvr: string;
  name: string;
  legalForm: string | null;
  description: OpenText;
  address: string | null;
  postcode: string | null;
  city: string | null;
  municipality: { code: string; name: string };
  region: { code: string; name: string; nameEn: string };
  website: string | null;
  email: string | null;
  phone: string | null;
  founded: number | null;
  employees: number | null;
  sizeBand: string | null;
  languages: string[];
  customerSizeBands: string[];
  sample: boolean;
  source: string | null;
  updatedAt: string | null;
  confirmedAt: string | null;
  regionsServed: string[];
  sectors: Array<{ code: string; name: OpenText }>;
  competences: Array<{ code: string; name: OpenText; headcount: number | null }>;
  certifications: Array<{
    code: string;
    name: string;
    validUntil: string | null;
    trust: string;
    verifiedBy: string | null;
    verifiedAt: string | null;
  }>;
  products: OpenDataProduct[];
}

/**
 * Every published company in slug order, a page at a time so neither the database nor the export
 * holds them all. Pages follow on from the last slug read rather than skipping a count, so a
 * company added or removed meanwhile moves no other company into or out of the export.
 */
export async function* readOpenDataCompanies(executor: Executor, pageSize = 25): AsyncGenerator<OpenDataCompany[]> {
  for (let after: string | null = null; ; ) {
    const rows: Array<{ company: OpenDataCompany }> = await executor.read<{ company: OpenDataCompany }>(
      'openData.companies',
      OPEN_DATA_COMPANIES,
      { after, limit: neo4j.int(pageSize) },
    );
    if (rows.length === 0) return;
    const page = rows.map((row) => row.company);
    yield page;
    if (rows.length < pageSize) return;
    after = afterHighestSlug(page, after);
  }
}
