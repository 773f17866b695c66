import type { OpenDataCompany } from '../../graph/open-data';
import { type CsvValue, csvRow, csvCell as guardedCell } from './csv';

/**
 * The open-data files built from the published directory (graph/open-data.ts): the directory as
 * JSON, two CSV files (companies, products), the ECCC Cybersecurity Atlas export, and the DCAT-AP
 * description of the dataset. Pure functions: src/use-cases/open-data.ts writes what they return.
 */

export const LICENCE = {
  name: 'CC BY 4.0',
  title: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  /** The EU licence authority's URI, which DCAT-AP validators expect in dct:license. */
  authority: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
  attribution: 'Cyberkort, NCC-DK (Nationalt Koordinationscenter for Cybersikkerhed)',
} as const;

/** The files of one export, by their stable names (URLs are /aaben-data/<name>). */
export const OPEN_DATA_FILES = {
  directory: 'cyberkort.json',
  companiesCsv: 'cyberkort-virksomheder.csv',
  productsCsv: 'cyberkort-produkter.csv',
  eccc: 'eccc-atlas.json',
  dcat: 'dcat.jsonld',
} as const;

export type OpenDataFileKey = keyof typeof OPEN_DATA_FILES;
export type OpenDataFileName = (typeof OPEN_DATA_FILES)[OpenDataFileKey];

/** Content type each file is served with; the JSON-LD and CSV ones carry their charset. */
export const OPEN_DATA_MEDIA_TYPES: Record<OpenDataFileName, string> = {
  'cyberkort.json': 'application/json; charset=utf-8',
  'cyberkort-virksomheder.csv': 'text/csv; charset=utf-8; header=present',
  'cyberkort-produkter.csv': 'text/csv; charset=utf-8; header=present',
  'eccc-atlas.json': 'application/json; charset=utf-8',
  'dcat.jsonld': 'application/ld+json; charset=utf-8',
};

export function isOpenDataFileName(name: string): name is OpenDataFileName {
  return Object.hasOwn(OPEN_DATA_MEDIA_TYPES, name);
}

/** Where the files and the page live; the files are the same for both languages. */
export const OPEN_DATA_PATH = '/aaben-data';
export const openDataFileUrl = (publicUrl: string, name: OpenDataFileName) => `${publicUrl}${OPEN_DATA_PATH}/${name}`;
const profileUrl = (publicUrl: string, kind: 'virksomhed' | 'produkt', slug: string) =>
  `${publicUrl}/${kind}/${encodeURIComponent(slug)}`;

// ---------------------------------------------------------------------------------------------
// JSON

/** The directory file's fields before its list of companies (counts included: the list comes last). */
export function directoryHead(publicUrl: string, generatedAt: string, counts: { companies: number; products: number }) {
  return {
    title: DATASET_TEXT.title,
    publisher: 'NCC-DK',
    licence: { name: LICENCE.name, url: LICENCE.url, attribution: LICENCE.attribution },
    generatedAt,
    /** The DCAT-AP description of this dataset. */
    datasetDescription: openDataFileUrl(publicUrl, OPEN_DATA_FILES.dcat),
    note: {
      da: 'Virksomheder med "sample": true er fiktive eksempeldata, ikke rigtige virksomheder.',
      en: 'Companies with "sample": true are fictional sample data, not real companies.',
    },
    companyCount: counts.companies,
    productCount: counts.products,
  };
}

/** One company of the directory file, with its public addresses. */
export function directoryCompany(company: OpenDataCompany, publicUrl: string) {
  return {
    ...company,
    url: profileUrl(publicUrl, 'virksomhed', company.slug),
    products: company.products.map((product) => ({
      ...product,
      url: profileUrl(publicUrl, 'produkt', product.slug),
    })),
  };
}

/** The directory file as one object (the export writes the same, company by company). */
export function directoryJson(companies: OpenDataCompany[], publicUrl: string, generatedAt: string) {
  return {
    ...directoryHead(publicUrl, generatedAt, {
      companies: companies.length,
      products: companies.reduce((sum, company) => sum + company.products.length, 0),
    }),
    companies: companies.map((company) => directoryCompany(company, publicUrl)),
  };
}

