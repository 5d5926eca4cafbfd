import { parse } from 'csv-parse/sync';
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
