import { z } from 'zod';
import {
  cdsClientSchema,
  codeMappingInputSchema,
  institutionSchema,
  qualificationSchema,
  recognitionItemSchema,
} from './admin';

/**
 * CSV request bodies (the registry import, an administrator's code mappings): one column per field,
 * lists separated by `;`. A row is read into the JSON form's record and checked by the same schema, so
 * a CSV row meets the same limits as the JSON body; a refusal names the CSV column, not the JSON path.
 */

/** A cell as csv-parse gives it: text, or nothing when the header lacks the column. */
const cell = z.string().optional();
const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());
const nullable = cell.transform(blankToNull);
const split = (text: string) =>
  text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
const list = cell.transform((value) => split(blankToNull(value) ?? ''));
/** Blank: not given (a client's FHIR servers: none registered is not "none allowed"). */
const optionalList = cell.transform((value) => {
  const text = blankToNull(value);
  return text === null ? undefined : split(text);
});
const yes = (value: string | undefined) => ['true', '1', 'yes', '是'].includes((value ?? '').trim().toLowerCase());
const bool = cell.transform(yes);
/** A missing column is yes; a present one says. */
const boolDefaultYes = cell.transform((value) => value === undefined || yes(value));
/** A number when given; a blank cell stays text, for the record's schema to refuse as "expected number". */
const int = cell.transform((value) => (blankToNull(value) === null ? value : Number(value)));
const orDefault = (fallback: string) => cell.transform((value) => value || fallback);
/** A JSON cell (a client's JWK Set); text that is not JSON is refused in its column. */
const json = cell.transform((value, context) => {
  if (blankToNull(value) === null) return null;
  try {
    return JSON.parse(value as string) as unknown;
  } catch {
    context.issues.push({ code: 'custom', message: 'not JSON', input: value });
    return z.NEVER;
  }
});

export interface CsvRowSchema<T, Column extends string = string> {
  /** The header's columns. */
  readonly columns: readonly Column[];
  /** One row, column → cell, read into the record and checked by the JSON form's schema. */
  readonly schema: z.ZodType<T>;
  /** The column a refusal's path points at (null when it points at none). */
  column(path: readonly PropertyKey[]): Column | null;
}

function csvRow<Cells extends Record<string, z.ZodType<unknown, string | undefined>>, T>(
  cells: Cells,
  toRecord: (row: z.output<z.ZodObject<Cells>>) => unknown,
  record: z.ZodType<T>,
  columnOfPath: Readonly<Record<string, keyof Cells & string>> = {},
): CsvRowSchema<T, keyof Cells & string> {
  const columns = Object.keys(cells) as (keyof Cells & string)[];
  const isColumn = (name: string): name is keyof Cells & string => (columns as string[]).includes(name);
  return {
    columns,
    schema: z.object(cells).transform(toRecord).pipe(record),
    column(path) {
      const first = String(path[0] ?? '');
      return columnOfPath[path.map(String).join('.')] ?? columnOfPath[first] ?? (isColumn(first) ? first : null);
    },
  };
}

const same = <Row>(row: Row) => row;

/** The registry's bulk CSV (POST /api/platform/import/{kind}, and `npm run huren import` on a file). */
export const registryCsvRows = {
  institutions: csvRow(
    { id: cell, name: cell, level: int, grade: nullable, region: cell, alliances: list, localCodeSystems: list },
    same,
    institutionSchema,
  ),
  qualifications: csvRow(
    {
      institutionId: cell,
      scopeKind: cell,
      scopeCode: cell,
      kind: cell,
      passed: bool,
      validFrom: cell,
      validUntil: cell,
      withdrawnOn: nullable,
    },
    ({ scopeKind, scopeCode, ...row }) => ({
      ...row,
      scope: scopeKind === 'item' ? { kind: 'item', itemCode: scopeCode } : { kind: scopeKind, discipline: scopeCode },
    }),
    qualificationSchema,
    { scope: 'scopeKind', 'scope.kind': 'scopeKind', 'scope.itemCode': 'scopeCode', 'scope.discipline': 'scopeCode' },
  ),
  clients: csvRow(
    { issuer: cell, hospitalId: cell, jwks: json, jkuAllowlist: list, fhirServers: optionalList },
    same,
    cdsClientSchema,
  ),
  catalog: csvRow(
    {
      code: cell,
      nameZh: cell,
      nameEn: cell,
      kind: cell,
      discipline: cell,
      modality: nullable,
      bodySite: nullable,
      windowAmount: int,
      windowUnit: orDefault('days'),
      annotation: orDefault('none'),
      contains: list,
      synonyms: list,
      onRegionalList: boolDefaultYes,
      loinc: nullable,
      priceFen: int,
      active: boolDefaultYes,
    },
    ({ windowAmount, windowUnit, ...row }) => ({ ...row, window: { amount: windowAmount, unit: windowUnit } }),
    recognitionItemSchema,
    { window: 'windowAmount', 'window.amount': 'windowAmount', 'window.unit': 'windowUnit' },
  ),
};

/** A mapping row meets the limits of the one-mapping JSON body (POST /api/admin/code-mappings); a blank name is the code's. */
export const codeMappingCsvRow = csvRow(
  { localCode: cell, localName: nullable, itemCode: cell, system: nullable },
  same,
  codeMappingInputSchema,
);

/**
 * The header names an administrator's mapping spreadsheet may use, in Chinese or English, for
 * each column of the mapping (PUT /api/admin/code-mappings).
 */
export const CODE_MAPPING_CSV_HEADERS = {
  localCode: ['local_code', 'localcode', '本院编码', '本院项目编码'],
  localName: ['local_name', 'localname', '本院名称', '本院项目名称'],
  itemCode: ['item_code', 'itemcode', '互认项目编码', '互认编码'],
  /** Optional: a file without it (or a blank cell) is of the hospital's first local code system. */
  system: ['code_system', 'system', '编码体系', '本院编码体系'],
} as const satisfies Record<(typeof codeMappingCsvRow.columns)[number], readonly string[]>;
