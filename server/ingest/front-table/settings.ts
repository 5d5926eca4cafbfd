import { readFileSync } from 'node:fs';
import { z } from 'zod';

const column = z.string().trim().min(1).max(128);

/**
 * One front table to poll (FRONT_TABLES names a JSON file of these): where it is, which column is the
 * watermark, and which column means what. One row is one analyte of one report.
 */
export const frontTableSchema = z.strictObject({
  /** The registered result source (format front-table) these rows are filed for. */
  source: z.string().min(1).max(64),
  client: z.enum(['pg', 'mysql2', 'sqlite3', 'oracledb', 'tedious']),
  connection: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  table: column,
  /** A column that only grows (an id, or an insert time): rows past the last one filed are read next. */
  watermark: column,
  intervalSeconds: z.number().int().min(5).max(3600).default(60),
  batch: z.number().int().min(10).max(5000).default(500),
  columns: z.strictObject({
    reportId: column,
    nationalId: column,
    patientName: column.optional(),
    /** The performing institution's code (a facility the source registered); optional for a one-institution source. */
    institution: column.optional(),
    /** The platform's or the hospital's item code (检验/检查项目). */
    itemCode: column,
    itemName: column.optional(),
    analyte: column,
    value: column,
    unit: column.optional(),
    referenceRange: column.optional(),
    flag: column.optional(),
    collectedAt: column,
    /** F final, C corrected, X withdrawn (as HL7 writes them); absent: final. */
    status: column.optional(),
    /** Whether the row's item is a 互认 item: rows that say not are skipped. */
    recognised: column.optional(),
    method: column.optional(),
    instrument: column.optional(),
  }),
  /** The values of `recognised` that mean yes. */
  recognisedValues: z.array(z.string()).default(['1', 'Y', 'y', '是', 'true']),
});
export type FrontTable = z.infer<typeof frontTableSchema>;

export function readFrontTables(file: string): FrontTable[] {
  return z.array(frontTableSchema).parse(JSON.parse(readFileSync(file, 'utf8')));
}
