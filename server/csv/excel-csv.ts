import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify as stringifier } from 'csv-stringify';
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
  return `\uFEFF${stringify(
    rows.map((row) => row.map(neutralisedCell)),
    { record_delimiter: '\r\n' },
  )}`;
}

/**
 * The same CSV as `excelCsv`, written to a stream chunk by chunk as the rows arrive (a large export
 * never sits in memory whole); waits whenever the receiver is slower.
 */
export async function writeExcelCsv(
  out: Writable,
  chunks: AsyncIterable<readonly (readonly unknown[])[]>,
): Promise<void> {
  const csv = stringifier({ record_delimiter: '\r\n' });
  out.write('\uFEFF');
  const written = pipeline(csv, out);
  try {
    for await (const rows of chunks) {
      for (const row of rows) if (!csv.write(row.map(neutralisedCell))) await once(csv, 'drain');
    }
    csv.end();
  } catch (error) {
    csv.destroy(error as Error);
  }
  await written;
}
