/**
 * SME matching: the profile an SME gives, the facts the graph returns for each candidate
 * provider, and the ranked, explained result.
 */
import type { Text } from '../model';
import type {
  BudgetBand,
  CertificationTrust,
  ComplianceDriver,
  Delivery,
  DeliveryPreference,
  PreferredLanguage,
  SizeBand,
} from '../vocabulary';

export type { BudgetBand, ComplianceDriver, DeliveryPreference } from '../vocabulary';

export interface MatchProfile {
  needs: string[]; // need slugs, 1..15
  sector?: string | null; // sector code
  sizeBand?: SizeBand | null;
  municipality?: string | null; // municipality code
  language?: PreferredLanguage | null;
  budget?: BudgetBand | null;
  delivery?: DeliveryPreference | null;
  drivers?: ComplianceDriver[];
}

/** What the graph says about one candidate: only these facts may appear in explanations. */
export interface CandidateProduct {
  slug: string;
  name: string;
  needSlugs: string[]; // the profile's needs this product addresses
  priceFromDkk: number | null;
  delivery: Delivery[];
  languages: string[];
  smeFit: boolean;
}

export interface CandidateCertification {
  code: string;
  name: string;
  trust: CertificationTrust;
  /** Regulation codes the certification attests to. */
  regulations: string[];
}

export interface Candidate {
  slug: string;
  name: string;
  municipality: { code: string; name: string };
  /** The company's region, named in both languages. */
  region: { code: string; name: Text };
  regionsServed: string[];
  sectors: string[];
  languages: string[];
  customerSizeBands: SizeBand[];
  website: string;
  email: string;
  phone: string;
  /** The company's last yearly confirmation (ISO); 12 months on it is marked, 15 months on it is not matched. */
  confirmedAt?: string | null;
  products: CandidateProduct[];
  certifications: CandidateCertification[];
}

/** Facts about the SME's side that the ranking needs from the graph. */
export interface MatchContext {
  profile: MatchProfile;
  /** Region of the profile's municipality (null when no municipality given). */
  regionCode: string | null;
  /** That region's name in both languages (null when no municipality given). */
  regionName: Text | null;
  municipalityName: string | null;
  sectorName: Text | null;
  /** Need slug → name, for the profile's needs that exist. */
  needNames: Record<string, Text>;
  /** Regulations that matter: the drivers plus the regulations the chosen needs relate to. */
  relevantRegulations: string[];
  /** YYYY-MM-DD in Europe/Copenhagen: the day the tie rotation is stable for. */
  day: string;
}

export type Criterion = 'needs' | 'certifications' | 'distance' | 'sector' | 'smeFit' | 'price';

export interface ScoreComponent {
  criterion: Criterion;
  points: number;
  max: number;
  /** Plain-language reasons, each built from one fact in the graph. */
  reasons: Text[];
}

export interface RankedProvider {
  candidate: Candidate;
  score: number;
  breakdown: ScoreComponent[];
  coveredNeeds: string[];
  /** Products that matter for the chosen needs, best first. */
  products: CandidateProduct[];
  rank: number;
}

/**
 * Ranked providers, best first, read by position. A match ranks thousands and a page shows a few, so
 * the matcher's list makes a provider's object only when it is read (an array is one too).
 */
export interface RankedList extends Iterable<RankedProvider> {
  readonly length: number;
  at(index: number): RankedProvider | undefined;
  slice(start?: number, end?: number): RankedProvider[];
}

export interface MatchResult {
  providers: RankedList;
  /**
   * Companies with an active product for at least one chosen need, before any is left out of the
   * ranking (a lapsed confirmation, a budget). It is the need's provider count that the home page,
   * the search and GraphQL `Need.providerCount` show, so the results can say how it relates to theirs.
   */
  offering: number;
  uncoveredNeeds: string[];
  fewest: { providers: RankedProvider[]; complete: boolean; uncoveredNeeds: string[] };
}
