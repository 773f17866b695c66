/**
 * Read models returned by graph/catalog.ts: what the GraphQL API and the site pages show.
 * Bilingual fields carry both languages; the caller picks one.
 */
import type { Delivery, Language, PricingModel, ProductKind, ProductStatus, SizeBand, Text } from './model';
import type { CertificationKind, CertificationTrust, ListingSource } from './vocabulary';

/**
 * Where a published fact came from and who vouched for it. User references are pseudonymous
 * (`User.id`): the API shows them to NCC-DK staff only.
 */
export interface ProvenanceView {
  /** Null only for facts written before provenance was recorded. */
  source: ListingSource | null;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface CodeName {
  code: string;
  name: Text;
}

export interface RegionView {
  code: string;
  name: string;
  nameEn: string;
}

export interface MunicipalityView {
  code: string;
  name: string;
  regionCode: string;
}

export interface CertificationView {
  code: string;
  name: string;
  kind: CertificationKind;
  validUntil: string | null;
  evidence: string | null;
  source: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  certificateNumber: string | null;
  issuer: string | null;
  verificationMethod: string | null;
  /** The reviewer who verified it (pseudonymous). */
  verifiedByUser: string | null;
  provenance: ProvenanceView;
  /** Derived at read time: 'verified', 'unverified' or 'stale' (verified more than a year ago). Expired ones are never returned. */
  trust: CertificationTrust;
}

export interface CompetenceView {
  code: string;
  name: Text;
  kind: 'role' | 'skill';
  headcount: number;
  provenance: ProvenanceView;
}

export interface CompanySummary {
  slug: string;
  cvr: string;
  name: string;
  legalForm: string;
  description: Text;
  city: string;
  municipality: MunicipalityView;
  region: RegionView;
  sizeBand: SizeBand;
  languages: Language[];
  website: string;
  sample: boolean;
}

export interface ProductSummary {
  slug: string;
  name: string;
  kind: ProductKind;
  description: Text;
  pricingModel: PricingModel;
  priceFromDkk: number | null;
  delivery: Delivery[];
  languages: Language[];
  smeFit: boolean;
  status: ProductStatus;
  companySlug: string;
  companyName: string;
}

export interface CompanyProfile extends CompanySummary {
  address: string;
  postcode: string;
  email: string;
  phone: string;
  founded: number;
  employees: number;
  customerSizeBands: SizeBand[];
  regionsServed: RegionView[];
  sectors: CodeName[];
  competences: CompetenceView[];
  certifications: CertificationView[];
  /** With each product's needs, so a company and its products' needs are one read. */
  products: Array<ProductSummary & { needs: NeedSummary[] }>;
  partners: Array<{ slug: string; name: string }>;
  needs: NeedSummary[];
  updatedAt: string;
  /** When the company last confirmed its listing as still correct (graph/confirmation.ts); null when never. */
  confirmedAt: string | null;
  /** Bumped by every published change; an edit made from an older one is a conflict. */
  version: number;
  provenance: ProvenanceView;
}

export interface ProductProfile extends ProductSummary {
  needs: NeedSummary[];
  categories: CodeName[];
  csfCategories: CodeName[];
  regulations: CodeName[];
  company: CompanySummary;
  updatedAt: string;
  /** The company's last confirmation: a product is confirmed with its company. */
  confirmedAt: string | null;
  version: number;
  provenance: ProvenanceView;
}

export interface NeedSummary {
  slug: string;
  name: Text;
  summary: Text;
}

export interface NeedView extends NeedSummary {
  question: Text;
  keywords: { da: string[]; en: string[] };
  csfCategories: CodeName[];
  nis2Measures: CodeName[];
  dMaerketCriteria: CodeName[];
  skills: CodeName[];
  regulations: CodeName[];
  categories: CodeName[];
  providerCount: number;
}

export interface CategoryNode extends CodeName {
  scheme: 'jrc-domain' | 'service';
  children: CategoryNode[];
}

export interface CsfFunctionNode extends CodeName {
  categories: CodeName[];
}

export interface RegionNode extends RegionView {
  municipalities: MunicipalityView[];
}

/** Code → label lookups for facets and filters on the site. */
export interface TaxonomyLabels {
  needs: Record<string, Text>;
  categories: Record<string, Text>;
  csfFunctions: Record<string, Text>;
  certifications: Record<string, Text>;
  regions: Record<string, Text>;
  municipalities: Record<string, Text>;
  sectors: Record<string, Text>;
}
