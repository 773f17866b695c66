import { parseHTML } from 'linkedom';

/**
 * Reading a page's data table and a CSV file as plain cells, for tests that check that a download
 * holds exactly what a page shows.
 */

/** The table with id `id` in `html`: its header row, then each body row, as the cells' text (trimmed). */
export function htmlTable(html: string, id: string): string[][] {
  const { document } = parseHTML(html);
  const table = document.getElementById(id);
  if (!table) throw new Error(`no table #${id} on the page`);
  return [...table.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
  );
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF or LF) into rows of cells; a leading byte-order mark is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[index + 1] === '\n') index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
