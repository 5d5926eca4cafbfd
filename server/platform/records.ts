import { z } from 'zod';
import type { Locale } from '../i18n';
import type { Qualification, RecognitionItem } from '../../rules';
import { readUploadedCsv } from '../csv/uploaded-csv';
import { registryCsvRows, type CsvRowSchema } from '../contract/csv-rows';
import {
  cdsClientSchema,
  institutionSchema,
  qualificationSchema,
  recognitionItemSchema,
  type CdsClient,
  type InstitutionRecord,
} from '../contract/admin';

/**
 * Registry records arriving in bulk (API upload or CLI file): JSON arrays, or CSV with one column
 * per field (lists separated by `;`). Every row is validated on its own; a bad row is refused with
 * its number and field, the good ones go on.
 */
export const RECORD_KINDS = ['institutions', 'qualifications', 'clients', 'catalog'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface Refusal {
  /** 1-based row (CSV: the file's line counted from the header, blank lines included; JSON: the array position + 1). */
  readonly row: number;
  readonly field: string | null;
  readonly message: string;
}

interface Records {
  readonly institutions: InstitutionRecord;
  readonly qualifications: Qualification;
  readonly clients: CdsClient;
  readonly catalog: RecognitionItem;
}
export type RecordOf<K extends RecordKind> = Records[K];

const SCHEMAS: { readonly [K in RecordKind]: z.ZodType<Records[K]> } = {
  institutions: institutionSchema,
  qualifications: qualificationSchema,
  clients: cdsClientSchema,
  catalog: recognitionItemSchema,
};

export interface Numbered<T> {
  readonly row: number;
  readonly record: T;
}

/** A refusal for the first issue: in a CSV, named by its column; in JSON, by its path. */
function refusalOf(row: number, error: z.ZodError, field: (path: readonly PropertyKey[]) => string | null): Refusal {
  const issue = error.issues[0];
  return { row, field: issue ? field(issue.path) : null, message: issue?.message ?? 'invalid' };
}

/**
 * Every row checked by the JSON form's schema (a CSV row read through the contract's row schema,
 * `server/contract/csv-rows.ts`); a CSV row is numbered as the file's line under the header.
 */
export function parseRecords<K extends RecordKind>(
  kind: K,
  text: string,
  format: 'json' | 'csv',
  locale: Locale = 'en',
): { records: Numbered<RecordOf<K>>[]; refused: Refusal[] } {
  // The checks' own words in the uploader's language (zod's locale for what the schemas do not word).
  const words = { error: locale === 'zh-CN' ? z.locales.zhCN().localeError : z.locales.en().localeError };
  const records: Numbered<RecordOf<K>>[] = [];
  const refused: Refusal[] = [];
  const check = (
    row: number,
    parsed: z.ZodSafeParseResult<RecordOf<K>>,
    field: (path: readonly PropertyKey[]) => string | null,
  ) => {
    if (parsed.success) records.push({ row, record: parsed.data });
    else refused.push(refusalOf(row, parsed.error, field));
  };
  try {
    if (format === 'json') {
      z.array(z.unknown())
        .parse(JSON.parse(text))
        .forEach((input, index) =>
          check(index + 1, SCHEMAS[kind].safeParse(input, words), (path) => path.join('.') || null),
        );
    } else {
      const csvRow = registryCsvRows[kind] as CsvRowSchema<RecordOf<K>>;
      const { header, rows } = readUploadedCsv(text);
      for (const { row, cells } of rows) {
        check(
          row,
          csvRow.schema.safeParse(Object.fromEntries(header.map((name, column) => [name, cells[column]])), words),
          (path) => csvRow.column(path),
        );
      }
    }
  } catch (error) {
    return {
      records: [],
      refused: [
        {
          row: 0,
          field: null,
          message: `not ${format === 'json' ? 'a JSON array' : 'valid CSV'}: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`,
        },
      ],
    };
  }
  return { records, refused };
}
