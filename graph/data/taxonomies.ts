import type {
  CategoryRow,
  CertificationRow,
  CsfCategoryRow,
  CsfFunctionRow,
  DMaerketCriterionRow,
  MunicipalityRow,
  Nis2MeasureRow,
  RegionRow,
  RegulationRow,
  SectorRow,
  SkillRow,
  Taxonomies,
} from '../model';
import municipalitySource from './sources/dk-municipalities.json' with { type: 'json' };
import trustSource from './sources/dk-trust-and-regulation.json' with { type: 'json' };
import ecsfSource from './sources/ecsf-role-profiles.json' with { type: 'json' };
import jrcSource from './sources/jrc-cybersecurity-taxonomy.json' with { type: 'json' };
import csfSource from './sources/nist-csf-2.0.json' with { type: 'json' };

/**
 * The public taxonomies as typed rows. English names come from the copied source files in
 * ./sources; the Danish texts, the codes and the finer skills and service categories are ours.
 * Translations are keyed by the source's English text, so a changed source fails loudly at
 * import instead of silently losing its Danish name.
 */

function lookup<T>(table: Record<string, T>, key: string, what: string): T {
  const value = table[key];
  if (value === undefined) throw new Error(`No ${what} for source entry "${key}"; update graph/data/taxonomies.ts`);
  return value;
}

const REGION_NAMES_EN: Record<string, string> = {
  '1081': 'North Denmark Region',
  '1082': 'Central Denmark Region',
  '1083': 'Region of Southern Denmark',
  '1084': 'Capital Region of Denmark',
  '1085': 'Region Zealand',
};

const regions: RegionRow[] = trustSource.regions.map((region) => ({
  code: region.code,
  name: region.name,
  nameEn: lookup(REGION_NAMES_EN, region.code, 'English region name'),
  iso: region.iso,
}));

const municipalities: MunicipalityRow[] = municipalitySource.map((row) => ({
  code: row.code,
  name: row.name,
  regionCode: row.regionCode,
  lat: row.lat,
  lon: row.lon,
}));

const CSF_DA: Record<string, string> = {
  GV: 'Styring',
  ID: 'Identificering',
  PR: 'Beskyttelse',
  DE: 'Detektering',
  RS: 'Håndtering',
  RC: 'Genopretning',
  'GV.OC': 'Organisatorisk kontekst',
  'GV.RM': 'Strategi for risikostyring',
  'GV.RR': 'Roller, ansvar og beføjelser',
  'GV.PO': 'Politikker',
  'GV.OV': 'Tilsyn og opfølgning',
  'GV.SC': 'Risikostyring i leverandørkæden',
  'ID.AM': 'Styring af aktiver',
  'ID.RA': 'Risikovurdering',
  'ID.IM': 'Forbedring',
  'PR.AA': 'Identitetsstyring, autentifikation og adgangskontrol',
  'PR.AT': 'Awareness og uddannelse',
  'PR.DS': 'Datasikkerhed',
  'PR.PS': 'Platformssikkerhed',
  'PR.IR': 'Robusthed i den teknologiske infrastruktur',
  'DE.CM': 'Løbende overvågning',
  'DE.AE': 'Analyse af uønskede hændelser',
  'RS.MA': 'Hændelseshåndtering',
  'RS.AN': 'Analyse af hændelser',
  'RS.CO': 'Rapportering og kommunikation om hændelser',
  'RS.MI': 'Begrænsning af hændelser',
  'RC.RP': 'Gennemførelse af genopretningsplanen',
  'RC.CO': 'Kommunikation under genopretning',
};

const csfFunctions: CsfFunctionRow[] = csfSource.functions.map((fn) => ({
  code: fn.code,
  name: { da: lookup(CSF_DA, fn.code, 'Danish CSF name'), en: fn.name },
}));

const csfCategories: CsfCategoryRow[] = csfSource.functions.flatMap((fn) =>
  fn.categories.map((category) => ({
    code: category.code,
    functionCode: fn.code,
    name: { da: lookup(CSF_DA, category.code, 'Danish CSF name'), en: category.name },
  })),
);

