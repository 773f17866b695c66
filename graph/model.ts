/**
 * The knowledge graph's shape, as the rows the loaders write. Labels and relationship types
 * are listed in README "Data model"; this file is the typed contract between the data
 * (taxonomies, needs catalogue, sample generator, importers) and the loaders.
 */

import type {
  CertificationKind,
  Delivery,
  Language,
  LegalForm,
  ListingSource,
  PricingModel,
  ProductKind,
  ProductStatus,
  SizeBand,
} from './vocabulary';

export type { Delivery, Language, PricingModel, ProductKind, ProductStatus, SizeBand } from './vocabulary';

/** Bilingual text: Danish first. */
export interface Text {
  da: string;
  en: string;
}

export interface RegionRow {
  code: string; // '1081'..'1085'
  name: string; // 'Region Nordjylland'
  nameEn: string; // 'North Denmark Region'
  iso: string; // 'DK-81'
}

export interface MunicipalityRow {
  code: string; // official 3-digit code, '101'
  name: string;
  regionCode: string;
  lat: number;
  lon: number;
}

export interface CsfFunctionRow {
  code: string; // 'GV'
  name: Text;
}
export interface CsfCategoryRow {
  code: string; // 'GV.OC'
  functionCode: string;
  name: Text;
}

/** Skill: an ECSF role profile (kind 'role') or a finer skill under one (kind 'skill', parentCode set). */
export interface SkillRow {
  code: string; // 'ECSF-PENTESTER', 'SKILL-WEBAPP-TESTING'
  kind: 'role' | 'skill';
  name: Text;
  parentCode?: string;
}

/** Category: a JRC domain (scheme 'jrc-domain') or a service/product category under one (scheme 'service'). */
export interface CategoryRow {
  code: string; // 'JRC-DSP' / 'SVC-PENTEST'
  scheme: 'jrc-domain' | 'service';
  name: Text;
  parentCode?: string;
}

export interface SectorRow {
  code: string; // 'SEC-HEALTH'
  name: Text;
  /** NACE Rev. 2 / DB07 section or division codes this sector spans. */
  nace: string[];
}

export interface RegulationRow {
  code: string; // 'NIS2', 'GDPR', 'DORA', 'CRA', 'ISO27001', 'D-MAERKET'
  name: Text;
  description: Text;
}

export interface Nis2MeasureRow {
  code: string; // 'NIS2-21-2-a'
  letter: string; // 'a'
  text: Text;
}

export interface DMaerketCriterionRow {
  code: string; // 'DM-1'..'DM-8'
  text: Text;
}

export interface CertificationRow {
  code: string; // 'ISO27001', 'ISAE3402', 'SOC2', 'CREST', 'D-MAERKET', ...
  name: string;
  kind: CertificationKind;
  /** Regulations the certification attests to (ATTESTS relationship). */
  regulationCodes: string[];
}

export interface NeedRow {
  slug: string; // 'backup-og-gendannelse'
  name: Text;
  summary: Text;
  /** Everyday words an SME might type (with compounds and symptoms, e.g. 'hacket', 'løsesum'). */
  keywords: { da: string[]; en: string[] };
  /** Plain-language question that leads to this need in the wizard. */
  question: Text;
  csfCategoryCodes: string[];
  nis2MeasureCodes: string[];
  dMaerketCriterionCodes: string[];
  skillCodes: string[];
  regulationCodes: string[];
  categoryCodes: string[];
}

/**
 * Who vouched for a published fact besides its source. Absent on sample and bulk rows; an
 * approval sets who submitted and who approved it (approvedAt null: approved in the writing
 * transaction). User references are pseudonymous `User.id`s, never names.
 */
export interface Attribution {
  source?: ListingSource;
  submittedBy?: string | null;
  submittedAt?: string | null;
  approvedBy?: string | null;
  approvedAt?: string | null;
}

export interface CertificationHeld extends Omit<Attribution, 'source'> {
  code: string;
  validUntil: string | null; // ISO date
  evidence: string; // URL or reference to the certificate
  source: ListingSource; // where the claim came from
  verifiedBy: string | null; // 'NCC-DK' or null when unverified
  verifiedAt: string | null; // ISO date
  certificateNumber?: string | null;
  issuer?: string | null;
  /** How NCC-DK checked it ('register lookup', 'document', …); null when unverified. */
  verificationMethod?: string | null;
  /** The reviewer who verified it (pseudonymous User.id). */
  verifiedByUser?: string | null;
}

export interface CompanyRow extends Attribution {
  cvr: string; // 8 digits, mod-11 valid
  slug: string;
  name: string;
  legalForm: LegalForm;
  description: Text;
  address: string;
  postcode: string;
  city: string;
  municipalityCode: string;
  website: string;
  email: string;
  phone: string;
  founded: number;
  employees: number;
  sizeBand: SizeBand;
  languages: Language[];
  /** Fictional sample data is marked so it can never be mistaken for a real listing. */
  sample: boolean;
  regionsServed: string[]; // region codes
  sectorCodes: string[];
  competences: Array<Attribution & { skillCode: string; headcount: number }>;
  certifications: CertificationHeld[];
  /** Sizes of the customers it serves; used for SME fit. */
  customerSizeBands: SizeBand[];
  partnerSlugs: string[];
  /** When the company last said its listing is still correct (ISO); unset: now for a new company, kept for a known one. */
  confirmedAt?: string | null;
}

export interface ProductRow extends Attribution {
  slug: string;
  companySlug: string;
  name: string;
  kind: ProductKind;
  description: Text;
  pricingModel: PricingModel;
  priceFromDkk: number | null;
  delivery: Delivery[];
  languages: Language[];
  smeFit: boolean;
  status: ProductStatus;
  needSlugs: string[];
  categoryCodes: string[];
  csfCategoryCodes: string[];
  regulationCodes: string[];
}

export interface Taxonomies {
  regions: RegionRow[];
  municipalities: MunicipalityRow[];
  csfFunctions: CsfFunctionRow[];
  csfCategories: CsfCategoryRow[];
  skills: SkillRow[];
  categories: CategoryRow[];
  sectors: SectorRow[];
  regulations: RegulationRow[];
  nis2Measures: Nis2MeasureRow[];
  dMaerketCriteria: DMaerketCriterionRow[];
  certifications: CertificationRow[];
}

export interface Ecosystem {
  companies: CompanyRow[];
  products: ProductRow[];
}
