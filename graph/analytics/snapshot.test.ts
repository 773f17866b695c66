import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows } from './snapshot';

describe('snapshot rows as columns', () => {
  const rows = [
    { need: 'backup', providers: 3, top3Share: 5 / 6, onSiteProviders: null, thin: false },
    { need: 'pentest', providers: 0, top3Share: null, onSiteProviders: 2, thin: true },
  ];

  it('names each field once and reads back the same rows', () => {
    const json = encodeRows(rows);
    expect(JSON.parse(json)).toEqual({
      columns: ['need', 'providers', 'top3Share', 'onSiteProviders', 'thin'],
      rows: [
        ['backup', 3, 5 / 6, null, false],
        ['pentest', 0, null, 2, true],
      ],
    });
    expect(decodeRows(json)).toEqual(rows);
    expect(json.length).toBeLessThan(JSON.stringify(rows).length);
  });

  it('keeps an empty measure empty', () => {
    expect(decodeRows(encodeRows([]))).toEqual([]);
  });
});