const ECSF_ROLES: Record<string, { code: string; da: string }> = {
  'Chief Information Security Officer (CISO)': { code: 'ECSF-CISO', da: 'Informationssikkerhedschef (CISO)' },
  'Cyber Incident Responder': { code: 'ECSF-INCIDENT-RESPONDER', da: 'Hændelseshåndterer' },
  'Cyber Legal, Policy and Compliance Officer': {
    code: 'ECSF-LEGAL-COMPLIANCE',
    da: 'Jura-, politik- og complianceansvarlig',
  },
  'Cyber Threat Intelligence Specialist': { code: 'ECSF-THREAT-INTEL', da: 'Specialist i trusselsefterretning' },
  'Cybersecurity Architect': { code: 'ECSF-ARCHITECT', da: 'Sikkerhedsarkitekt' },
  'Cybersecurity Auditor': { code: 'ECSF-AUDITOR', da: 'Sikkerhedsrevisor' },
  'Cybersecurity Educator': { code: 'ECSF-EDUCATOR', da: 'Underviser i cybersikkerhed' },
  'Cybersecurity Implementer': { code: 'ECSF-IMPLEMENTER', da: 'Implementeringsspecialist i cybersikkerhed' },
  'Cybersecurity Researcher': { code: 'ECSF-RESEARCHER', da: 'Forsker i cybersikkerhed' },
  'Cybersecurity Risk Manager': { code: 'ECSF-RISK-MANAGER', da: 'Risikoansvarlig for cybersikkerhed' },
  'Digital Forensics Investigator': { code: 'ECSF-FORENSICS', da: 'Digital efterforsker' },
  'Penetration Tester': { code: 'ECSF-PENTESTER', da: 'Penetrationstester' },
};

const roles: SkillRow[] = ecsfSource.profiles.map((profile) => {
  const role = lookup(ECSF_ROLES, profile, 'ECSF role code');
  return { code: role.code, kind: 'role', name: { da: role.da, en: profile } };
});

