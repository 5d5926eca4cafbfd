import { stringify } from 'csv-stringify/sync';

/** What a spreadsheet reads as the start of a formula (OWASP, CSV injection): = + - @, tab and carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as it may safely reach a spreadsheet: text that would start a formula gets a leading single
 * quote, so Excel and LibreOffice show it as text instead of running it. Numbers are written as they are
 * (a negative number is a value, not a formula).
 */
export function neutralisedCell(cell: unknown): string | number {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return cell;
  const text = String(cell);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Every CSV Huren writes goes through here: UTF-8 with a byte-order mark and CRLF line ends (what
 * Excel opens correctly, Chinese headers included), each cell neutralised.
 */
export function excelCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${stringify(rows.map((row) => row.map(neutralisedCell)), { record_delimiter: '\r\n' })}`;
}