/**
 * A JSON document whose last field is a long list, written a piece at a time: the text before the
 * list, each item, the text after. Joined (items by ",\n"), they are the same bytes as
 * `JSON.stringify({...head, [key]: items}, null, 1)` and a newline, the form every file of the
 * export has, so the export need not hold the whole list to write it (src/use-cases/open-data.ts).
 */
export const jsonList = {
  before(head: object, key: string, empty: boolean): string {
    const text = JSON.stringify(head, null, 1);
    if (text === '{}') throw new Error('jsonList needs a head with at least one field');
    return `${text.slice(0, -2)},\n ${JSON.stringify(key)}: [${empty ? '' : '\n'}`;
  },
  item: (value: unknown): string => `  ${JSON.stringify(value, null, 1).replaceAll('\n', '\n  ')}`,
  after: (empty: boolean): string => (empty ? ']\n}\n' : '\n ]\n}\n'),
};

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: comma-separated, CRLF, quotes doubled). List cells are ';'-joined.

/** One open-data CSV cell: formula-like text guarded, phone numbers left as published (./csv.ts). */
export const csvCell = (value: CsvValue): string => guardedCell(value, { phoneNumbers: true });
const csvLine = (cells: CsvValue[]) => csvRow(cells, { phoneNumbers: true });
const list = (values: readonly string[]) => values.join(';');

export const COMPANY_COLUMNS = [
  'slug',
  'cvr',
  'name',
  'legal_form',
  'description_da',
  'description_en',
  'address',
  'postcode',
  'city',
  'municipality_code',
  'municipality',
  'region_code',
  'region',
  'website',
  'email',
  'phone',
  'founded',
  'employees',
  'size_band',
  'languages',
  'customer_size_bands',
  'regions_served',
  'sectors',
  'ecsf_roles',
  'certifications',
  'products',
  'sample',
  'source',
  'updated_at',
  'confirmed_at',
  'url',
  'licence',
] as const;

/** The companies file's header line. */
export const companiesCsvHeader = (): string => csvLine([...COMPANY_COLUMNS]);

/** One company's line of the companies file. */
export function companyCsvLine(c: OpenDataCompany, publicUrl: string): string {
  return csvLine([
    c.slug,
    c.cvr,
    c.name,
    c.legalForm,
    c.description.da,
    c.description.en,
    c.address,
    c.postcode,
    c.city,
    c.municipality.code,
    c.municipality.name,
    c.region.code,
    c.region.name,
    c.website,
    c.email,
    c.phone,
    c.founded,
    c.employees,
    c.sizeBand,
    list(c.languages),
    list(c.customerSizeBands),
    list(c.regionsServed),
    list(c.sectors.map((sector) => sector.code)),
    list(c.competences.map((competence) => competence.code)),
    list(c.certifications.map((certification) => certification.code)),
    list(c.products.map((product) => product.slug)),
    c.sample,
    c.source,
    c.updatedAt,
    c.confirmedAt,
    profileUrl(publicUrl, 'virksomhed', c.slug),
    LICENCE.url,
  ]);
}

export function companiesCsv(companies: OpenDataCompany[], publicUrl: string): string {
  let out = companiesCsvHeader();
  for (const c of companies) out += companyCsvLine(c, publicUrl);
  return out;
}

export const PRODUCT_COLUMNS = [
  'slug',
  'company_slug',
  'company_cvr',
  'company_name',
  'name',
  'kind',
  'description_da',
  'description_en',
  'pricing_model',
  'price_from_dkk',
  'delivery',
  'languages',
  'sme_fit',
  'needs',
  'categories',
  'jrc_domains',
  'csf_categories',
  'regulations',
  'sample',
  'source',
  'updated_at',
  'url',
  'licence',
] as const;

/** The products file's header line. */
export const productsCsvHeader = (): string => csvLine([...PRODUCT_COLUMNS]);