/** Finer skills an SME need actually calls for; each sits under the ECSF role that usually holds it. */
const FINER_SKILLS: Array<[code: string, parentCode: string, da: string, en: string]> = [
  ['SKILL-WEBAPP-TESTING', 'ECSF-PENTESTER', 'Test af webapplikationer', 'Web application testing'],
  ['SKILL-INFRA-PENTEST', 'ECSF-PENTESTER', 'Test af netværk og infrastruktur', 'Network and infrastructure testing'],
  ['SKILL-SOCIAL-ENGINEERING', 'ECSF-PENTESTER', 'Social engineering-test', 'Social engineering testing'],
  [
    'SKILL-VULN-MANAGEMENT',
    'ECSF-IMPLEMENTER',
    'Sårbarhedsscanning og -styring',
    'Vulnerability scanning and management',
  ],
  ['SKILL-PATCH-MANAGEMENT', 'ECSF-IMPLEMENTER', 'Patch- og opdateringsstyring', 'Patch and update management'],
  ['SKILL-M365-HARDENING', 'ECSF-IMPLEMENTER', 'Hærdning af Microsoft 365', 'Microsoft 365 hardening'],
  ['SKILL-BACKUP-ENGINEERING', 'ECSF-IMPLEMENTER', 'Backup og gendannelse', 'Backup engineering'],
  ['SKILL-NETWORK-SECURITY', 'ECSF-IMPLEMENTER', 'Firewall og netværkssikkerhed', 'Firewall and network security'],
  ['SKILL-ENDPOINT-SECURITY', 'ECSF-IMPLEMENTER', 'Endpoint-beskyttelse (EDR)', 'Endpoint protection (EDR)'],
  ['SKILL-MDM', 'ECSF-IMPLEMENTER', 'Styring af mobile enheder', 'Mobile device management'],
  ['SKILL-CLOUD-SECURITY', 'ECSF-ARCHITECT', 'Sikker cloud-konfiguration', 'Cloud security configuration'],
  ['SKILL-IAM', 'ECSF-ARCHITECT', 'Identitets- og adgangsstyring, MFA', 'Identity and access management, MFA'],
  ['SKILL-CRYPTOGRAPHY', 'ECSF-ARCHITECT', 'Kryptering og nøglehåndtering', 'Encryption and key management'],
  ['SKILL-OT-SECURITY', 'ECSF-ARCHITECT', 'OT- og IoT-sikkerhed', 'OT and IoT security'],
  ['SKILL-SECURE-DEVELOPMENT', 'ECSF-ARCHITECT', 'Sikker softwareudvikling', 'Secure software development'],
  ['SKILL-SIEM-OPERATION', 'ECSF-INCIDENT-RESPONDER', 'Drift af SIEM og logovervågning', 'SIEM operation'],
  ['SKILL-INCIDENT-HANDLING', 'ECSF-INCIDENT-RESPONDER', 'Akut hændelseshåndtering', 'Incident handling'],
  ['SKILL-THREAT-HUNTING', 'ECSF-THREAT-INTEL', 'Trusselsjagt', 'Threat hunting'],
  ['SKILL-MALWARE-ANALYSIS', 'ECSF-FORENSICS', 'Malwareanalyse', 'Malware analysis'],
  ['SKILL-DIGITAL-EVIDENCE', 'ECSF-FORENSICS', 'Sikring af digitale beviser', 'Digital evidence handling'],
  ['SKILL-PHISHING-SIMULATION', 'ECSF-EDUCATOR', 'Phishing-simulering', 'Phishing simulation'],
  ['SKILL-AWARENESS-TRAINING', 'ECSF-EDUCATOR', 'Awareness-træning', 'Security awareness training'],
  ['SKILL-GDPR-ADVISORY', 'ECSF-LEGAL-COMPLIANCE', 'GDPR-rådgivning', 'GDPR advisory'],
  ['SKILL-NIS2-ADVISORY', 'ECSF-LEGAL-COMPLIANCE', 'NIS2-rådgivning', 'NIS2 advisory'],
  ['SKILL-DORA-ADVISORY', 'ECSF-LEGAL-COMPLIANCE', 'DORA-rådgivning', 'DORA advisory'],
  ['SKILL-CRA-CONFORMITY', 'ECSF-LEGAL-COMPLIANCE', 'CRA-overensstemmelse for produkter', 'CRA product conformity'],
  ['SKILL-ISO27001-LEAD-IMPLEMENTER', 'ECSF-RISK-MANAGER', 'ISO 27001-implementering', 'ISO 27001 lead implementation'],
  ['SKILL-RISK-ASSESSMENT', 'ECSF-RISK-MANAGER', 'Risikovurdering', 'Risk assessment'],
  ['SKILL-SUPPLIER-RISK', 'ECSF-RISK-MANAGER', 'Leverandørstyring', 'Supplier risk management'],
  ['SKILL-BUSINESS-CONTINUITY', 'ECSF-RISK-MANAGER', 'Beredskab og driftskontinuitet', 'Business continuity planning'],
  ['SKILL-SECURITY-POLICY', 'ECSF-CISO', 'Sikkerhedspolitik og ledelse', 'Security policy and governance'],
  ['SKILL-ISO27001-AUDIT', 'ECSF-AUDITOR', 'ISO 27001-revision', 'ISO 27001 auditing'],
];

const skills: SkillRow[] = [
  ...roles,
  ...FINER_SKILLS.map(
    ([code, parentCode, da, en]): SkillRow => ({ code, kind: 'skill', parentCode, name: { da, en } }),
  ),
];

