import { z } from 'zod';
import { EXCEPTION_REASONS, EXPLANATION_MAX_LENGTH, needsExplanation } from '../../rules';
import { patientNotificationSchema } from './decisions';
import { labValueSchema } from './report';

/**
 * The HIS channel (`/his/v1/…`): an order-time check and a decision write-back in the HIS's own terms,
 * for doctor workstations that speak neither CDS Hooks nor FHIR. JSON, or XML with the same fields.
 */

/** The service id the HIS channel's prompts are stored under (CDS Hooks prompts carry their hook's). */
export const HIS_SERVICE_ID = 'his-check';

/** The resident identity card (居民身份证): the identifier type a HIS sends when it says nothing else. */
export const RESIDENT_ID = 'resident-id';

/** 门诊, 急诊, 住院: what the HIS calls the visit, in English or in Chinese. */
const VISIT_KINDS = { 门诊: 'outpatient', 急诊: 'emergency', 住院: 'inpatient' } as const;
export const visitKindSchema = z
  .enum(['outpatient', 'emergency', 'inpatient', '门诊', '急诊', '住院'])
  .transform((kind) => (kind in VISIT_KINDS ? VISIT_KINDS[kind as keyof typeof VISIT_KINDS] : kind))
  .pipe(z.enum(['outpatient', 'emergency', 'inpatient']));

const code = z.string().trim().min(1).max(64);
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const hisCheckInputSchema = z.strictObject({
  patient: z.strictObject({
    /** `resident-id` (身份证) or another identifier system the platform registered (PATIENT_IDENTIFIER_SYSTEMS). */
    idType: z.string().trim().min(1).max(255).default(RESIDENT_ID),
    idNumber: z.string().trim().min(1).max(64),
    /** 门诊号 */
    outpatientNo: optionalText(64),
    /** 住院号 */
    inpatientNo: optionalText(64),
  }),
  visit: z.strictObject({
    kind: visitKindSchema,
    /** The HIS's visit number (就诊流水号). */
    visitNo: optionalText(64),
    departmentCode: optionalText(64),
    departmentName: optionalText(100),
    /** 医生工号 */
    doctorId: code,
    doctorName: optionalText(100),
  }),
  orders: z
    .array(
      z.strictObject({
        /** The HIS's own order id: decisions are written back and read by it. */
        orderId: code,
        /** The hospital's local item code (mapped through the hospital's code mapping), or a catalog code. */
        code,
        /**
         * Which of the hospital's local code systems `code` is of (its LIS, its RIS…), as the platform
         * registered them. Absent: each of them is tried in order.
         */
        codeSystem: optionalText(255),
        name: optionalText(200),
      }),
    )
    .min(1)
    .max(50)
    .refine((orders) => new Set(orders.map((order) => order.orderId)).size === orders.length, {
      message: 'each orderId once',
    }),
});
export type HisCheckInput = z.infer<typeof hisCheckInputSchema>;

/** What the rules say of one order, in the HIS's words. */
export const HIS_VERDICTS = ['recognisable', 'none', 'inform', 'panel', 'unmapped'] as const;
export type HisVerdict = (typeof HIS_VERDICTS)[number];

export const hisResultSchema = z.object({
  resultId: z.string(),
  /** 本院 (true) or 外院. */
  own: z.boolean(),
  institution: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  /** The result's date in the hospital's time zone. */
  date: z.string(),
  ageDays: z.number().int(),
  daysLeft: z.number().int(),
  /** The item this result was reported as, when it stands for the ordered one (类似检查); null for the item itself. */
  standsFor: z.string().nullable(),
  mark: z.string().nullable(),
  values: z.array(labValueSchema),
  /** 检查所见 */
  findings: z.string().nullable(),
  /** The other doctor's conclusion: for reference only, never part of the recognised result. */
  conclusion: z.string().nullable(),
  viewerUrl: z.string().nullable(),
});
export type HisResult = z.infer<typeof hisResultSchema>;

export const hisOrderAnswerSchema = z.object({
  orderId: z.string(),
  code: z.string(),
  item: z.object({ code: z.string(), name: z.string() }).nullable(),
  verdict: z.enum(HIS_VERDICTS),
  /** Ready to show as it is: plain text, one line per result; empty when there is nothing to show. */
  popupText: z.string(),
  results: z.array(hisResultSchema),
  /** The prompt recorded for this order (null when nothing was shown). */
  promptId: z.string().nullable(),
  /** The decision page, single use, until `decisionUrlExpiresAt`; null when there is nothing to decide. */
  decisionUrl: z.string().nullable(),
  decisionUrlExpiresAt: z.string().nullable(),
});
export type HisOrderAnswer = z.infer<typeof hisOrderAnswerSchema>;

