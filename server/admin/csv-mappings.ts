import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { RecognitionItem } from '../../rules';
import type { Messages } from '../i18n';
import type { Refusal } from '../platform/records';
import type { CodeMapping } from '../contract/admin';

/** The column names an administrator's spreadsheet may use, in Chinese or English. */
const COLUMNS: Record<string, keyof Pick<CodeMapping, 'localCode' | 'localName' | 'itemCode'>> = {
  local_code: 'localCode', localcode: 'localCode', 本院编码: 'localCode', 本院项目编码: 'localCode',
  local_name: 'localName', localname: 'localName', 本院名称: 'localName', 本院项目名称: 'localName',
  item_code: 'itemCode', itemcode: 'itemCode', 互认项目编码: 'itemCode', 互认编码: 'itemCode',
};

/** csv-parse with `info`: each record with the file line it ends on. */
const parsedRows = z.array(z.object({ record: z.array(z.string()), info: z.object({ lines: z.number().int() }) }));
type ParsedRow = z.infer<typeof parsedRows>[number];

/**
 * Reads an uploaded mapping CSV: each row accepted, or refused with why (in the uploader's language)
 * and its data row: 1 is the line under the header, counted in the file as the user sees it (a blank
 * line still counts, so the number leads to the row).
 */
export function parseCodeMappings(
  text: string,
  institutionId: string,
  catalog: ReadonlyMap<string, RecognitionItem>,
  messages: Messages,
): { accepted: CodeMapping[]; refused: Refusal[] } {
  const t = messages.mappingRefusals;
  let rows: ParsedRow[];
  try {
    rows = parsedRows.parse(parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true, info: true }));
  } catch (error) {
    return { accepted: [], refused: [{ row: 0, field: null, message: t.notCsv(error instanceof Error ? error.message.slice(0, 200) : '') }] };
  }
  const [first, ...data] = rows;
  const header = (first?.record ?? []).map((name) => COLUMNS[name.trim().toLowerCase()] ?? null);
  const missing = (['localCode', 'localName', 'itemCode'] as const).filter((column) => !header.includes(column));
  if (missing.length > 0) return { accepted: [], refused: [{ row: 0, field: missing.join(','), message: t.header }] };
  const headerLine = first?.info.lines ?? 1;
  const accepted: CodeMapping[] = [];
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  for (const { record: cells, info } of data) {
    const row = info.lines - headerLine;
    const value = (column: 'localCode' | 'localName' | 'itemCode') => cells[header.indexOf(column)]?.trim() ?? '';
    const localCode = value('localCode');
    const itemCode = value('itemCode');
    if (!localCode) refused.push({ row, field: 'local_code', message: t.emptyCode });
    else if (localCode.length > 64) refused.push({ row, field: 'local_code', message: t.codeTooLong });
    else if (seen.has(localCode)) refused.push({ row, field: 'local_code', message: t.duplicate(localCode) });
    else if (!catalog.has(itemCode)) refused.push({ row, field: 'item_code', message: itemCode ? t.unknownItem(itemCode) : t.emptyItem });
    else {
      seen.add(localCode);
      accepted.push({ institutionId, localCode, localName: (value('localName') || localCode).slice(0, 200), itemCode });
    }
  }
  return { accepted, refused };
}
