import { z } from 'zod';
import { SERVICE_IDS } from './cds-hooks';

/**
 * The endpoints through which a patient's results are read, as the log names them: the hooks, explain,
 * the decision API's card and the quality console's order history. The recorder takes only these, so
 * the list (the console's endpoint filter) cannot miss one.
 */
export const ACCESS_LOG_ENDPOINTS = [
  `POST /cds-services/${SERVICE_IDS.patientView}`,
  `POST /cds-services/${SERVICE_IDS.orderSelect}`,
  `POST /cds-services/${SERVICE_IDS.orderSign}`,
  'POST /his/v1/check',
  'POST /api/explain',
  'GET /api/prompts/:promptId',
  'POST /api/prompts/:promptId/decision',
  'POST /api/prompts/:promptId/write-back',
  'POST /api/prompts/:promptId/renewal',
  'GET /api/quality/orders/:promptId',
  'POST /api/admin/rules/dry-run',
  'POST /api/platform/regions/:code/dry-run',
] as const;

/** The patient key of an entry that stands for many patients at once (a dry run's replay of past cards). */
export const MANY_PATIENTS = '*';
export type AccessLogEndpoint = (typeof ACCESS_LOG_ENDPOINTS)[number];

/** GET /api/access-log's query. */
export const accessLogQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'ISO date-time' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'ISO date-time' }),
  /** One person's reads, by national identifier (turned into the key here, never stored) or by key. */
  nationalId: z.string().trim().min(1).max(64).optional().meta({ description: "one person's reads" }),
  patientKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .meta({ description: "one patient key's reads" }),
  /** Reads through one endpoint only. */
  endpoint: z.enum(ACCESS_LOG_ENDPOINTS).optional().meta({ description: "one endpoint's reads, as the log names it" }),
  /** Platform only: one hospital's entries. */
  hospitalId: z.string().min(1).max(64).optional().meta({ description: 'platform only' }),
  before: z.coerce.number().int().min(1).optional().meta({ description: "the previous page's next" }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'up to 500' }),
});

/** One read of one patient's results, as the log keeps it. */
export const accessEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  /** The hospital whose staff or system read (null: a development call that named none). */
  hospitalId: z.string().nullable(),
  /** The hospital's name from the registry, for people reading the log (null when it names none or is gone). */
  hospitalName: z.string().nullable(),
  actorKind: z.enum(['cds-client', 'his-client', 'api-token', 'decision-token', 'unauthenticated']),
  /** The CDS client's issuer, the API token's id, or the card a decision token is for. */
  actor: z.string(),
  actorName: z.string().nullable(),
  patientKey: z.string(),
  endpoint: z.string(),
  results: z.number().int(),
  /** A look-up Huren refused (explain for a patient who is not the hospital's own): nothing was shown. */
  refused: z.boolean(),
});

/** GET /api/access-log's answer: one page, newest first; `next` is the `before` of the next page. */
export const accessLogPageSchema = z.object({
  entries: z.array(accessEntrySchema),
  next: z.number().int().nullable(),
  total: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'how many entries the filters select; answered with the first page (no `before`) only' }),
});
export type AccessLogPage = z.infer<typeof accessLogPageSchema>;
export type AccessLogQuery = z.input<typeof accessLogQuerySchema>;
export type AccessEntryView = z.infer<typeof accessEntrySchema>;