export const hisReasonSchema = z.object({
  code: z.enum(EXCEPTION_REASONS),
  text: z.string(),
  /** Whether a free-text explanation must come with it. */
  explanationRequired: z.boolean(),
});

export const hisCheckAnswerSchema = z.object({
  /** This check's id (the prompts' hookInstance). */
  checkId: z.string(),
  hospital: z.object({ id: z.string(), name: z.string() }),
  orders: z.array(hisOrderAnswerSchema),
  /** The exception reasons as a code table, in the answer's language. */
  reasons: z.array(hisReasonSchema),
  /** Set when the budget ran out or Huren failed: then no order carries a prompt, and the doctor orders as usual. */
  degraded: z.enum(['timeout', 'failure']).nullable(),
});
export type HisCheckAnswer = z.infer<typeof hisCheckAnswerSchema>;

export const HIS_ACTIONS = ['accepted', 'declined', 'viewed', 'signed', 'cancelled'] as const;
export type HisAction = (typeof HIS_ACTIONS)[number];

export const hisDecisionInputSchema = z
  .strictObject({
    orderId: code,
    action: z.enum(HIS_ACTIONS),
    /** accepted: which result. */
    resultId: z.string().trim().min(1).max(64).optional(),
    /** declined: the reason code (the `reasons` table of the check answer). */
    reasonCode: z.enum(EXCEPTION_REASONS).optional(),
    reasonText: z.string().trim().max(EXPLANATION_MAX_LENGTH).optional(),
    /** declined: how the patient was told; without it the decision stays incomplete (尚缺患者告知记录). */
    notification: patientNotificationSchema.optional(),
    doctorId: code,
    doctorName: optionalText(100),
    /** When the doctor acted (ISO date-time); now when left out. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((input, context) => {
    if (input.action === 'accepted' && !input.resultId)
      context.addIssue({ code: 'custom', path: ['resultId'], message: 'is required when accepted' });
    if (input.action === 'declined' && !input.reasonCode)
      context.addIssue({ code: 'custom', path: ['reasonCode'], message: 'is required when declined' });
    if (input.action === 'declined' && input.reasonCode && needsExplanation(input.reasonCode) && !input.reasonText)
      context.addIssue({ code: 'custom', path: ['reasonText'], message: 'is required for this reason' });
  });
export type HisDecisionInput = z.infer<typeof hisDecisionInputSchema>;

export const hisDecisionSchema = z.object({
  orderId: z.string(),
  promptId: z.string(),
  item: z.object({ code: z.string(), name: z.string() }),
  /** The decision in force, wherever it was taken (the HIS popup or the decision page); null while none. */
  outcome: z.enum(['accepted', 'declined', 'cancelled']).nullable(),
  resultId: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reasonText: z.string().nullable(),
  /** False while something the policy asks for is missing (a decline without the patient's notification). */
  complete: z.boolean(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Where the decision was taken: `his-popup` or `smart-app` (the decision page). */
  source: z.string().nullable(),
  viewed: z.boolean(),
  signed: z.boolean(),
});
export type HisDecision = z.infer<typeof hisDecisionSchema>;

export const hisDecisionsQuerySchema = z.strictObject({ orderId: code });

/** A HIS registered on the platform for the HIS channel (POST /api/platform/his-clients). */
export const hisClientInputSchema = z.strictObject({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/),
  name: z.string().trim().min(1).max(200),
  hospitalId: z.string().trim().min(1).max(64),
  /** The web origins of a browser-based HIS: where the decision page posts its message, whose SDK calls are allowed. */
  origins: z
    .array(z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin))
    .max(20)
    .default([]),
});

export const hisClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  hospitalId: z.string(),
  origins: z.array(z.string()),
  revoked: z.boolean(),
});

/** The key is shown once, at registration (and at each rotation by registering again). */
export const hisClientRegistrationSchema = hisClientSchema.extend({ hmacKey: z.string() });

/** A short-lived token for the browser SDK, minted by the HIS's server with its HMAC key. */
export const hisBrowserTokenSchema = z.object({ token: z.string(), expiresAt: z.string() });
