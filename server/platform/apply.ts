import type { RecognitionItem } from '../../rules';
import type { CdsClient, InstitutionRecord } from '../contract/admin';
import type { Qualification } from '../../rules';
import { saveItems } from '../store/catalog';
import type { Database } from '../store/database';
import { isRegistered, saveClient, saveInstitution, upsertQualification } from '../store/registry';
import { registryCsvRows } from '../contract/csv-rows';
import { messages, type Locale } from '../i18n';
import { parseRecords, type Numbered, type RecordKind, type RecordOf, type Refusal } from './records';

/** What a record needs to exist first (an institution's region, a qualification's institution…). */
async function missingReference<K extends RecordKind>(
  db: Database,
  kind: K,
  record: RecordOf<K>,
  locale: Locale,
): Promise<{ field: string; message: string } | null> {
  const unknown = messages(locale).registryUnknown;
  if (kind === 'institutions') {
    const institution = record as InstitutionRecord;
    if (!(await isRegistered(db, 'region', institution.region)))
      return { field: 'region', message: unknown.region(institution.region) };
    for (const alliance of institution.alliances)
      if (!(await isRegistered(db, 'alliance', alliance)))
        return { field: 'alliances', message: unknown.alliance(alliance) };
  }
  if (kind === 'qualifications') {
    const qualification = record as Qualification;
    if (!(await isRegistered(db, 'institution', qualification.institutionId)))
      return { field: 'institutionId', message: unknown.institution(qualification.institutionId) };
    if (qualification.scope.kind === 'item' && !(await isRegistered(db, 'item', qualification.scope.itemCode)))
      return { field: 'scope.itemCode', message: unknown.item(qualification.scope.itemCode) };
  }
  if (kind === 'catalog')
    // A panel names analytes the catalog has: one it lacks could never be matched.
    for (const code of (record as RecognitionItem).contains)
      if (!(await isRegistered(db, 'item', code))) return { field: 'contains', message: unknown.item(code) };
  if (kind === 'catalog')
    // A panel names analytes the catalog has: one it lacks could never be matched.
    for (const code of (record as RecognitionItem).contains)
      if (!(await isRegistered(db, 'item', code))) return { field: 'contains', message: unknown.item(code) };
  if (kind === 'clients' && !(await isRegistered(db, 'institution', (record as CdsClient).hospitalId)))
    return { field: 'hospitalId', message: unknown.institution((record as CdsClient).hospitalId) };
  return null;
}

async function save<K extends RecordKind>(db: Database, kind: K, record: RecordOf<K>, now: Date): Promise<void> {
  if (kind === 'institutions') await saveInstitution(db, record as InstitutionRecord, now);
  else if (kind === 'qualifications') await upsertQualification(db, record as Qualification);
  else if (kind === 'clients') await saveClient(db, record as CdsClient, now);
  else await saveItems(db, [record as RecognitionItem]);
}

/** What an import is told besides its rows: progress for long files, or (a preview) to save nothing. */
export interface ImportOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Check every row, references too, and count what would be saved; save nothing. */
  readonly preview?: boolean;
  /** The language refusals are worded in (English by default: the CLI's). */
  readonly locale?: Locale;
}

/** Saves valid records one by one (each in its own transaction), reporting progress for long files. */
export async function applyRecords<K extends RecordKind>(
  db: Database,
  kind: K,
  records: readonly Numbered<RecordOf<K>>[],
  now: Date,
  { onProgress, preview = false, locale = 'en' }: ImportOptions = {},
): Promise<{ saved: number; refused: Refusal[] }> {
  const refused: Refusal[] = [];
  let saved = 0;
  for (const [index, { row, record }] of records.entries()) {
    const missing = await missingReference(db, kind, record, locale);
    if (missing) refused.push({ row, ...missing });
    else {
      if (!preview) await db.transaction((trx) => save(trx, kind, record, now));
      saved += 1;
    }
    onProgress?.(index + 1, records.length);
  }
  return { saved, refused };
}

/**
 * A bulk import (API upload or CLI file): the rows read and checked, the valid ones saved, and every
 * refusal in row order. In a CSV a refusal names the column, a missing reference's too.
 */
export async function importRecords(
  db: Database,
  kind: RecordKind,
  text: string,
  format: 'json' | 'csv',
  now: Date,
  options: ImportOptions = {},
): Promise<{ saved: number; refused: Refusal[] }> {
  const { records, refused } = parseRecords(kind, text, format, options.locale);
  const applied = await applyRecords(db, kind, records, now, options);
  const named =
    format === 'csv'
      ? applied.refused.map((refusal) => ({
          ...refusal,
          field: refusal.field && (registryCsvRows[kind].column(refusal.field.split('.')) ?? refusal.field),
        }))
      : applied.refused;
  return { saved: applied.saved, refused: [...refused, ...named].sort((a, b) => a.row - b.row) };
}
