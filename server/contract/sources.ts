import { z } from 'zod';

/** The ways a result source sends reports, besides FHIR. */
export const SOURCE_FORMATS = ['hl7v2', 'cda', 'front-table'] as const;

const id = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, 'letters, digits and . : - _ only');

/** A result source as the platform registers it (POST /api/platform/sources). */
export const resultSourceSchema = z.strictObject({
  id,
  name: z.string().trim().min(1).max(200),
  format: z.enum(SOURCE_FORMATS),
  /** The institutions it files reports for; a message for any other is refused. */
  institutions: z.array(id).min(1).max(500),
  /** Sending-facility codes (HL7 MSH-4) and the institution each stands for. */
  facilities: z.record(z.string().min(1).max(64), id).optional(),
  /** The charset of messages that do not name one (HL7 MSH-18), e.g. GB18030 or UTF-8. */
  charset: z.enum(['UTF-8', 'GB18030', 'GBK']).default('UTF-8'),
  /** The code system of its local item codes; by default the institution's own. */
  localCodeSystem: z.string().trim().min(1).max(255).optional(),
  /**
   * HL7 PID-3: what this source's identifier type codes (CX-5) or assigning authorities (CX-4) stand
   * for, beyond the built-in 身份证 codes: `resident-id` (居民身份证), another identifier system the
   * platform keys patients by (PATIENT_IDENTIFIER_SYSTEMS), or `none` (its own numbers, e.g. an LIS
   * whose `ID` is its patient number).
   */
  identifierTypes: z
    .record(
      z.string().trim().min(1).max(64),
      z.union([z.literal('resident-id'), z.literal('none'), z.string().trim().min(1).max(255)]),
    )
    .optional(),
  /** The addresses an MLLP connection of this source may come from. */
  peers: z
    .array(z.union([z.ipv4(), z.ipv6()]))
    .max(50)
    .optional(),
});
export type ResultSource = z.infer<typeof resultSourceSchema>;

/** The answer to a registration: the bearer token, shown once (only its hash is stored). */
export const sourceRegistrationSchema = z.object({ id: z.string(), token: z.string() });

/** A registered source with what it has sent. */
export const sourceStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  format: z.enum(SOURCE_FORMATS),
  institutions: z.array(z.string()),
  charset: z.string(),
  revoked: z.boolean(),
  lastReceivedAt: z.string().nullable(),
  receivedPastDay: z.number().int(),
  quarantined: z.number().int(),
});
export const sourceStatusesSchema = z.array(sourceStatusSchema);
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

/** One source over recent local days: what it filed and what was quarantined each day, and why. */
export const sourceActivitySchema = z.object({
  source: sourceStatusSchema,
  timeZone: z.string().meta({ description: 'the days are local days in this zone' }),
  days: z.array(
    z.object({
      day: z.string().meta({ description: 'YYYY-MM-DD, oldest first' }),
      stored: z.number().int().meta({ description: 'messages filed that day' }),
      quarantined: z.number().int().meta({ description: 'messages refused into quarantine that day' }),
    }),
  ),
  reasons: z.array(
    z.object({
      reason: z.string().meta({ description: 'the refusal, in Chinese' }),
      count: z.number().int(),
      lastAt: z.string(),
    }),
  ),
});
export type SourceActivity = z.infer<typeof sourceActivitySchema>;

/** A message that could not be read or mapped, kept raw with the reason (in Chinese). */
export const quarantinedMessageSchema = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  receivedAt: z.string(),
  format: z.enum(SOURCE_FORMATS),
  controlId: z.string().nullable(),
  reason: z.string(),
  raw: z.string(),
  replayedAt: z.string().nullable(),
});
export const quarantinePageSchema = z.array(quarantinedMessageSchema);
export type QuarantinedMessage = z.infer<typeof quarantinedMessageSchema>;

/** The outcome of replaying quarantined messages. */
export const replayReportSchema = z.object({
  replayed: z.array(
    z.object({ id: z.number().int(), outcome: z.enum(['stored', 'quarantined']), reason: z.string().nullable() }),
  ),
});

/** POST /ingest/cda's answer: stored (or stored before), or quarantined with the field and the reason in Chinese. */
export const documentAnswerSchema = z.object({
  status: z.union([z.literal(200), z.literal(400), z.literal(422)]),
  outcome: z.enum(['stored', 'duplicate', 'quarantined']),
  documentId: z.string().nullable(),
  field: z.string().nullable(),
  reason: z.string().nullable(),
});
