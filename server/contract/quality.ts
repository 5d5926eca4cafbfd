import { z } from 'zod';
import { decisionViewSchema, patientNotificationSchema } from './decisions';

/** How an order counts (server/store/quality-orders.ts derives it from the decisions, in SQL). */
export const ORDER_OUTCOMES = ['accepted', 'overridden', 'not-counted', 'no-decision', 'unexplained-repeat'] as const;
export type OrderOutcome = (typeof ORDER_OUTCOMES)[number];

/**
 * Which figures an order belongs to. `external`: another institution's result could be recognised (the
 * recognition rate). `in-hospital`: every result offered was the ordering hospital's own, a repeat but not
 * mutual recognition. `emergency`: the card only informed (001: 互认主要适用于非急诊患者).
 */
export const ORDER_SCOPES = ['external', 'in-hospital', 'emergency'] as const;
export type OrderScope = (typeof ORDER_SCOPES)[number];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** What a card offered: which suggestion stands for which stored result. */
export const offeredCandidateSchema = z.object({
  resultId: z.string(),
  suggestionId: z.string().nullable(),
  institutionId: z.string(),
  effectiveAt: z.string(),
  ageDays: z.number(),
  daysLeft: z.number(),
  warnings: z.array(z.string()),
  /** The ordering hospital's own result (本院): a reminder, not mutual recognition. */
  own: z.boolean().default(false),
  /** The containing examination the result is of, when it stands for the ordered item (类似检查). */
  viaItemCode: z.string().nullable().default(null),
  /** For a panel's card: the analyte this result covers (not to be charged again); null when it covers the ordered item. */
  coversItemCode: z.string().nullable().default(null),
});
export type OfferedCandidate = z.output<typeof offeredCandidateSchema>;

/** The longest value of each text filter; the console drops a longer one from a hand-edited link. */
export const ORDER_FILTER_MAX_LENGTH = {
  department: 200,
  doctor: 200,
  item: 64,
  discipline: 32,
  modality: 8,
  reason: 64,
} as const;
/** The columns the orders list sorts by. */
export const ORDER_SORT_KEYS = ['createdAt', 'department', 'doctor', 'item', 'outcome'] as const;

const day = z.iso.date();
const max = ORDER_FILTER_MAX_LENGTH;

/** The console's filters, as they travel in the URL so a view can be shared. */
export const orderFiltersSchema = z.object({
  from: day.optional().meta({ description: 'first local day, YYYY-MM-DD (default: 29 days before `to`)' }),
  to: day.optional().meta({ description: 'last local day (default: today)' }),
  department: z.string().max(max.department).optional().meta({ description: 'department code or name' }),
  doctor: z.string().max(max.doctor).optional().meta({ description: 'the doctor (Practitioner/…)' }),
  item: z.string().max(max.item).optional().meta({ description: 'catalog item code' }),
  discipline: z.string().max(max.discipline).optional().meta({ description: 'item discipline' }),
  modality: z.string().max(max.modality).optional().meta({ description: 'LAB, DX, CT, MR, US, NM' }),
  outcome: z.enum(ORDER_OUTCOMES).optional(),
  reason: z.string().max(max.reason).optional().meta({ description: 'exception reason code' }),
  scope: z
    .enum(ORDER_SCOPES)
    .optional()
    .meta({ description: 'external (the recognition rate) | in-hospital | emergency' }),
  granularity: z.enum(GRANULARITIES).default('day').meta({ description: "the trend's step (statistics)" }),
  sort: z.enum(ORDER_SORT_KEYS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1).meta({ description: '1-based' }),
  pageSize: z.coerce.number().int().min(1).max(500).default(50).meta({ description: 'up to 500' }),
});
export type OrderFilters = z.infer<typeof orderFiltersSchema>;

/** The quality API's answers, described once: the console's types and the OpenAPI document come from here. */
const period = z.object({ from: z.string(), to: z.string() });

