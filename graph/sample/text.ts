import type { CompanyRow, Delivery, NeedRow, PricingModel, ProductKind, SizeBand, Text } from '../model';
import type { Random } from './random';

/**
 * The Danish and English texts of the sample listings, built from the needs' own names,
 * summaries and keywords so that search meets realistic vendor wording (compounds such as
 * "døgnovervågning" included).
 */

export interface ProductText {
  name: string;
  kind: ProductKind;
  company: CompanyRow;
  needs: NeedRow[];
  delivery: Delivery[];
  pricingModel: PricingModel;
  priceFromDkk: number | null;
}

export function describeProduct(random: Random, p: ProductText): Text {
  const [first, ...others] = p.needs as [NeedRow, ...NeedRow[]];
  const audience = audienceText(p.company.customerSizeBands);
  const topics = random.distinct(first.keywords.da, 3);
  const topicsEn = random.distinct(first.keywords.en, 3);
  const da = [
    p.kind === 'service'
      ? `${p.name} er en ydelse fra ${p.company.name}, der hjælper ${audience.da} med ${phrase(first.name.da)}.`
      : `${p.name} er en løsning fra ${p.company.name} til ${phrase(first.name.da)} for ${audience.da}.`,
    random.chance(0.5) ? first.summary.da : '',
    `Typiske emner: ${listDa(topics)}.`,
    others.length > 0 ? `Dækker også ${listDa(others.map((need) => phrase(need.name.da)))}.` : '',
    deliveryText(p.delivery).da,
    priceText(p.pricingModel, p.priceFromDkk).da,
  ];
  const en = [
    p.kind === 'service'
      ? `${p.name} is a service from ${p.company.name} that helps ${audience.en} with ${phrase(first.name.en)}.`
      : `${p.name} is a solution from ${p.company.name} for ${phrase(first.name.en)} for ${audience.en}.`,
    random.chance(0.5) ? first.summary.en : '',
    `Typical topics: ${listEn(topicsEn)}.`,
    others.length > 0 ? `Also covers ${listEn(others.map((need) => phrase(need.name.en)))}.` : '',
    deliveryText(p.delivery).en,
    priceText(p.pricingModel, p.priceFromDkk).en,
  ];
  return { da: da.filter(Boolean).join(' '), en: en.filter(Boolean).join(' ') };
}

const SIZE_WORD: Record<SizeBand, Text> = {
  micro: { da: 'lille', en: 'small' },
  small: { da: 'mindre', en: 'smaller' },
  medium: { da: 'mellemstor', en: 'medium-sized' },
  large: { da: 'stor', en: 'large' },
};

export function describeCompany(random: Random, row: CompanyRow, about: Text, town: string, needs: NeedRow[]): Text {
  const focus = random.distinct(needs, 3);
  const audience = audienceText(row.customerSizeBands);
  const nationwide = row.regionsServed.length === 5;
  return {
    da: [
      `${row.name} er en ${SIZE_WORD[row.sizeBand].da} it-sikkerhedsvirksomhed i ${town}, grundlagt i ${row.founded}.`,
      about.da,
      `Vi hjælper ${audience.da} med ${listDa(focus.map((need) => phrase(need.name.da)))}.`,
      nationwide ? 'Vi arbejder i hele landet.' : '',
    ]
      .filter(Boolean)
      .join(' '),
    en: [
      `${row.name} is a ${SIZE_WORD[row.sizeBand].en} IT security company in ${town}, founded in ${row.founded}.`,
      about.en,
      `We help ${audience.en} with ${listEn(focus.map((need) => phrase(need.name.en)))}.`,
      nationwide ? 'We work throughout Denmark.' : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}

function audienceText(bands: SizeBand[]): Text {
  const smallOnes = bands.includes('micro') || bands.includes('small');
  if (smallOnes && !bands.includes('large')) {
    return { da: 'små og mellemstore virksomheder', en: 'small and medium-sized businesses' };
  }
  if (!smallOnes) return { da: 'større virksomheder og organisationer', en: 'larger companies and organisations' };
  return { da: 'virksomheder i alle størrelser', en: 'businesses of every size' };
}

function deliveryText(delivery: Delivery[]): Text {
  if (delivery.length === 2)
    return { da: 'Leveres hos jer eller som fjernydelse.', en: 'Delivered on site or remotely.' };
  if (delivery[0] === 'onsite') return { da: 'Vi kommer ud til jer.', en: 'We come to you.' };
  return { da: 'Leveres som fjernydelse i hele landet.', en: 'Delivered remotely anywhere in Denmark.' };
}

function priceText(model: PricingModel, price: number | null): Text {
  if (price === null) return { da: 'Pris efter tilbud.', en: 'Price on request.' };
  const unit: Record<Exclude<PricingModel, 'quote'>, Text> = {
    subscription: { da: ' pr. måned', en: ' per month' },
    hourly: { da: ' pr. time', en: ' per hour' },
    fixed: { da: '', en: '' },
  };
  const suffix = unit[model as Exclude<PricingModel, 'quote'>];
  return {
    da: `Pris fra ${groupDigits(price, '.')} kr.${suffix.da} ekskl. moms.`,
    en: `From DKK ${groupDigits(price, ',')}${suffix.en} excl. VAT.`,
  };
}

/** A need name inside a sentence: lower-case first letter unless it starts an acronym or a brand. */
function phrase(name: string): string {
  if (name.startsWith('Microsoft') || !/^.\p{Ll}/u.test(name)) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function listDa(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
}

function listEn(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function groupDigits(value: number, separator: string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}
