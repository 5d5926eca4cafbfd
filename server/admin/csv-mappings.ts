import type { z } from 'zod';
import type { RecognitionItem } from '../../rules';
import type { CodeMapping } from '../contract/admin';
import { CODE_MAPPING_CSV_HEADERS, codeMappingCsvRow } from '../contract/csv-rows';
import { readUploadedCsvYielding, type UploadedCsv } from '../csv/uploaded-csv';
import type { Messages } from '../i18n';
import type { Refusal } from '../platform/records';

type Column = keyof typeof CODE_MAPPING_CSV_HEADERS;
const YIELD_EVERY = 2_000;
const COLUMNS = codeMappingCsvRow.columns;
const columnOf = (name: string): Column | null =>
  COLUMNS.find((column) =>
    (CODE_MAPPING_CSV_HEADERS[column] as readonly string[]).includes(name.trim().toLowerCase()),
  ) ?? null;
/** A refusal names the column by its English header (`local_code`). */
const headerOf = (column: Column) => CODE_MAPPING_CSV_HEADERS[column][0];

/** Why a row fails the contract's row schema, in the uploader's language. */
function schemaRefusal(row: number, issue: z.core.$ZodIssue | undefined, t: Messages['mappingRefusals']): Refusal {
  const column = codeMappingCsvRow.column(issue?.path ?? []);
  const field = column ? headerOf(column) : null;
  if (issue?.code === 'too_big' && column) return { row, field, message: t.tooLong(column, Number(issue.maximum)) };
  if (issue?.code === 'too_small' && column === 'localCode') return { row, field, message: t.emptyCode };
  if (issue?.code === 'too_small' && column === 'itemCode') return { row, field, message: t.emptyItem };
  return { row, field, message: issue?.message ?? 'invalid' };
}

/**
 * Reads an uploaded mapping CSV: each row checked by the contract's row schema (the limits of the
 * one-mapping JSON body), then against the hospital's code systems (a row without one is of the first),
 * for duplicates within its system and against the catalog; accepted, or refused with why
 * (in the uploader's language) and its data row: 1 is the line under the header, counted in the file
 * as the user sees it (a blank line still counts, so the number leads to the row).
 */
export async function parseCodeMappings(
  text: string,
  institution: { readonly id: string; readonly localCodeSystems: readonly string[] },
  catalog: ReadonlyMap<string, RecognitionItem>,
  messages: Messages,
): Promise<{ accepted: CodeMapping[]; refused: Refusal[] }> {
  const t = messages.mappingRefusals;
  let csv: UploadedCsv;
  try {
    csv = await readUploadedCsvYielding(text, { relaxColumnCount: true });
  } catch (error) {
    return {
      accepted: [],
      refused: [{ row: 0, field: null, message: t.notCsv(error instanceof Error ? error.message.slice(0, 200) : '') }],
    };
  }
  const header = csv.header.map(columnOf);
  const missing = COLUMNS.filter((column) => column !== 'system' && !header.includes(column));
  if (missing.length > 0) return { accepted: [], refused: [{ row: 0, field: missing.join(','), message: t.header }] };
  const accepted: CodeMapping[] = [];
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  for (const [index, { row, cells }] of csv.rows.entries()) {
    // A whole hospital's table is 100 thousand rows: other requests are served between batches.
    if (index > 0 && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    const parsed = codeMappingCsvRow.schema.safeParse(
      Object.fromEntries(COLUMNS.map((column) => [column, cells[header.indexOf(column)] ?? ''])),
    );
    if (!parsed.success) {
      refused.push(schemaRefusal(row, parsed.error.issues[0], t));
      continue;
    }
    const { localCode, localName, itemCode } = parsed.data;
    const system = parsed.data.system ?? institution.localCodeSystems[0];
    if (!system) refused.push({ row, field: headerOf('system'), message: t.noSystem });
    else if (!institution.localCodeSystems.includes(system))
      refused.push({ row, field: headerOf('system'), message: t.unknownSystem(system, institution.localCodeSystems) });
    else if (seen.has(`${system} ${localCode}`))
      refused.push({ row, field: headerOf('localCode'), message: t.duplicate(localCode) });
    else if (!catalog.has(itemCode))
      refused.push({ row, field: headerOf('itemCode'), message: t.unknownItem(itemCode) });
    else {
      seen.add(`${system} ${localCode}`);
      accepted.push({ institutionId: institution.id, system, localCode, localName: localName ?? localCode, itemCode });
    }
  }
  return { accepted, refused };
}
