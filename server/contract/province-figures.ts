import { z } from 'zod';
import { group, tally } from './quality';

/** GET /api/platform/figures (and .csv): local days, at most a year and a day apart. */
export const provinceFiguresQuerySchema = z.object({
  from: z.iso.date().optional().meta({ description: 'first local day, YYYY-MM-DD (default: 1 January of `to`)' }),
  to: z.iso.date().optional().meta({ description: 'last local day (default: today)' }),
});

/** One hospital's figures in the province's ranking. */
export const hospitalFiguresSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  level: z.number().int(),
  ...tally,
  /** Distinct catalog items it recognised from other institutions' results (004's 200/300 items). */
  recognisedItems: z.number().int(),
  /** Place by recognition rate (hospitals with eligible orders only; null for the others). */
  rank: z.number().int().nullable(),
});

/**
 * The province's quality figures (issue 21 point 6): every hospital's prompted orders, counted as each
 * hospital's quality console counts its own (docs/quality.md), aggregated in SQL in one statement.
 */
export const provinceFiguresSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({ ...tally, hospitals: z.number().int(), recognisedItems: z.number().int() }),
  targets: z.object({ city: z.literal(200), province: z.literal(300) }),
  byHospital: z.array(hospitalFiguresSchema),
  byItem: z.array(group),
  byMonth: z.array(group),
});
export type ProvinceFigures = z.infer<typeof provinceFiguresSchema>;
