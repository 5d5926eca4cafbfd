import { z } from 'zod';
import { decisionViewSchema } from '../decisions/schemas';
import { offeredCandidateSchema } from '../store/prompts';
import { patientNotificationSchema } from '../store/decisions';
import { ORDER_OUTCOMES, ORDER_SCOPES } from './order-records';

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

export const ordersPageSchema = z.object({ period, total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), rows: z.array(orderRowSchema) });
export type OrdersPage = z.infer<typeof ordersPageSchema>;

const tally = {
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
const group = z.object({ key: z.string(), label: z.string(), ...tally });

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
    byPatientItem: z.array(z.object({ patient: z.string(), itemCode: z.string(), itemName: z.string(), count: z.number().int() })),
  }),
  exceptions: z.object({ overridden: z.number().int(), informed: z.number().int(), informedShare: z.number().nullable(), explanationMissing: z.number().int() }),
  reasons: z.array(z.object({ system: z.string().nullable(), code: z.string().nullable(), display: z.string().nullable(), count: z.number().int(), counted: z.boolean() })),
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