export const orderRowSchema = z.object({
  promptId: z.string(),
  promptIds: z.array(z.string()),
  createdAt: z.string(),
  createdOn: z.string(),
  serviceId: z.string(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  doctorRef: z.string(),
  doctorName: z.string().nullable(),
  encounterKind: z.string(),
  scope: z.enum(ORDER_SCOPES),
  itemCode: z.string(),
  itemName: z.string(),
  discipline: z.string(),
  modality: z.string(),
  priceFen: z.number(),
  candidates: z.number().int(),
  bestInstitutionId: z.string().nullable(),
  recognisableItems: z.array(z.string()),
  savingFen: z.number(),
  outcome: z.enum(ORDER_OUTCOMES),
  outcomeText: z.string(),
  reasonSystem: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reasonDisplay: z.string().nullable(),
  reasonText: z.string().nullable(),
  explanation: z.string().nullable(),
  explanationMissing: z.boolean(),
  notified: z.boolean(),
  notification: patientNotificationSchema.nullable(),
  decisionSource: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionVersion: z.number().int().nullable(),
  writeBack: z.string().nullable(),
  yuan: z.number(),
});
export type OrderRow = z.infer<typeof orderRowSchema>;

export const ordersPageSchema = z.object({
  period,
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  rows: z.array(orderRowSchema),
});
export type OrdersPage = z.infer<typeof ordersPageSchema>;

/** A tally's fields: the recognition rate's counts and what accepting saved. */
export const tally = {
  orders: z.number().int(),
  eligible: z.number().int(),
  accepted: z.number().int(),
  overridden: z.number().int(),
  notCounted: z.number().int(),
  noDecision: z.number().int(),
  unexplained: z.number().int(),
  rate: z.number().nullable(),
  yuanSaved: z.number(),
};
export const group = z.object({ key: z.string(), label: z.string(), ...tally });

const scopeTally = z.object({ prompts: z.number().int(), ...tally });

export const statisticsSchema = z.object({
  period,
  granularity: z.enum(['day', 'week', 'month']),
  totals: scopeTally,
  inHospital: scopeTally,
  emergency: scopeTally,
  recognisedItems: z.object({
    count: z.number().int(),
    items: z.array(z.object({ code: z.string(), name: z.string() })),
    targets: z.object({ city: z.literal(200), province: z.literal(300) }),
  }),
  repeats: z.object({
    orders: z.number().int(),
    patients: z.number().int(),
    patientsWithMoreThanOne: z.number().int(),
    byPatientItem: z.array(
      z.object({ patient: z.string(), itemCode: z.string(), itemName: z.string(), count: z.number().int() }),
    ),
  }),
  exceptions: z.object({
    overridden: z.number().int(),
    informed: z.number().int(),
    informedShare: z.number().nullable(),
    explanationMissing: z.number().int(),
  }),
  reasons: z.array(
    z.object({
      system: z.string().nullable(),
      code: z.string().nullable(),
      display: z.string().nullable(),
      count: z.number().int(),
      counted: z.boolean(),
    }),
  ),
  byDepartment: z.array(group),
  byDoctor: z.array(group),
  byItem: z.array(group),
  byModality: z.array(group),
  trend: z.array(group),
  flaggedDoctors: z.array(
    z.object({
      doctorRef: z.string(),
      doctorName: z.string().nullable(),
      department: z.string(),
      eligible: z.number().int(),
      nonRecognitionRate: z.number(),
      departmentNonRecognitionRate: z.number(),
      direction: z.enum(['higher', 'lower']),
    }),
  ),
});
export type StatisticsView = z.infer<typeof statisticsSchema>;

export const facetsSchema = z.object({
  period,
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
  doctors: z.array(z.object({ ref: z.string(), name: z.string().nullable() })),
  items: z.array(z.object({ code: z.string(), name: z.string(), discipline: z.string(), modality: z.string() })),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  /** The server's local date (configured time zone): the monthly report's default month comes from it, not the browser's clock. */
  today: z.iso.date(),
});
export type Facets = z.infer<typeof facetsSchema>;

export const orderDetailSchema = z.object({
  promptId: z.string(),
  cards: z.array(
    z.object({
      promptId: z.string(),
      serviceId: z.string(),
      createdAt: z.string(),
      doctor: z.object({ ref: z.string(), name: z.string().nullable() }),
      department: z.string().nullable(),
      itemCode: z.string().nullable(),
      candidates: z.array(offeredCandidateSchema.extend({ institutionName: z.string() })),
      history: z.array(decisionViewSchema),
    }),
  ),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;
