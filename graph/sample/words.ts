import type { CompanyRow, PricingModel, ProductKind } from '../model';

/**
 * Word lists for the fictional sample: company name parts, the company profiles ("clusters")
 * that keep each company's products coherent, and product names per service category.
 */

export const NAME_FIRST: readonly string[] = [
  'Nordlys',
  'Fyrtårn',
  'Skjold',
  'Ravn',
  'Ugle',
  'Kompas',
  'Anker',
  'Borg',
  'Fjord',
  'Klit',
  'Lyngby',
  'Egetræ',
  'Bølge',
  'Havørn',
  'Vikinge',
  'Runesten',
  'Stormly',
  'Granit',
  'Polar',
  'Solskin',
  'Kvartz',
  'Bastion',
  'Vagttårn',
  'Nøgle',
  'Lanterne',
  'Morgenrøde',
  'Højbro',
  'Stjerne',
  'Mølle',
  'Birk',
  'Skovlys',
  'Havbrise',
  'Fyrværk',
  'Tinde',
  'Kobber',
  'Jernhest',
  'Glimt',
  'Vestvind',
  'Østersø',
  'Nordkap',
  'Sydhavn',
  'Ulv',
  'Falk',
  'Trane',
  'Lærke',
  'Odin',
  'Frej',
  'Gefion',
  'Heimdal',
  'Vidar',
  'Bifrost',
  'Midgaard',
  'Kronborg',
  'Limfjord',
  'Vadehav',
  'Skagen',
  'Gudenå',
  'Mols',
  'Rold',
  'Himmerland',
];

export const NAME_SECOND: readonly string[] = [
  'Sikkerhed',
  'Cyber',
  'IT-Sikkerhed',
  'Security',
  'Digital',
  'Forsvar',
  'Consult',
  'Data',
  'Net',
  'IT',
  'Rådgivning',
  'Secure',
  'Labs',
  'Partners',
  'Vagt',
  'Defence',
  'Systems',
  'Cybervagt',
  'Datasikring',
  'Informatik',
];

export const LEGAL_FORMS: ReadonlyArray<readonly [CompanyRow['legalForm'], number]> = [
  ['ApS', 68],
  ['A/S', 16],
  ['Enkeltmandsvirksomhed', 8],
  ['I/S', 3],
  ['P/S', 3],
  ['IVS', 2],
];

export type ClusterId = 'msp' | 'grc' | 'offensive' | 'soc' | 'training' | 'industrial' | 'product-security';

export interface Cluster {
  id: ClusterId;
  weight: number;
  categories: ReadonlyArray<readonly [string, number]>;
  /** A sentence about what the company does, used in its description. */
  about: { da: string; en: string };
}

/**
 * OT security and secure product development (CRA) exist only in the two rare clusters, so
 * those needs stay scarce: gap analysis should have something to show.
 */