/** The lines of the products file for one company's active products. */
export function productCsvLines(c: OpenDataCompany, publicUrl: string): string {
  let out = '';
  for (const p of c.products) {
    out += csvLine([
      p.slug,
      c.slug,
      c.cvr,
      c.name,
      p.name,
      p.kind,
      p.description.da,
      p.description.en,
      p.pricingModel,
      p.priceFromDkk,
      list(p.delivery),
      list(p.languages),
      p.smeFit,
      list(p.needs),
      list(p.categories.map((category) => category.code)),
      list(productDomains(p).map((domain) => domain.code)),
      list(p.csfCategories),
      list(p.regulations),
      c.sample,
      p.source,
      p.updatedAt,
      profileUrl(publicUrl, 'produkt', p.slug),
      LICENCE.url,
    ]);
  }
  return out;
}

export function productsCsv(companies: OpenDataCompany[], publicUrl: string): string {
  let out = productsCsvHeader();
  for (const c of companies) out += productCsvLines(c, publicUrl);
  return out;
}

// ---------------------------------------------------------------------------------------------
// ECCC Cybersecurity Atlas / community registration

const productDomains = (product: OpenDataCompany['products'][number]) => {
  const byCode = new Map<string, { code: string; name: { da: string; en: string } }>();
  for (const category of product.categories) for (const domain of category.domains) byCode.set(domain.code, domain);
  return [...byCode.values()];
};

/**
 * ECCC "fields of expertise" a company's listing shows: derived from the JRC domains of its
 * products and whether it makes products. Research, ethics and standardisation are not recorded
 * in Cyberkort, so they are never claimed.
 */
const EXPERTISE_BY_DOMAIN: Record<string, string> = {
  'JRC-OIH': 'Information security or incident response operations',
  'JRC-EDU': 'Training and education',
};

/** The field mapping, shown on the open-data page and written (in English) into the export itself. */
export const ECCC_FIELD_MAPPING: Array<{ field: string; en: string; da: string }> = [
  { field: 'name', en: 'Company name', da: 'Virksomhedens navn' },
  {
    field: 'country',
    en: 'Always "Denmark" (countryCode "DK"): Cyberkort lists Danish companies only',
    da: 'Altid "Denmark" (countryCode "DK"): Cyberkort har kun danske virksomheder',
  },
  { field: 'city', en: 'The city of the company address', da: 'Byen i virksomhedens adresse' },
  { field: 'website', en: 'The company website', da: 'Virksomhedens hjemmeside' },
  {
    field: 'organisationType',
    en: '"Private company" for every listing; organisationSize "SME" for the size bands micro, small and medium, "Large enterprise" for large',
    da: '"Private company" for alle; organisationSize er "SME" for mikro, små og mellemstore virksomheder og "Large enterprise" for store',
  },
  {
    field: 'jrcDomains',
    en: 'The JRC cybersecurity taxonomy domains that the service categories of its active products belong to, by their English JRC names',
    da: 'De domæner i JRC-taksonomien, som kategorierne for virksomhedens aktive produkter og ydelser hører under, med deres engelske JRC-navne',
  },
  {
    field: 'sectors',
    en: 'The sectors the company has experience in; Cyberkort sectors are the JRC taxonomy sectors, by their English JRC names',
    da: 'De brancher, virksomheden har erfaring med; Cyberkorts brancher er JRC-taksonomiens, med deres engelske JRC-navne',
  },
  {
    field: 'technologies',
    en: 'The service categories of its active products (English names); the JRC "technologies and use cases" list is not recorded in Cyberkort and is never guessed',
    da: 'Kategorierne for de aktive produkter og ydelser (engelske navne); JRC-listen over teknologier registreres ikke i Cyberkort og bliver aldrig gættet',
  },
  {
    field: 'products',
    en: 'Its active products and services: name, kind (product or service) and Cyberkort address',
    da: 'De aktive produkter og ydelser: navn, art (produkt eller ydelse) og adresse på Cyberkort',
  },
  {
    field: 'fieldsOfExpertise',
    en: '"Information security or incident response operations" with a product in the JRC domain Operational Incident Handling and Digital Forensics, "Training and education" with one in Education and Training, "Industrial or product development" when it offers a product (not only services)',
    da: '"Information security or incident response operations" med en ydelse i JRC-domænet for hændelseshåndtering og efterforskning, "Training and education" med en i uddannelse og træning, "Industrial or product development" når den tilbyder et produkt (ikke kun ydelser)',
  },
  {
    field: 'contactEmail',
    en: 'The company public contact e-mail, as its public profile shows it (never the e-mail of a person who logs in)',
    da: 'Virksomhedens offentlige kontakt-e-mail, som den står på profilen (aldrig e-mailen på en person, der logger ind)',
  },
  { field: 'nationalId', en: 'The Danish CVR number', da: 'CVR-nummeret' },
  {
    field: 'sample',
    en: 'true for the fictional sample data, which must not be passed on as real organisations',
    da: 'true for de fiktive eksempeldata, som ikke må gives videre som rigtige organisationer',
  },
];

