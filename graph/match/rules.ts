/**
 * The ranking rules as data. The ranking code reads its points from here and the public
 * "how we rank" page renders these texts, so the page and the code cannot disagree: the texts
 * are built from the same numbers the code uses.
 */
import { formatDkk, formatPoints } from '../format';
import type { Text } from '../model';
import { BUDGET_BANDS, type BudgetBand, SME_SIZE_BANDS } from '../vocabulary';
import type { Criterion } from './types';

const NEEDS = { max: 50 } as const;
const CERTIFICATIONS = { max: 10, verified: 5, unverifiedOrStale: 2.5 } as const;
const DISTANCE = { sameMunicipality: 12, sameRegion: 9, servesRegion: 6, remoteDelivery: 3 } as const;
const SECTOR = { experienced: 8 } as const;
const SME_FIT = { smeFitProduct: 6, servesSizeBand: 4, speaksLanguage: 2 } as const;
const PRICE = { withinBudget: 8, onRequest: 4, aboveBudget: 0 } as const;
const SME_FIT_MAX = SME_FIT.smeFitProduct + SME_FIT.servesSizeBand + SME_FIT.speaksLanguage;

const BUDGET_LIMITS: Record<BudgetBand, number | null> = { small: 10_000, medium: 50_000, large: 250_000, any: null };

const da = (value: number) => formatPoints('da', value);
const en = (value: number) => formatPoints('en', value);

function budgetLabel(band: BudgetBand): Text {
  const limit = BUDGET_LIMITS[band];
  if (limit === null) return { da: 'Intet fast budget', en: 'No fixed budget' };
  return { da: `Op til ${formatDkk('da', limit)}`, en: `Up to ${formatDkk('en', limit)}` };
}

export interface CriterionRule {
  criterion: Criterion;
  max: number;
  title: Text;
  description: Text;
}