export const CLUSTERS: readonly Cluster[] = [
  {
    id: 'msp',
    weight: 34,
    categories: [
      ['SVC-BACKUP', 5],
      ['SVC-PATCH-MGMT', 3],
      ['SVC-ENDPOINT', 4],
      ['SVC-FIREWALL-NETWORK', 4],
      ['SVC-CLOUD-M365', 5],
      ['SVC-MDM', 2],
      ['SVC-SECURE-REMOTE', 2],
      ['SVC-IAM-MFA', 3],
      ['SVC-PASSWORD-MGMT', 2],
      ['SVC-EMAIL-SECURITY', 3],
      ['SVC-ASSET-INVENTORY', 1],
      ['SVC-ENCRYPTION', 2],
    ],
    about: {
      da: 'Vi driver og sikrer it for små og mellemstore virksomheder og bygger sikkerheden ind i den daglige drift.',
      en: 'We run and secure IT for small and medium-sized businesses and build security into everyday operations.',
    },
  },
  {
    id: 'grc',
    weight: 22,
    categories: [
      ['SVC-COMPLIANCE', 6],
      ['SVC-RISK-ASSESSMENT', 4],
      ['SVC-VCISO', 4],
      ['SVC-BUSINESS-CONTINUITY', 2],
      ['SVC-SUPPLY-CHAIN', 2],
      ['SVC-CERT-AUDIT', 2],
      ['SVC-ASSET-INVENTORY', 1],
    ],
    about: {
      da: 'Vi rådgiver ledelser om informationssikkerhed, risikostyring og regler som NIS2 og GDPR – i et sprog, alle kan forstå.',
      en: 'We advise management on information security, risk management and rules such as NIS2 and GDPR, in language everyone understands.',
    },
  },
  {
    id: 'offensive',
    weight: 15,
    categories: [
      ['SVC-PENTEST', 6],
      ['SVC-VULN-SCAN', 4],
      ['SVC-WEB-SECURITY', 3],
      ['SVC-AWARENESS', 1],
    ],
    about: {
      da: 'Vores etiske hackere finder hullerne, før de kriminelle gør, og forklarer resultaterne, så de kan bruges.',
      en: 'Our ethical hackers find the holes before the criminals do and explain the results so they can be acted on.',
    },
  },
  {
    id: 'soc',
    weight: 12,
    categories: [
      ['SVC-MDR-SOC', 5],
      ['SVC-LOGGING-SIEM', 3],
      ['SVC-INCIDENT-RESPONSE', 4],
      ['SVC-ENDPOINT', 2],
      ['SVC-FORENSICS', 2],
    ],
    about: {
      da: 'Vores sikkerhedscenter overvåger kunderne døgnet rundt og rykker ud, når uheldet er ude.',
      en: 'Our security operations centre monitors customers around the clock and responds when something goes wrong.',
    },
  },
  {
    id: 'training',
    weight: 8,
    categories: [
      ['SVC-AWARENESS', 6],
      ['SVC-EMAIL-SECURITY', 2],
    ],
    about: {
      da: 'Vi gør medarbejderne til den stærkeste del af sikkerheden med korte kurser og realistiske phishing-øvelser.',
      en: 'We make staff the strongest part of security with short courses and realistic phishing exercises.',
    },
  },
  {
    id: 'industrial',
    weight: 1,
    categories: [
      ['SVC-OT-SECURITY', 6],
      ['SVC-FIREWALL-NETWORK', 2],
      ['SVC-RISK-ASSESSMENT', 1],
      ['SVC-SECURE-DEV', 1],
    ],
    about: {
      da: 'Vi sikrer produktionsanlæg, maskiner og industrielle styresystemer uden at stoppe produktionen.',
      en: 'We secure production plants, machines and industrial control systems without stopping production.',
    },
  },
  {
    id: 'product-security',
    weight: 1.2,
    categories: [
      ['SVC-SECURE-DEV', 5],
      ['SVC-PENTEST', 2],
      ['SVC-COMPLIANCE', 1],
    ],
    about: {
      da: 'Vi hjælper producenter med at bygge sikkerhed ind i produkter med software og netforbindelse.',
      en: 'We help manufacturers build security into products with software and network connectivity.',
    },
  },
];

export interface CategoryStyle {
  names: readonly string[];
  /** Probability that a listing in this category is a product rather than a service. */
  productShare: number;
  /** Pricing of the services in this category; products use PRODUCT_PRICING. */
  pricing: ReadonlyArray<readonly [PricingModel, number]>;
  onsite: number;
}

const SERVICE_PRICING: CategoryStyle['pricing'] = [
  ['hourly', 3],
  ['fixed', 3],
  ['subscription', 1],
  ['quote', 2],
];
export const PRODUCT_PRICING: CategoryStyle['pricing'] = [
  ['subscription', 7],
  ['fixed', 1],
  ['quote', 2],
];

const style = (names: string[], productShare: number, onsite: number, pricing = SERVICE_PRICING): CategoryStyle => ({
  names,
  productShare,
  onsite,
  pricing,
});