/** The ECCC file's fields before its list of organisations. */
export function ecccHead(generatedAt: string) {
  return {
    format: 'ECCC Cybersecurity Atlas / ECCC community registration (JRC cybersecurity taxonomy)',
    taxonomy: "European Commission JRC, 'A Proposal for a European Cybersecurity Taxonomy' (2019)",
    publisher: 'NCC-DK',
    generatedAt,
    licence: { name: LICENCE.name, url: LICENCE.url, attribution: LICENCE.attribution },
    fieldMapping: ECCC_FIELD_MAPPING.map(({ field, en }) => ({ field, from: en })),
  };
}

/** One company as an ECCC Atlas organisation. */
export function ecccOrganisation(c: OpenDataCompany, publicUrl: string) {
  const domains = new Map<string, string>();
  const technologies = new Set<string>();
  for (const product of c.products) {
    for (const domain of productDomains(product)) domains.set(domain.code, domain.name.en);
    for (const category of product.categories) technologies.add(category.name.en);
  }
  const expertise = new Set<string>();
  for (const code of domains.keys()) {
    const field = EXPERTISE_BY_DOMAIN[code];
    if (field) expertise.add(field);
  }
  if (c.products.some((product) => product.kind === 'product')) expertise.add('Industrial or product development');
  return {
    name: c.name,
    country: 'Denmark',
    countryCode: 'DK',
    city: c.city,
    website: c.website,
    organisationType: 'Private company',
    organisationSize: c.sizeBand === 'large' ? 'Large enterprise' : 'SME',
    jrcDomains: [...domains.values()].sort(),
    sectors: c.sectors.map((sector) => sector.name.en).sort(),
    technologies: [...technologies].sort(),
    products: c.products.map((product) => ({
      name: product.name,
      kind: product.kind,
      url: profileUrl(publicUrl, 'produkt', product.slug),
    })),
    fieldsOfExpertise: [...expertise].sort(),
    contactEmail: c.email,
    nationalId: { scheme: 'DK-CVR', value: c.cvr },
    url: profileUrl(publicUrl, 'virksomhed', c.slug),
    sample: c.sample,
  };
}

/** The ECCC file as one object (the export writes the same, organisation by organisation). */
export function ecccAtlas(companies: OpenDataCompany[], publicUrl: string, generatedAt: string) {
  return {
    ...ecccHead(generatedAt),
    organisations: companies.map((c) => ecccOrganisation(c, publicUrl)),
  };
}

// ---------------------------------------------------------------------------------------------
// DCAT-AP (JSON-LD), the profile data.gov.dk / Datavejviser and data.europa.eu harvest

export interface PublishedFile {
  name: OpenDataFileName;
  bytes: number;
}

const DISTRIBUTIONS: Record<
  Exclude<OpenDataFileKey, 'dcat'>,
  { da: string; en: string; format: 'JSON' | 'CSV'; mediaType: string }
> = {
  directory: {
    da: 'Hele kataloget (virksomheder med aktive ydelser) som JSON',
    en: 'The whole directory (companies with their active offerings) as JSON',
    format: 'JSON',
    mediaType: 'application/json',
  },
  companiesCsv: { da: 'Virksomheder som CSV', en: 'Companies as CSV', format: 'CSV', mediaType: 'text/csv' },
  productsCsv: {
    da: 'Produkter og ydelser som CSV',
    en: 'Products and services as CSV',
    format: 'CSV',
    mediaType: 'text/csv',
  },
  eccc: {
    da: 'Organisationer i ECCC Cybersecurity Atlas-format (JRC-taksonomien)',
    en: 'Organisations in the ECCC Cybersecurity Atlas shape (JRC taxonomy)',
    format: 'JSON',
    mediaType: 'application/json',
  },
};

