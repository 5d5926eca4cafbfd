import { z } from 'zod';
import { ANNOTATIONS, EXCEPTION_REASONS, EXPLANATION_MAX_LENGTH, needsExplanation, WINDOW_UNITS } from '../../rules';
import { reportSchema } from './report';

/** Where a decision was taken: the EHR's card (feedback), the app, or a HIS's own popup (written back). */
export const DECISION_SOURCES = ['cds-feedback', 'smart-app', 'his-popup'] as const;
export type DecisionSource = (typeof DECISION_SOURCES)[number];

/** The longest name of who told the patient; the app checks the same limit before sending. */
export const NOTIFIED_BY_MAX_LENGTH = 100;
/** The longest write-back detail (the EHR's refusal) the server keeps; the app trims to it. */
export const WRITE_BACK_DETAIL_MAX_LENGTH = 500;

/** How the patient (or family) was told why the examination is repeated. */
export const patientNotificationSchema = z.object({
  party: z.enum(['patient', 'family', 'guardian']),
  method: z.enum(['verbal', 'written', 'electronic']),
  notifiedAt: z.iso.datetime({ offset: true }),
  notifiedBy: z.string().trim().min(1).max(NOTIFIED_BY_MAX_LENGTH),
});
export type PatientNotification = z.infer<typeof patientNotificationSchema>;

export const DECISION_OUTCOMES = ['accepted', 'overridden', 'withdrawn'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** The decision API the SMART app speaks (`/api/prompts/...`): inputs validated here, answers described here. */

const practitioner = z.object({
  /** `Practitioner/123` (fhirUser of the SMART launch). */
  ref: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(100).nullable(),
});

export const decisionInputSchema = z
  .discriminatedUnion('outcome', [
    z.strictObject({
      outcome: z.literal('accepted'),
      resultId: z.string().trim().min(1).max(64),
      practitioner,
      /** What the EHR says of the order (the app reads its status there): true once it is signed. */
      orderSigned: z.boolean().optional(),
    }),
    z.strictObject({
      outcome: z.literal('overridden'),
      reason: z.enum(EXCEPTION_REASONS),
      explanation: z.string().trim().max(EXPLANATION_MAX_LENGTH).nullable().default(null),
      notification: patientNotificationSchema,
      practitioner,
      orderSigned: z.boolean().optional(),
    }),
    z.strictObject({ outcome: z.literal('withdrawn'), practitioner }),
  ])
  .superRefine((input, context) => {
    if (input.outcome === 'overridden' && needsExplanation(input.reason) && !input.explanation) {
      context.addIssue({ code: 'custom', path: ['explanation'], message: 'is required for this reason' });
    }
  });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export const writeBackInputSchema = z.strictObject({
  status: z.enum(['written', 'refused']),
  detail: z.string().trim().max(WRITE_BACK_DETAIL_MAX_LENGTH).nullable().default(null),
});
export type WriteBackInput = z.infer<typeof writeBackInputSchema>;

/** What the SMART app brings from its launch: the EHR it was launched from, its access token and the patient in context. */
export const renewalInputSchema = z.strictObject({
  fhirServer: z.url({ protocol: /^https?$/ }).max(2000),
  accessToken: z.string().min(1).max(8192),
  patientId: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/),
});
export type RenewalInput = z.infer<typeof renewalInputSchema>;

/**
 * The undecided cards of the launch's patient at the hospitals whose EHR launched the app, each with a
 * token: for EHRs whose SMART server cannot hand over a card's appContext.
 */
export const openPromptsSchema = z.object({
  prompts: z.array(
    z.object({
      promptId: z.string(),
      token: z.string(),
      itemCode: z.string(),
      itemName: z.string(),
      createdAt: z.string(),
      orderedBy: z.object({ ref: z.string(), name: z.string().nullable() }),
      department: z.string().nullable(),
    }),
  ),
});
export type OpenPrompts = z.infer<typeof openPromptsSchema>;

/** A renewed card's token. */
export const renewalSchema = z.object({ token: z.string() });

const coded = z.object({ code: z.string(), text: z.string() });
const institutionView = z.object({
  id: z.string(),
  name: z.string(),
  level: z.number().int().nullable(),
  levelText: z.string().nullable(),
});
const testSystem = z.object({ method: z.string().nullable(), brand: z.string().nullable() });

