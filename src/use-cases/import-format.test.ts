import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { csvRows, formatOf, type ImportRow, jsonRows } from './import-format';

async function rowsOf(lines: string[]): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of csvRows(lines)) rows.push(row);
  return rows;
}

async function fileIssue(lines: string[]) {
  try {
    await rowsOf(lines);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues[0];
    throw error;
  }
  return null;
}

describe('the CSV import format', () => {
  it('reads lists, numbers, yes/no, competences and certifications into the record schemas’ shapes', async () => {
    const [company, product] = await rowsOf([
      'type,cvr,slug,name,descriptionDa,founded,languages,competences,certifications,smeFit,priceFromDkk,kind\n',
      'company,24444805,,Firma,"Tekst, med komma",2015,da; en,ECSF-PENTESTER:3;SKILL-X:1,ISO27001|2027-06-30|https://x.example/c.pdf||DNV,,,\n',
      'product,24444805,min-ydelse,Ydelse,,,da,,,Ja,,service\n',
    ]);
    expect(company).toEqual({
      row: 2,
      type: 'company',
      cvr: '24444805',
      slug: null,
      record: {
        name: 'Firma',
        description: { da: 'Tekst, med komma' },
        founded: 2015,
        languages: ['da', 'en'],
        competences: [
          { skillCode: 'ECSF-PENTESTER', headcount: 3 },
          { skillCode: 'SKILL-X', headcount: 1 },
        ],
        certifications: [
          {
            code: 'ISO27001',
            validUntil: '2027-06-30',
            evidence: 'https://x.example/c.pdf',
            certificateNumber: null,
            issuer: 'DNV',
          },
        ],
      },
      issues: [],
    });
    expect(product).toMatchObject({
      row: 3,
      type: 'product',
      slug: 'min-ydelse',
      record: {
        name: 'Ydelse',
        description: { da: '' },
        languages: ['da'],
        smeFit: true,
        priceFromDkk: null,
        kind: 'service',
      },
      issues: [],
    });
  });

  it('takes a semicolon as the delimiter when the header has one, as Danish spreadsheets write CSV', async () => {
    const [row] = await rowsOf(['\uFEFFtype;cvr;name;languages\r\n', 'company;24444805;Firma;"da;en"\r\n']);
    expect(row?.record).toEqual({ name: 'Firma', languages: ['da', 'en'] });
  });

  it("marks a filled cell of the other type's columns, an unknown type and a short row on the row", async () => {
    const rows = await rowsOf([
      'type,cvr,name,kind,legalForm\n',
      'company,24444805,Firma,service,ApS\n',
      'leverandør,24444805,Firma,,\n',
      'product,24444805,Ydelse\n',
    ]);
    expect(rows.map((row) => row.issues.map((issue) => [issue.path, issue.code]))).toEqual([
      [['kind', 'not_for_type']],
      [['type', 'invalid_type']],
      [['file', 'wrong_column_count']],
    ]);
  });

  it('refuses a file whose header has an unknown or repeated column, or lacks type or cvr', async () => {
    expect(await fileIssue(['type,cvr,adress\n'])).toMatchObject({ path: 'file', code: 'unknown_column' });
    expect(await fileIssue(['type,cvr,name,name\n'])).toMatchObject({ code: 'duplicate_column' });
    expect(await fileIssue(['cvr,name\n'])).toMatchObject({ code: 'missing_column' });
    expect(await fileIssue(['type,cvr\n', 'company,"24444805\n'])).toMatchObject({ code: 'invalid_csv' });
    expect(await fileIssue([])).toMatchObject({ code: 'empty_file' });
  });
});

describe('the JSON import format', () => {
  it('reads companies then products, with the GraphQL record inputs’ field names, and marks unknown fields', () => {
    const rows = [
      ...jsonRows(
        JSON.stringify({
          products: [{ companyCvr: '24444805', slug: 'min-ydelse', name: 'Ydelse', colour: 'blå' }],
          companies: [{ cvr: '24444805', name: 'Firma' }],
        }),
      ),
    ];
    expect(rows.map((row) => [row.type, row.row, row.cvr, row.slug, row.record.name])).toEqual([
      ['company', 1, '24444805', null, 'Firma'],
      ['product', 1, '24444805', 'min-ydelse', 'Ydelse'],
    ]);
    expect(rows[1]?.issues).toEqual([expect.objectContaining({ path: 'colour', code: 'unrecognized_keys' })]);
  });

  it('refuses a file that is not an object of the two lists', () => {
    expect(() => [...jsonRows('[1, 2]')]).toThrow(ValidationError);
    expect(() => [...jsonRows('{"companies": {}}')]).toThrow(ValidationError);
    expect(() => [...jsonRows('{')]).toThrow(ValidationError);
  });

  it('tells the format by the name, else by the first character', () => {
    expect(formatOf('a.JSON', 'type')).toBe('json');
    expect(formatOf('a.csv', '{')).toBe('csv');
    expect(formatOf('upload', '\uFEFF  {"companies"')).toBe('json');
    expect(formatOf('upload', 'type,cvr')).toBe('csv');
  });
});
