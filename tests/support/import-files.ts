import { CSV_COLUMNS } from '../../src/use-cases/import-format';
import type { TestWorld } from './listings';

/** An import CSV's lines (each with its newline) from rows of cells by column name, quoted where a cell needs it. */
export function csvLines(rows: ReadonlyArray<Record<string, string>>): string[] {
  const quote = (cell: string) => (/[",\n;]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return [CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((c) => quote(row[c] ?? '')).join(','))].map(
    (line) => `${line}\n`,
  );
}

/** The cells of a small company's row that imports cleanly, in the world's places; `cells` add to them and replace them. */
export function companyCells(world: TestWorld, cells: Record<string, string>): Record<string, string> {
  return {
    type: 'company',
    legalForm: 'ApS',
    descriptionDa: 'Vi hjælper små virksomheder med it-sikkerhed i hverdagen.',
    descriptionEn: 'We help small businesses with everyday IT security.',
    address: 'Prøvevej 1',
    postcode: '1000',
    city: 'København',
    municipalityCode: world.codes.municipality,
    website: 'https://testfirma.example',
    email: 'kontakt@testfirma.example',
    phone: '+45 00 00 00 00',
    founded: '2020',
    employees: '5',
    sizeBand: 'micro',
    languages: 'da;en',
    customerSizeBands: 'micro;small',
    regionsServed: world.codes.region,
    ...cells,
  };
}
