/** The open-data page's texts (src/features/open-data). */
const da = {
  'openData.title': 'Åbne data',
  'openData.metaDescription':
    'Hent Cyberkorts katalog over danske cybersikkerhedsvirksomheder og deres ydelser som JSON og CSV under licensen CC BY 4.0, med en DCAT-AP-beskrivelse og en eksport til EU’s Cybersecurity Atlas.',
  'openData.intro':
    'Hele det offentliggjorte katalog kan hentes som åbne data: virksomhederne og deres aktive produkter og ydelser, med de samme kontaktoplysninger, som står på deres profiler. Filerne bliver lavet igen hver nat.',
  'openData.licence':
    'Du må bruge, dele og bearbejde data frit, også kommercielt, når du angiver kilden: »{attribution}«. Licens:',
  'openData.noPersonal':
    'Filerne indeholder ingen personoplysninger: ingen brugere, ingen log over ændringer og ingen kladder, som endnu ikke er godkendt.',
  'openData.sample':
    'Virksomheder med »sample: true« (CSV: kolonnen sample) er fiktive eksempeldata og ikke rigtige virksomheder.',
  'openData.filesHeading': 'Filer',
  'openData.none': 'Den første eksport er ikke lavet endnu. Filerne kan hentes her, når den er klar (senest i nat).',
  'openData.updated': 'Senest opdateret {date}: {companies} virksomheder og {products} produkter og ydelser.',
  'openData.col.file': 'Fil',
  'openData.col.content': 'Indhold',
  'openData.col.format': 'Format',
  'openData.col.size': 'Størrelse',
  'openData.col.date': 'Dato',
  'openData.col.licence': 'Licens',
  'openData.file.cyberkort.json': 'Hele kataloget: virksomheder med deres aktive produkter og ydelser',
  'openData.file.cyberkort-virksomheder.csv': 'Virksomheder, én pr. linje (lister adskilt med ;)',
  'openData.file.cyberkort-produkter.csv': 'Produkter og ydelser, én pr. linje (lister adskilt med ;)',
  'openData.file.eccc-atlas.json': 'Organisationer i formatet til EU’s Cybersecurity Atlas (ECCC)',
  'openData.file.dcat.jsonld': 'Maskinlæsbar beskrivelse af datasættet (DCAT-AP)',
  'openData.dcatHeading': 'Beskrivelse af datasættet (DCAT-AP)',
  'openData.dcatBody':
    'Filen dcat.jsonld beskriver datasættet i DCAT-AP, den standard som danske og europæiske dataportaler bruger: titel og beskrivelse på dansk og engelsk, udgiver (NCC-DK), licens, dækning (Danmark), opdatering (dagligt) og én distribution pr. fil med adresse, format og størrelse. En portal kan hente den og vise datasættet automatisk.',
  'openData.ecccHeading': 'Eksport til EU’s Cybersecurity Atlas',
  'openData.ecccBody':
    'Det Europæiske Kompetencecenter for Cybersikkerhed (ECCC) samler Europas cybersikkerhedsorganisationer i Cybersecurity Atlas. Filen eccc-atlas.json har de danske virksomheder i Atlas’ form, efter EU’s JRC-taksonomi for cybersikkerhed, så NCC-DK kan give dem videre til EU. Sådan bliver felterne udfyldt:',
  'openData.ecccField': 'Felt',
  'openData.ecccFrom': 'Hvor det kommer fra',
  'openData.apiHeading': 'Programmeringsadgang',
  'openData.apiBody': 'Data kan også hentes med forespørgsler gennem',
  'openData.apiLink': 'GraphQL-API’et',
  'openData.footer': 'Åbne data (download)',
};

const en: Record<keyof typeof da, string> = {
  'openData.title': 'Open data',
  'openData.metaDescription':
    'Download Cyberkort’s directory of Danish cybersecurity companies and their offerings as JSON and CSV under CC BY 4.0, with a DCAT-AP description and an export for the EU Cybersecurity Atlas.',
  'openData.intro':
    'The whole published directory can be downloaded as open data: the companies and their active products and services, with the same contact details their profiles show. The files are made again every night.',
  'openData.licence':
    'You may use, share and adapt the data freely, commercially too, as long as you credit the source: “{attribution}”. Licence:',
  'openData.noPersonal':
    'The files contain no personal data: no users, no log of changes and no drafts that have not been approved.',
  'openData.sample':
    'Companies with “sample: true” (CSV: the sample column) are fictional sample data, not real companies.',
  'openData.filesHeading': 'Files',
  'openData.none':
    'The first export has not been made yet. The files can be downloaded here once it is ready (tonight at the latest).',
  'openData.updated': 'Last updated {date}: {companies} companies and {products} products and services.',
  'openData.col.file': 'File',
  'openData.col.content': 'Content',
  'openData.col.format': 'Format',
  'openData.col.size': 'Size',
  'openData.col.date': 'Date',
  'openData.col.licence': 'Licence',
  'openData.file.cyberkort.json': 'The whole directory: companies with their active products and services',
  'openData.file.cyberkort-virksomheder.csv': 'Companies, one per line (lists separated by ;)',
  'openData.file.cyberkort-produkter.csv': 'Products and services, one per line (lists separated by ;)',
  'openData.file.eccc-atlas.json': 'Organisations in the shape of the EU Cybersecurity Atlas (ECCC)',
  'openData.file.dcat.jsonld': 'Machine-readable description of the dataset (DCAT-AP)',
  'openData.dcatHeading': 'Description of the dataset (DCAT-AP)',
  'openData.dcatBody':
    'The file dcat.jsonld describes the dataset in DCAT-AP, the standard Danish and European data portals use: title and description in Danish and English, publisher (NCC-DK), licence, coverage (Denmark), update frequency (daily) and one distribution per file with its address, format and size. A portal can harvest it and list the dataset automatically.',
  'openData.ecccHeading': 'Export for the EU Cybersecurity Atlas',
  'openData.ecccBody':
    'The European Cybersecurity Competence Centre (ECCC) gathers Europe’s cybersecurity organisations in the Cybersecurity Atlas. The file eccc-atlas.json has the Danish companies in the Atlas’s shape, following the EU JRC cybersecurity taxonomy, so that NCC-DK can pass them on to the EU. This is how each field is filled:',
  'openData.ecccField': 'Field',
  'openData.ecccFrom': 'Where it comes from',
  'openData.apiHeading': 'Programmatic access',
  'openData.apiBody': 'The data can also be queried through',
  'openData.apiLink': 'the GraphQL API',
  'openData.footer': 'Open data (downloads)',
};

export const openDataMessages = { da, en };