export const decisionViewSchema = z.object({
  version: z.number().int(),
  outcome: z.enum(DECISION_OUTCOMES),
  resultId: z.string().nullable(),
  reason: z.object({ system: z.string(), code: z.string(), display: z.string().nullable() }).nullable(),
  /** The reason in the reader's language (or as the EHR sent it, for its own codes). */
  reasonText: z.string().nullable(),
  explanation: z.string().nullable(),
  notification: patientNotificationSchema.nullable(),
  practitioner: practitioner.nullable(),
  source: z.enum(DECISION_SOURCES),
  complete: z.boolean(),
  decidedAt: z.string(),
  recordedAt: z.string(),
  writeBack: z.object({ status: z.enum(['written', 'refused']), detail: z.string().nullable() }).nullable(),
  /** Made after the order was signed: the examination was ordered anyway, so it saved nothing. */
  afterSigning: z.boolean(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

export const promptViewSchema = z.object({
  prompt: z.object({
    id: z.string(),
    serviceId: z.string(),
    createdAt: z.string(),
    orderRef: z.string().nullable(),
    encounterKind: coded,
    department: z.string().nullable(),
    orderedBy: z.object({ ref: z.string(), name: z.string().nullable() }),
  }),
  hospital: z.object({ id: z.string(), name: z.string() }),
  item: z.object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['lab', 'imaging']),
    modality: z.string().nullable(),
    bodySite: z.string().nullable(),
    window: z.object({ amount: z.number().int(), unit: z.enum(WINDOW_UNITS) }),
    /** The window in days as the hospital's override would bound it. */
    windowDays: z.number().int(),
    annotation: z.enum(ANNOTATIONS),
    methodRelevant: z.boolean(),
  }),
  localTestSystem: testSystem.nullable(),
  /** The hospital's region asks results to carry a recognition mark: only then is a missing mark worth saying. */
  markRequired: z.boolean(),
  /** In an emergency, what the card says too: the results are for reference, the doctor decides. */
  emergencyNote: z.string().nullable(),
  recognisable: z.array(
    z.object({
      resultId: z.string(),
      /** The suggestion on the card that stood for this result, if it was offered there. */
      suggestionId: z.string().nullable(),
      institution: institutionView,
      mark: z.string().nullable(),
      status: z.string(),
      effectiveAt: z.string(),
      resultDate: z.string(),
      ageDays: z.number().int(),
      daysLeft: z.number().int(),
      lastDay: z.string(),
      testSystem,
      warnings: z.array(coded),
      /** The ordering hospital's own result (本院): a reminder, not mutual recognition. */
      own: z.boolean(),
      /** The containing examination that stands for the ordered item (类似检查), when not the item itself. */
      via: z.object({ code: z.string(), name: z.string() }).nullable(),
      report: reportSchema,
    }),
  ),
  excluded: z.array(
    z.object({
      resultId: z.string(),
      institution: institutionView,
      status: z.string(),
      resultDate: z.string(),
      ageDays: z.number().int(),
      reasons: z.array(coded),
      report: reportSchema,
    }),
  ),
  exceptionReasons: z.array(
    z.object({
      code: z.enum(EXCEPTION_REASONS),
      text: z.string(),
      countsAsNonRecognition: z.boolean(),
      needsExplanation: z.boolean(),
    }),
  ),
  explanationMaxLength: z.number().int(),
  decision: decisionViewSchema.nullable(),
  history: z.array(decisionViewSchema),
  /** Whether the decision can still be changed (same day, or not yet complete). */
  editable: z.boolean(),
  /** The DiagnosticReport to write to the EHR for the accepted result (subject left for the app to set). */
  writeBackResource: z.record(z.string(), z.unknown()).nullable(),
});
export type PromptView = z.infer<typeof promptViewSchema>;

export const decisionAnswerSchema = z.object({
  decision: decisionViewSchema,
  history: z.array(decisionViewSchema),
  editable: z.boolean(),
  writeBackResource: z.record(z.string(), z.unknown()).nullable(),
});
export type DecisionAnswer = z.infer<typeof decisionAnswerSchema>;