const JRC_DOMAINS: Record<string, { code: string; da: string }> = {
  'Assurance, Audit, and Certification': { code: 'JRC-AAC', da: 'Sikkerhedsgaranti, revision og certificering' },
  'Cryptology (Cryptography and Cryptanalysis)': { code: 'JRC-CRY', da: 'Kryptologi (kryptografi og kryptoanalyse)' },
  'Data Security and Privacy': { code: 'JRC-DSP', da: 'Datasikkerhed og privatliv' },
  'Education and Training': { code: 'JRC-EDU', da: 'Uddannelse og træning' },
  'Human Aspects': { code: 'JRC-HUM', da: 'Menneskelige aspekter' },
  'Identity and Access Management': { code: 'JRC-IAM', da: 'Identitets- og adgangsstyring' },
  'Operational Incident Handling and Digital Forensics': {
    code: 'JRC-OIH',
    da: 'Operationel hændelseshåndtering og digital efterforskning',
  },
  'Legal Aspects': { code: 'JRC-LEG', da: 'Juridiske aspekter' },
  'Network and Distributed Systems': { code: 'JRC-NDS', da: 'Netværk og distribuerede systemer' },
  'Security Management and Governance': { code: 'JRC-SMG', da: 'Sikkerhedsledelse og styring' },
  'Security Measurements': { code: 'JRC-SME', da: 'Sikkerhedsmålinger og test' },
  'Software and Hardware Security Engineering': { code: 'JRC-SHE', da: 'Sikker software- og hardwareudvikling' },
  'Steganography, Steganalysis and Watermarking': { code: 'JRC-STE', da: 'Steganografi, steganalyse og vandmærkning' },
  'Theoretical Foundations': { code: 'JRC-THF', da: 'Teoretisk grundlag' },
  'Trust Management and Accountability': { code: 'JRC-TMA', da: 'Tillidsstyring og ansvarlighed' },
};

const domains: CategoryRow[] = jrcSource.domains.map((domain) => {
  const row = lookup(JRC_DOMAINS, domain, 'JRC domain code');
  return { code: row.code, scheme: 'jrc-domain', name: { da: row.da, en: domain } };
});

/** What SMEs buy, each under the JRC domain it belongs to (the domain is what the EU Atlas exports). */
const SERVICE_CATEGORIES: Array<[code: string, parentCode: string, da: string, en: string]> = [
  ['SVC-PENTEST', 'JRC-SME', 'Penetrationstest', 'Penetration testing'],
  ['SVC-VULN-SCAN', 'JRC-SME', 'Sårbarhedsscanning', 'Vulnerability scanning'],
  ['SVC-MDR-SOC', 'JRC-OIH', 'Døgnovervågning (MDR/SOC)', 'Managed detection and response (MDR/SOC)'],
  ['SVC-INCIDENT-RESPONSE', 'JRC-OIH', 'Akut hændelseshåndtering', 'Incident response'],
  ['SVC-FORENSICS', 'JRC-OIH', 'Digital efterforskning', 'Digital forensics'],
  ['SVC-LOGGING-SIEM', 'JRC-OIH', 'Logning og SIEM', 'Logging and SIEM'],
  ['SVC-BACKUP', 'JRC-DSP', 'Backup og gendannelse', 'Backup and recovery'],
  ['SVC-ENCRYPTION', 'JRC-CRY', 'Kryptering', 'Encryption'],
  ['SVC-EMAIL-SECURITY', 'JRC-NDS', 'E-mailsikkerhed og spamfilter', 'Email security'],
  ['SVC-ENDPOINT', 'JRC-NDS', 'Endpoint-beskyttelse (antivirus/EDR)', 'Endpoint protection (antivirus/EDR)'],
  ['SVC-FIREWALL-NETWORK', 'JRC-NDS', 'Firewall og netværkssikkerhed', 'Firewall and network security'],
  ['SVC-CLOUD-M365', 'JRC-NDS', 'Cloud- og Microsoft 365-sikkerhed', 'Cloud and Microsoft 365 security'],
  ['SVC-PATCH-MGMT', 'JRC-NDS', 'Patch- og opdateringsstyring', 'Patch management'],
  ['SVC-MDM', 'JRC-NDS', 'Styring af mobile enheder (MDM)', 'Mobile device management (MDM)'],
  ['SVC-SECURE-REMOTE', 'JRC-NDS', 'Sikker fjernadgang og VPN', 'Secure remote access and VPN'],
  ['SVC-IAM-MFA', 'JRC-IAM', 'Identitet og tofaktor-login (MFA)', 'Identity and multi-factor authentication'],
  ['SVC-PASSWORD-MGMT', 'JRC-IAM', 'Password manager', 'Password management'],
  ['SVC-AWARENESS', 'JRC-EDU', 'Awareness-træning og phishing-test', 'Awareness training and phishing simulation'],
  ['SVC-WEB-SECURITY', 'JRC-SHE', 'Sikker hjemmeside og webshop', 'Web and web shop security'],
  ['SVC-SECURE-DEV', 'JRC-SHE', 'Sikker produktudvikling', 'Secure product development'],
  ['SVC-OT-SECURITY', 'JRC-SHE', 'OT- og IoT-sikkerhed', 'OT and IoT security'],
  ['SVC-COMPLIANCE', 'JRC-LEG', 'Compliance-rådgivning (NIS2, GDPR, ISO)', 'Compliance advisory (NIS2, GDPR, ISO)'],
  ['SVC-CERT-AUDIT', 'JRC-AAC', 'Revision og certificering', 'Audit and certification'],
  ['SVC-VCISO', 'JRC-SMG', 'Ekstern sikkerhedschef (vCISO)', 'Virtual CISO'],
  ['SVC-RISK-ASSESSMENT', 'JRC-SMG', 'Risikovurdering', 'Risk assessment'],
  ['SVC-BUSINESS-CONTINUITY', 'JRC-SMG', 'Beredskab og driftskontinuitet', 'Business continuity'],
  ['SVC-ASSET-INVENTORY', 'JRC-SMG', 'Overblik over it-aktiver', 'Asset inventory'],
  ['SVC-SUPPLY-CHAIN', 'JRC-TMA', 'Leverandørstyring', 'Supply-chain security'],
];