export const RANKING_RULES = {
  totalMax:
    NEEDS.max + CERTIFICATIONS.max + DISTANCE.sameMunicipality + SECTOR.experienced + SME_FIT_MAX + PRICE.withinBudget,
  /** The order the page and every result's breakdown show the criteria in. */
  order: ['needs', 'certifications', 'distance', 'sector', 'smeFit', 'price'] as const satisfies readonly Criterion[],
  criteria: {
    needs: {
      criterion: 'needs',
      max: NEEDS.max,
      title: { da: 'Dine behov', en: 'Your needs' },
      description: {
        da:
          `Op til ${NEEDS.max} point efter, hvor stor en del af dine valgte behov udbyderen dækker med aktive ` +
          `produkter eller ydelser. Dækker den 2 af 4 behov, får den ${da(NEEDS.max / 2)} point. ` +
          'Udbydere, der ikke dækker nogen af dine behov, vises ikke.',
        en:
          `Up to ${NEEDS.max} points for the share of your chosen needs the provider covers with active products ` +
          `or services. Covering 2 of 4 needs gives ${en(NEEDS.max / 2)} points. ` +
          'Providers that cover none of your needs are not shown.',
      },
    },
    certifications: {
      criterion: 'certifications',
      max: CERTIFICATIONS.max,
      verified: CERTIFICATIONS.verified,
      unverifiedOrStale: CERTIFICATIONS.unverifiedOrStale,
      title: { da: 'Certificeringer', en: 'Certifications' },
      description: {
        da:
          `Op til ${CERTIFICATIONS.max} point for certificeringer, der dokumenterer regler, som betyder noget ` +
          'for dig: dem, du selv har nævnt (fx NIS2), og dem, dine behov hænger sammen med. En certificering, ' +
          `som NCC-DK har verificeret, giver ${da(CERTIFICATIONS.verified)} point. En ikke-verificeret eller ` +
          `forældet certificering giver ${da(CERTIFICATIONS.unverifiedOrStale)} point. Udløbne certificeringer ` +
          'tæller ikke og vises ikke.',
        en:
          `Up to ${CERTIFICATIONS.max} points for certifications that attest to rules that matter to you: those ` +
          'you named yourself (e.g. NIS2) and those your needs relate to. A certification verified by NCC-DK ' +
          `gives ${en(CERTIFICATIONS.verified)} points. An unverified or stale one gives ` +
          `${en(CERTIFICATIONS.unverifiedOrStale)} points. Expired certifications do not count and are not shown.`,
      },
    },
    distance: {
      criterion: 'distance',
      max: DISTANCE.sameMunicipality,
      ...DISTANCE,
      title: { da: 'Afstand', en: 'Distance' },
      description: {
        da:
          `Op til ${DISTANCE.sameMunicipality} point for nærhed: ${DISTANCE.sameMunicipality} point hvis ` +
          `udbyderen ligger i din kommune, ${DISTANCE.sameRegion} point hvis den ligger i din region, ` +
          `${DISTANCE.servesRegion} point hvis den betjener kunder i din region, og ` +
          `${DISTANCE.remoteDelivery} point hvis den kun kan hjælpe dig på afstand. Ønsker du hjælp på stedet, ` +
          'giver hjælp på afstand 0 point. Har du ikke valgt en kommune, får alle ' +
          `${DISTANCE.sameMunicipality} point, så afstand ikke gør forskel.`,
        en:
          `Up to ${DISTANCE.sameMunicipality} points for being close: ${DISTANCE.sameMunicipality} points if the ` +
          `provider is in your municipality, ${DISTANCE.sameRegion} points if it is in your region, ` +
          `${DISTANCE.servesRegion} points if it serves customers in your region, and ` +
          `${DISTANCE.remoteDelivery} points if it can only help you remotely. If you want help on site, remote ` +
          `help gives 0 points. If you did not choose a municipality, everyone gets ${DISTANCE.sameMunicipality} ` +
          'points, so distance makes no difference.',
      },
    },
    sector: {
      criterion: 'sector',
      max: SECTOR.experienced,
      ...SECTOR,
      title: { da: 'Din branche', en: 'Your sector' },
      description: {
        da:
          `${SECTOR.experienced} point hvis udbyderen har erfaring med din sektor. Har du ikke valgt en sektor, ` +
          `får alle ${SECTOR.experienced} point, så sektor ikke gør forskel.`,
        en:
          `${SECTOR.experienced} points if the provider has experience in your sector. If you did not choose a ` +
          `sector, everyone gets ${SECTOR.experienced} points, so sector makes no difference.`,
      },
    },
    smeFit: {
      criterion: 'smeFit',
      max: SME_FIT_MAX,
      ...SME_FIT,
      title: { da: 'Passer til en virksomhed som din', en: 'Fits a business like yours' },
      description: {
        da:
          `Op til ${SME_FIT_MAX} point: ` +
          `${SME_FIT.smeFitProduct} point hvis et af de relevante produkter er lavet til små og mellemstore ` +
          `virksomheder, ${SME_FIT.servesSizeBand} point hvis udbyderen har kunder på din størrelse (har du ikke ` +
          'angivet størrelse: kunder blandt små og mellemstore virksomheder), og ' +
          `${SME_FIT.speaksLanguage} point hvis den taler dit foretrukne sprog (dansk, hvis du ikke har valgt).`,
        en:
          `Up to ${SME_FIT_MAX} points: ` +
          `${SME_FIT.smeFitProduct} points if one of the relevant products is made for small and medium-sized ` +
          `businesses, ${SME_FIT.servesSizeBand} points if the provider has customers of your size (if you did ` +
          'not give a size: customers among small and medium-sized businesses), and ' +
          `${SME_FIT.speaksLanguage} points if it speaks your preferred language (Danish if you did not choose).`,
      },
    },
    price: {
      criterion: 'price',
      max: PRICE.withinBudget,
      ...PRICE,
      title: { da: 'Pris', en: 'Price' },
      description: {
        da:
          `Op til ${PRICE.withinBudget} point for prisen på udbyderens bedste relevante produkt: ` +
          `${PRICE.withinBudget} point hvis prisen er inden for dit budget, ${PRICE.onRequest} point hvis prisen ` +
          `gives efter aftale, og ${PRICE.aboveBudget} point hvis den er over budgettet. Har du ikke sat et ` +
          `budget, giver alle produkter med en oplyst pris ${PRICE.withinBudget} point.`,
        en:
          `Up to ${PRICE.withinBudget} points for the price of the provider's best relevant product: ` +
          `${PRICE.withinBudget} points if the price is within your budget, ${PRICE.onRequest} points if the price ` +
          `is on request, and ${PRICE.aboveBudget} points if it is above your budget. If you did not set a ` +
          `budget, every product with a stated price gives ${PRICE.withinBudget} points.`,
      },
    },
  },
  budgetBands: BUDGET_BANDS.map((band) => ({
    band,
    maxDkk: BUDGET_LIMITS[band],
    label: budgetLabel(band),
  })),
  /** Without a size band we still know the visitor is an SME, so "fits" means serving SME-sized customers. */
  smeSizeBands: SME_SIZE_BANDS,
  /** The language assumed when the SME did not choose one. */
  defaultLanguage: 'da',
  ties: {
    title: { da: 'Lige mange point', en: 'Equal points' },
    description: {
      da:
        'Udbydere med lige mange point stilles i en rækkefølge, der trækkes på ny hver dag efter en fast formel. ' +
        'Rækkefølgen er den samme hele dagen, men over tid står ingen udbyder oftere først end de andre. ' +
        'Vi sorterer aldrig efter navn.',
      en:
        'Providers with equal points are put in an order that is drawn anew every day by a fixed formula. ' +
        'The order stays the same all day, but over time no provider comes first more often than the others. ' +
        'We never sort by name.',
    },
  },
  neutrality: {
    da:
      'Cyberkort drives af NCC-DK, en offentlig myndighed. Ingen udbyder kan betale for en bedre placering, og ' +
      'alle resultater forklares ud fra de samme offentlige kriterier.',
    en:
      'Cyberkort is run by NCC-DK, a public authority. No provider can pay for a better place, and every result ' +
      'is explained by the same public criteria.',
  },
} as const;

/** Upper price limit of a budget band; null means no limit. */
export function budgetLimit(band: BudgetBand | null | undefined): number | null {
  return BUDGET_LIMITS[band ?? 'any'];
}

/** The criteria in page order, for rendering. */
export function criterionRules(): CriterionRule[] {
  return RANKING_RULES.order.map((criterion) => {
    const { max, title, description } = RANKING_RULES.criteria[criterion];
    return { criterion, max, title, description };
  });
}
