import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { z } from 'zod';

/** csv-parse with `info`: each record with the file line it ends on. */
const parsedRecords = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }));

export interface UploadedCsv {
  readonly header: readonly string[];
  /** `row` 1 is the line under the header, counted as the user sees the file: a blank line still counts. */
  readonly rows: readonly { readonly row: number; readonly cells: readonly string[] }[];
}

/**
 * An uploaded CSV (Excel's BOM tolerated, cells trimmed) as its header and data rows, each numbered
 * so that a refusal leads the user to the line. Throws csv-parse's error when the text is not CSV
 * (or, unless `relaxColumnCount`, when a row has more or fewer cells than the header).
 */
export function readUploadedCsv(text: string, options: { relaxColumnCount?: boolean } = {}): UploadedCsv {
  const [first, ...data] = parsedRecords.parse(
    parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: options.relaxColumnCount ?? false,
      info: true,
    }),
  );
  const headerLine = first?.info.lines ?? 1;
  return {
    header: first?.record ?? [],
    rows: data.map(({ record, info }) => ({ row: info.lines - headerLine, cells: record })),
  };
}

/** The text fed to the parser in pieces this long, each in its own turn of the event loop. */
const CHUNK = 64 * 1024;

/**
 * The same as `readUploadedCsv`, for files large enough to matter (a hospital's whole mapping table):
 * the text is parsed a piece at a time, so other requests are served while a 5 MB file is read.
 */
export async function readUploadedCsvYielding(
  text: string,
  options: { relaxColumnCount?: boolean } = {},
): Promise<UploadedCsv> {
  const body = text.replace(/^\uFEFF/, '');
  const pieces = Array.from({ length: Math.ceil(body.length / CHUNK) }, (_, index) =>
    body.slice(index * CHUNK, (index + 1) * CHUNK),
  );
  const parser = Readable.from(pieces).pipe(
    parseStream({
      skip_empty_lines: true,
      trim: true,
      relax_column_count: options.relaxColumnCount ?? false,
      info: true,
    }),
  );
  let header: readonly string[] = [];
  let headerLine = 1;
  const rows: { row: number; cells: readonly string[] }[] = [];
  for await (const raw of parser) {
    const [parsed] = parsedRecords.parse([raw]);
    if (!parsed) continue;
    const { record, info } = parsed;
    if (rows.length === 0 && header.length === 0) {
      header = record;
      headerLine = info.lines;
    } else rows.push({ row: info.lines - headerLine, cells: record });
  }
  return { header, rows };
}