export const CATEGORY_STYLE: Record<string, CategoryStyle> = {
  'SVC-PENTEST': style(['Pentest', 'Penetrationstest', 'Webapp-pentest', 'Netværkspentest', 'Red Team'], 0, 0.3, [
    ['fixed', 4],
    ['hourly', 2],
    ['quote', 3],
  ]),
  'SVC-VULN-SCAN': style(['Sårbarhedsscanning', 'Scan', 'Sikkerhedstjek', 'Attack Surface Monitor'], 0.6, 0.05),
  'SVC-MDR-SOC': style(['Døgnovervågning', 'SOC', 'MDR', 'Vagtcentral', 'SOC 24/7'], 0.1, 0.05, [
    ['subscription', 7],
    ['quote', 3],
  ]),
  'SVC-INCIDENT-RESPONSE': style(['Akut Beredskab', 'Incident Response', 'Hackerhjælp', 'Beredskabsaftale'], 0, 0.7, [
    ['hourly', 5],
    ['subscription', 2],
    ['quote', 3],
  ]),
  'SVC-FORENSICS': style(['Forensics', 'Digital Efterforskning', 'Bevissikring'], 0, 0.6, [
    ['hourly', 5],
    ['quote', 4],
  ]),
  'SVC-LOGGING-SIEM': style(['SIEM', 'Logning', 'Log Management', 'Logvagt'], 0.6, 0.05),
  'SVC-BACKUP': style(['Backup', 'Cloud Backup', 'Sikkerhedskopi', 'Gendannelsestest', 'Backup 3-2-1'], 0.6, 0.2),
  'SVC-ENCRYPTION': style(['Kryptering', 'Krypteret Mail', 'Diskkryptering'], 0.6, 0.1),
  'SVC-EMAIL-SECURITY': style(['Mailfilter', 'Phishing-filter', 'Mailsikkerhed', 'DMARC-opsætning'], 0.6, 0.05),
  'SVC-ENDPOINT': style(['EDR', 'Antivirus', 'Endpoint-beskyttelse', 'XDR'], 0.7, 0.1),
  'SVC-FIREWALL-NETWORK': style(['Firewall', 'Netværkssikring', 'Sikkert Wifi', 'Netværkssegmentering'], 0.5, 0.5),
  'SVC-CLOUD-M365': style(
    ['M365-hærdning', 'Microsoft 365 Sikkerhedstjek', 'Cloud-gennemgang', 'Azure-sikring'],
    0.2,
    0.1,
  ),
  'SVC-PATCH-MGMT': style(['Patch-service', 'Opdateringsservice', 'Patch Management'], 0.4, 0.05, [
    ['subscription', 7],
    ['quote', 2],
  ]),
  'SVC-MDM': style(['MDM', 'Mobilstyring', 'Enhedsstyring'], 0.6, 0.2),
  'SVC-SECURE-REMOTE': style(['VPN', 'Zero Trust-adgang', 'Sikker Fjernadgang'], 0.6, 0.2),
  'SVC-IAM-MFA': style(['MFA', 'Tofaktor-opsætning', 'Identitetsstyring', 'Single Sign-On'], 0.5, 0.1),
  'SVC-PASSWORD-MGMT': style(['Password Manager', 'Kodeordsboks', 'Password Vault'], 0.9, 0.05, PRODUCT_PRICING),
  'SVC-AWARENESS': style(
    ['Awareness', 'Phishingtest', 'E-learning', 'Sikkerhedskursus', 'Phishing-simulering'],
    0.35,
    0.4,
  ),
  'SVC-WEB-SECURITY': style(['Websikring', 'WAF', 'Webshop-tjek', 'DDoS-beskyttelse', 'WordPress-sikring'], 0.4, 0.05),
  'SVC-SECURE-DEV': style(['Produktsikkerhed', 'CRA-parathed', 'Secure Development', 'SBOM-service'], 0.1, 0.4),
  'SVC-OT-SECURITY': style(['OT-sikkerhed', 'Produktionssikring', 'ICS-gennemgang', 'IEC 62443-vurdering'], 0.1, 0.9),
  'SVC-COMPLIANCE': style(['Compliance-pakke', 'NIS2-forløb', 'GDPR-tjek', 'Compliance-rådgivning'], 0.1, 0.5),
  'SVC-CERT-AUDIT': style(['ISO 27001-audit', 'Revision', 'Certificeringsforløb', 'Intern Audit'], 0, 0.6),
  'SVC-VCISO': style(['vCISO', 'Ekstern Sikkerhedschef', 'CISO as a Service', 'Sikkerhedssparring'], 0, 0.5, [
    ['subscription', 5],
    ['hourly', 3],
    ['quote', 2],
  ]),
  'SVC-RISK-ASSESSMENT': style(['Risikovurdering', 'Sikkerhedsanalyse', 'Modenhedsmåling', 'Gap-analyse'], 0.1, 0.5),
  'SVC-BUSINESS-CONTINUITY': style(['Beredskabsplan', 'Kriseøvelse', 'Nødplan'], 0, 0.6),
  'SVC-ASSET-INVENTORY': style(['Aktivoverblik', 'It-inventar', 'Asset Discovery'], 0.6, 0.1),
  'SVC-SUPPLY-CHAIN': style(['Leverandørstyring', 'Leverandørtjek', 'Tredjepartsrisiko'], 0.3, 0.2),
};

export const NAME_TIERS: readonly string[] = [
  '',
  '',
  '',
  ' Basis',
  ' Plus',
  ' Pro',
  ' SMV',
  ' Essentials',
  ' 360',
  ' Start',
];

export const KIND_PRICE: Record<
  ProductKind,
  Record<Exclude<PricingModel, 'quote'>, readonly [number, number, number]>
> = {
  // [min, max, rounding step] in DKK; subscription prices are per month.
  product: { subscription: [49, 2_900, 10], fixed: [990, 49_000, 100], hourly: [750, 1_400, 50] },
  service: { subscription: [1_500, 35_000, 500], fixed: [4_900, 180_000, 1_000], hourly: [850, 1_950, 50] },
};

/** Sector weights for EXPERIENCED_IN: SMEs' customers are mostly in these. */
export const SECTOR_WEIGHT: Record<string, number> = {
  'SEC-DIGITAL': 8,
  'SEC-MANUFACTURING': 7,
  'SEC-FINANCIAL': 4,
  'SEC-HEALTH': 4,
  'SEC-GOVERNMENT': 4,
  'SEC-TRANSPORT': 3,
  'SEC-ENERGY': 3,
  'SEC-FOOD': 3,
  'SEC-MEDIA': 2,
  'SEC-TELECOM': 2,
  'SEC-CHEMICAL': 1,
  'SEC-SAFETY': 1,
  'SEC-DEFENCE': 1,
  'SEC-SPACE': 0.3,
  'SEC-NUCLEAR': 0.2,
};
