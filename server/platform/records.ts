import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Qualification, RecognitionItem } from '../../rules';
import { cdsClientSchema, institutionSchema, qualificationSchema, recognitionItemSchema, type CdsClient, type InstitutionRecord } from '../contract/admin';

/**
 * Registry records arriving in bulk (API upload or CLI file): JSON arrays, or CSV with one column
 * per field (lists separated by `;`). Every row is validated on its own; a bad row is refused with
 * its number and field, the good ones go on.
 */
export const RECORD_KINDS = ['institutions', 'qualifications', 'clients', 'catalog'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface Refusal {
  /** 1-based row (CSV: the line after the header; JSON: the array position + 1). */
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

const blankToNull = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());
const list = (value: string | undefined) => (blankToNull(value) ?? '').split(';').map((part) => part.trim()).filter(Boolean);
const bool = (value: string | undefined) => ['true', '1', 'yes', '是'].includes((value ?? '').trim().toLowerCase());
const int = (value: string | undefined) => (blankToNull(value) === null ? value : Number(value));

/** CSV columns are flat; these turn a row into the record's shape before validation. */
const FROM_CSV: Record<RecordKind, (row: Record<string, string>) => unknown> = {
  institutions: (row) => ({
    id: row.id, name: row.name, level: int(row.level), grade: blankToNull(row.grade), region: row.region,
    alliances: list(row.alliances), localCodeSystem: blankToNull(row.localCodeSystem),
  }),
  qualifications: (row) => ({
    institutionId: row.institutionId,
    scope: row.scopeKind === 'item' ? { kind: 'item', itemCode: row.scopeCode } : { kind: row.scopeKind, discipline: row.scopeCode },
    kind: row.kind, passed: bool(row.passed), validFrom: row.validFrom, validUntil: row.validUntil, withdrawnOn: blankToNull(row.withdrawnOn),
  }),
  clients: (row) => ({
    issuer: row.issuer, hospitalId: row.hospitalId, jwks: blankToNull(row.jwks) ? (JSON.parse(row.jwks as string) as unknown) : null, jkuAllowlist: list(row.jkuAllowlist),
  }),
  catalog: (row) => ({
    code: row.code, nameZh: row.nameZh, nameEn: row.nameEn, kind: row.kind, discipline: row.discipline, modality: blankToNull(row.modality),
    bodySite: blankToNull(row.bodySite), window: { amount: int(row.windowAmount), unit: row.windowUnit || 'days' }, annotation: row.annotation || 'none',
    contains: list(row.contains), synonyms: list(row.synonyms), onRegionalList: row.onRegionalList === undefined ? true : bool(row.onRegionalList),
    loinc: blankToNull(row.loinc), priceFen: int(row.priceFen), active: row.active === undefined ? true : bool(row.active),
  }),
};

export interface Numbered<T> {
  readonly row: number;
  readonly record: T;
}

export function parseRecords<K extends RecordKind>(kind: K, text: string, format: 'json' | 'csv'): { records: Numbered<RecordOf<K>>[]; refused: Refusal[] } {
  let rows: unknown[];
  try {
    rows = format === 'json' ? z.array(z.unknown()).parse(JSON.parse(text)) : (parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]).map((row) => {
      try {
        return FROM_CSV[kind](row);
      } catch {
        return row;
      }
    });
  } catch (error) {
    return { records: [], refused: [{ row: 0, field: null, message: `not ${format === 'json' ? 'a JSON array' : 'valid CSV'}: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}` }] };
  }
  const records: Numbered<RecordOf<K>>[] = [];
  const refused: Refusal[] = [];
  rows.forEach((row, index) => {
    const parsed = SCHEMAS[kind].safeParse(row);
    if (parsed.success) records.push({ row: index + 1, record: parsed.data });
    else {
      const issue = parsed.error.issues[0];
      refused.push({ row: index + 1, field: issue?.path.join('.') || null, message: issue?.message ?? 'invalid' });
    }
  });
  return { records, refused };
}