const categories: CategoryRow[] = [
  ...domains,
  ...SERVICE_CATEGORIES.map(
    ([code, parentCode, da, en]): CategoryRow => ({ code, scheme: 'service', parentCode, name: { da, en } }),
  ),
];

/**
 * JRC sectors with the NACE Rev. 2 (Danish DB07) sections or divisions they span. A sector
 * for "SMEs in general" is deliberately absent: company size is a size band, not a sector.
 */
const JRC_SECTORS: Record<string, { code: string; da: string; nace: string[] }> = {
  'Audiovisual and media': { code: 'SEC-MEDIA', da: 'Medier og audiovisuelle tjenester', nace: ['J58', 'J59', 'J60'] },
  Chemical: { code: 'SEC-CHEMICAL', da: 'Kemisk industri', nace: ['C20', 'C21'] },
  Defense: { code: 'SEC-DEFENCE', da: 'Forsvar', nace: ['C25', 'C30', 'O84'] },
  'Digital Services and Platforms': {
    code: 'SEC-DIGITAL',
    da: 'Digitale tjenester og platforme',
    nace: ['J62', 'J63'],
  },
  Energy: { code: 'SEC-ENERGY', da: 'Energi', nace: ['D', 'B'] },
  Financial: { code: 'SEC-FINANCIAL', da: 'Finans og forsikring', nace: ['K'] },
  'Food and Drink': { code: 'SEC-FOOD', da: 'Fødevarer og drikkevarer', nace: ['A', 'C10', 'C11'] },
  Government: { code: 'SEC-GOVERNMENT', da: 'Offentlig forvaltning', nace: ['O'] },
  Health: { code: 'SEC-HEALTH', da: 'Sundhed', nace: ['Q'] },
  'Manufacturing and Supply Chains': { code: 'SEC-MANUFACTURING', da: 'Produktion og forsyningskæder', nace: ['C'] },
  Nuclear: { code: 'SEC-NUCLEAR', da: 'Nuklear', nace: ['D35', 'M72'] },
  'Safety and Security': { code: 'SEC-SAFETY', da: 'Sikkerhed og beredskab', nace: ['N80', 'O84'] },
  Space: { code: 'SEC-SPACE', da: 'Rumfart', nace: ['C30', 'H51'] },
  'Telecomm Infrastructure': { code: 'SEC-TELECOM', da: 'Telekommunikation', nace: ['J61'] },
  Transportation: { code: 'SEC-TRANSPORT', da: 'Transport', nace: ['H'] },
};

