import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('CSV', () => {
  it('quotes what would break a row, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('makes cells a spreadsheet would run as formulas into text', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
    // Numbers come from the code, never from a person: a negative one stays a number.
    expect(csvCell(-0.5)).toBe('-0.5');
  });

  it('leaves phone numbers as data only when asked to (open data)', () => {
    expect(csvCell('+45 12 34 56 78')).toBe("'+45 12 34 56 78");
    expect(csvCell('+45 12 34 56 78', { phoneNumbers: true })).toBe('+45 12 34 56 78');
    expect(csvCell('+1+1', { phoneNumbers: true })).toBe("'+1+1");
    expect(csvRow(['+45 12', true], { phoneNumbers: true })).toBe('+45 12,true\r\n');
  });

  it('ends each row with CRLF', () => {
    expect(csvRow(['a', null, '=b'])).toBe("a,,'=b\r\n");
  });
});
