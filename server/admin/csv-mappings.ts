import { parse } from 'csv-parse/sync';
import type { RecognitionItem } from '../../rules';
import type { Refusal } from '../platform/records';
import type { CodeMapping } from './schemas';

/** The column names an administrator's spreadsheet may use, in Chinese or English. */
const COLUMNS: Record<string, keyof Pick<CodeMapping, 'localCode' | 'localName' | 'itemCode'>> = {
  local_code: 'localCode', localcode: 'localCode', 本院编码: 'localCode', 本院项目编码: 'localCode',
  local_name: 'localName', localname: 'localName', 本院名称: 'localName', 本院项目名称: 'localName',
  item_code: 'itemCode', itemcode: 'itemCode', 互认项目编码: 'itemCode', 互认编码: 'itemCode',
};

/** Reads an uploaded mapping CSV: each row accepted, or refused with its line and why. */
export function parseCodeMappings(text: string, institutionId: string, catalog: ReadonlyMap<string, RecognitionItem>): { accepted: CodeMapping[]; refused: Refusal[] } {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    return { accepted: [], refused: [{ row: 0, field: null, message: `not valid CSV: ${error instanceof Error ? error.message.slice(0, 200) : ''}` }] };
  }
  const header = (rows[0] ?? []).map((name) => COLUMNS[name.trim().toLowerCase()] ?? null);
  const missing = (['localCode', 'localName', 'itemCode'] as const).filter((column) => !header.includes(column));
  if (missing.length > 0) return { accepted: [], refused: [{ row: 0, field: missing.join(','), message: `the header needs the columns local_code, local_name, item_code (or 本院编码, 本院名称, 互认项目编码)` }] };
  const accepted: CodeMapping[] = [];
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((cells, index) => {
    const row = index + 1;
    const value = (column: 'localCode' | 'localName' | 'itemCode') => cells[header.indexOf(column)]?.trim() ?? '';
    const localCode = value('localCode');
    const itemCode = value('itemCode');
    if (!localCode) return refused.push({ row, field: 'local_code', message: 'empty local code' });
    if (localCode.length > 64) return refused.push({ row, field: 'local_code', message: 'local code longer than 64 characters' });
    if (seen.has(localCode)) return refused.push({ row, field: 'local_code', message: `local code ${localCode} appears twice` });
    if (!catalog.has(itemCode)) return refused.push({ row, field: 'item_code', message: `no catalog item ${itemCode || '(empty)'}` });
    seen.add(localCode);
    accepted.push({ institutionId, localCode, localName: (value('localName') || localCode).slice(0, 200), itemCode });
    return undefined;
  });
  return { accepted, refused };
}