const sectors: SectorRow[] = jrcSource.sectors.map((sector) => {
  const row = lookup(JRC_SECTORS, sector, 'JRC sector code');
  return { code: row.code, name: { da: row.da, en: sector }, nace: row.nace };
});

const REGULATION_TEXTS: Record<string, Omit<RegulationRow, 'code'>> = {
  NIS2: {
    name: { da: 'NIS2-direktivet', en: 'NIS2 Directive' },
    description: {
      da: 'EU-direktiv 2022/2555 om et højt fælles cybersikkerhedsniveau, gennemført i Danmark ved NIS2-loven (vedtaget 30. april 2025). Stiller krav om risikostyring, hændelsesrapportering og ledelsesansvar, også til leverandører i forsyningskæden.',
      en: 'EU Directive 2022/2555 on a high common level of cybersecurity, implemented in Denmark by the NIS2 act (adopted 30 April 2025). Requires risk management, incident reporting and management accountability, with knock-on requirements for suppliers.',
    },
  },
  GDPR: {
    name: { da: 'Databeskyttelsesforordningen (GDPR)', en: 'General Data Protection Regulation (GDPR)' },
    description: {
      da: 'EU-forordning 2016/679 om beskyttelse af personoplysninger. Gælder alle virksomheder, der behandler oplysninger om kunder eller medarbejdere.',
      en: 'EU Regulation 2016/679 on the protection of personal data. Applies to every business that processes data about customers or staff.',
    },
  },
  DORA: {
    name: { da: 'DORA (digital operationel modstandsdygtighed)', en: 'Digital Operational Resilience Act (DORA)' },
    description: {
      da: 'EU-forordning 2022/2554 om digital operationel modstandsdygtighed i finanssektoren, herunder krav til it-leverandører til finansielle virksomheder.',
      en: 'EU Regulation 2022/2554 on digital operational resilience in the financial sector, including requirements for ICT suppliers to financial entities.',
    },
  },
  CRA: {
    name: { da: 'Cyberrobusthedsforordningen (CRA)', en: 'Cyber Resilience Act (CRA)' },
    description: {
      da: 'EU-forordning 2024/2847 om cybersikkerhedskrav til produkter med digitale elementer, som producenter skal opfylde for at sælge i EU.',
      en: 'EU Regulation 2024/2847 on cybersecurity requirements for products with digital elements, which makers must meet to sell in the EU.',
    },
  },
  ISO27001: {
    name: { da: 'ISO/IEC 27001', en: 'ISO/IEC 27001' },
    description: {
      da: 'International standard for ledelsessystemer for informationssikkerhed. Danske statslige myndigheder skal følge den.',
      en: 'International standard for information security management systems. Danish state authorities must follow it.',
    },
  },
  'D-MAERKET': {
    name: { da: 'D-mærket', en: 'D-mærket (Danish labelling scheme)' },
    description: {
      da: 'Dansk mærkningsordning for it-sikkerhed og ansvarlig brug af data med 8 kriterier. Kræver et dansk CVR-nummer.',
      en: 'Danish labelling scheme for IT security and responsible use of data, with 8 criteria. Requires a Danish CVR number.',
    },
  },
};

const regulations: RegulationRow[] = trustSource.regulations.map((regulation) => ({
  code: regulation.code,
  ...lookup(REGULATION_TEXTS, regulation.code, 'regulation text'),
}));