export const DATASET_TEXT = {
  title: {
    da: 'Cyberkort: danske cybersikkerhedsvirksomheder og deres ydelser',
    en: 'Cyberkort: Danish cybersecurity companies and their offerings',
  },
  description: {
    da: 'Det offentliggjorte katalog over danske cybersikkerhedsvirksomheder og deres aktive produkter og ydelser fra Cyberkort, drevet af NCC-DK. Opdateres hver nat. Indeholder ingen personoplysninger. Licens: CC BY 4.0. Virksomheder markeret som eksempeldata er fiktive.',
    en: 'The published directory of Danish cybersecurity companies and their active products and services from Cyberkort, run by NCC-DK. Updated nightly. Contains no personal data. Licence: CC BY 4.0. Companies marked as sample data are fictional.',
  },
};

const lang = (text: { da: string; en: string }) => [
  { '@value': text.da, '@language': 'da' },
  { '@value': text.en, '@language': 'en' },
];

/** The DCAT-AP 2 description of the dataset, with one dcat:Distribution per data file. */
export function dcatDescription(options: { publicUrl: string; generatedAt: string; files: PublishedFile[] }) {
  const { publicUrl, generatedAt } = options;
  const bytesOf = new Map(options.files.map((file) => [file.name, file.bytes]));
  const landingPage = `${publicUrl}${OPEN_DATA_PATH}`;
  const licence = { '@id': LICENCE.authority };
  const modified = { '@value': generatedAt, '@type': 'xsd:dateTime' };
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      adms: 'http://www.w3.org/ns/adms#',
    },
    '@id': `${landingPage}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `${landingPage}#dataset`,
    'dct:title': lang(DATASET_TEXT.title),
    'dct:description': lang(DATASET_TEXT.description),
    'dct:publisher': {
      '@id': `${publicUrl}/#ncc-dk`,
      '@type': 'foaf:Agent',
      'foaf:name': lang({
        da: 'NCC-DK (Nationalt Koordinationscenter for Cybersikkerhed)',
        en: 'NCC-DK (National Coordination Centre for Cybersecurity, Denmark)',
      }),
    },
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': 'NCC-DK',
      'vcard:hasURL': { '@id': landingPage },
    },
    'dct:license': licence,
    'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
    'dct:modified': modified,
    'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY' },
    'dct:language': [
      { '@id': 'http://publications.europa.eu/resource/authority/language/DAN' },
      { '@id': 'http://publications.europa.eu/resource/authority/language/ENG' },
    ],
    'dcat:theme': [
      { '@id': 'http://publications.europa.eu/resource/authority/data-theme/TECH' },
      { '@id': 'http://publications.europa.eu/resource/authority/data-theme/ECON' },
    ],
    'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/country/DNK' },
    'dcat:keyword': [
      { '@value': 'cybersikkerhed', '@language': 'da' },
      { '@value': 'leverandører', '@language': 'da' },
      { '@value': 'cybersecurity', '@language': 'en' },
      { '@value': 'suppliers', '@language': 'en' },
    ],
    'dcat:landingPage': { '@id': landingPage },
    'dcat:distribution': (Object.keys(DISTRIBUTIONS) as Array<keyof typeof DISTRIBUTIONS>).map((key) => {
      const spec = DISTRIBUTIONS[key];
      const name = OPEN_DATA_FILES[key];
      const url = openDataFileUrl(publicUrl, name);
      const bytes = bytesOf.get(name);
      return {
        '@id': `${url}#distribution`,
        '@type': 'dcat:Distribution',
        'dct:title': lang({ da: spec.da, en: spec.en }),
        'dcat:accessURL': { '@id': landingPage },
        'dcat:downloadURL': { '@id': url },
        'dct:format': { '@id': `http://publications.europa.eu/resource/authority/file-type/${spec.format}` },
        'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${spec.mediaType}` },
        'dct:license': licence,
        'dct:modified': modified,
        ...(bytes === undefined
          ? {}
          : { 'dcat:byteSize': { '@value': String(bytes), '@type': 'xsd:nonNegativeInteger' } }),
      };
    }),
  };
}