const NIS2_DA: Record<string, string> = {
  a: 'politikker for risikoanalyse og informationssystemers sikkerhed',
  b: 'håndtering af hændelser',
  c: 'driftskontinuitet, såsom backupstyring og genopretning efter katastrofer, samt krisestyring',
  d: 'sikkerhed i forsyningskæden',
  e: 'sikkerhed ved anskaffelse, udvikling og vedligeholdelse af net- og informationssystemer, herunder håndtering og offentliggørelse af sårbarheder',
  f: 'politikker og procedurer for vurdering af effektiviteten af foranstaltninger til styring af cybersikkerhedsrisici',
  g: 'grundlæggende cyberhygiejne og uddannelse i cybersikkerhed',
  h: 'politikker og procedurer for brug af kryptografi og, hvor det er relevant, kryptering',
  i: 'personalesikkerhed, politikker for adgangskontrol og styring af aktiver',
  j: 'brug af multifaktorautentifikation eller kontinuerlig autentifikation, sikret tale-, video- og tekstkommunikation og sikrede nødkommunikationssystemer',
};

const nis2Measures: Nis2MeasureRow[] = trustSource.nis2_article_21_measures.map((measure) => {
  const match = /^\(([a-j])\)\s+(.+)$/.exec(measure);
  if (!match?.[1] || !match[2]) throw new Error(`Unexpected NIS2 measure format: "${measure}"`);
  const letter = match[1];
  return {
    code: `NIS2-21-2-${letter}`,
    letter,
    text: { da: lookup(NIS2_DA, letter, 'Danish NIS2 text'), en: match[2] },
  };
});

const D_MAERKET_DA: Record<string, string> = {
  'Management governance of IT security and data ethics': 'Ledelsens styring af it-sikkerhed og dataetik',
  'Awareness and training': 'Awareness og uddannelse',
  'Technical IT security': 'Teknisk it-sikkerhed',
  'Requirements for suppliers and partners': 'Krav til leverandører og samarbejdspartnere',
  'Transparency and control over data': 'Gennemsigtighed og kontrol over data',
  'Privacy and security by design': 'Privatliv og sikkerhed gennem design',
  'Reliable algorithms and AI': 'Pålidelige algoritmer og kunstig intelligens',
  'Data ethics': 'Dataetik',
};

const dMaerketCriteria: DMaerketCriterionRow[] = trustSource.d_maerket.criteria.map((criterion, index) => ({
  code: `DM-${index + 1}`,
  text: { da: lookup(D_MAERKET_DA, criterion, 'Danish D-mærket text'), en: criterion },
}));

/** ATTESTS only where the certificate is accepted evidence for the regulation or standard itself. */
const certifications: CertificationRow[] = [
  { code: 'ISO27001', name: 'ISO/IEC 27001', kind: 'organisation', regulationCodes: ['ISO27001', 'NIS2'] },
  { code: 'ISO9001', name: 'ISO 9001', kind: 'organisation', regulationCodes: [] },
  { code: 'ISAE3402', name: 'ISAE 3402', kind: 'organisation', regulationCodes: ['DORA', 'NIS2'] },
  { code: 'ISAE3000', name: 'ISAE 3000 (GDPR-erklæring)', kind: 'organisation', regulationCodes: ['GDPR'] },
  { code: 'SOC2', name: 'SOC 2 Type II', kind: 'organisation', regulationCodes: ['NIS2'] },
  { code: 'D-MAERKET', name: 'D-mærket', kind: 'organisation', regulationCodes: ['D-MAERKET', 'GDPR'] },
  { code: 'CREST', name: 'CREST', kind: 'organisation', regulationCodes: [] },
  { code: 'CYBER-ESSENTIALS', name: 'Cyber Essentials', kind: 'organisation', regulationCodes: ['NIS2'] },
  { code: 'CISSP', name: 'CISSP', kind: 'personal', regulationCodes: [] },
  { code: 'CISM', name: 'CISM', kind: 'personal', regulationCodes: [] },
  { code: 'OSCP', name: 'OSCP', kind: 'personal', regulationCodes: [] },
  { code: 'CEH', name: 'CEH', kind: 'personal', regulationCodes: [] },
  { code: 'ISO27001-LI', name: 'ISO/IEC 27001 Lead Implementer', kind: 'personal', regulationCodes: ['ISO27001'] },
];

export const TAXONOMIES: Taxonomies = {
  regions,
  municipalities,
  csfFunctions,
  csfCategories,
  skills,
  categories,
  sectors,
  regulations,
  nis2Measures,
  dMaerketCriteria,
  certifications,
};
