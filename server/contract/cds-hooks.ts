import { z } from 'zod';
import { anyResourceSchema } from './fhir';

/**
 * CDS Hooks 2.0 as zod schemas: the request validators and the static types come from one source.
 * Requests are loose (unknown fields from real clients pass); responses are what we emit.
 */

/** The services Huren offers; the ids are a stable interface: EHRs configure their calls by them. */
export const SERVICE_IDS = {
  patientView: 'recognition-patient-view',
  orderSelect: 'recognition-order-select',
  orderSign: 'recognition-order-sign',
} as const;

export type ServiceId = (typeof SERVICE_IDS)[keyof typeof SERVICE_IDS];

/** https://cds-hooks.hl7.org/2.0/#trusting-cds-clients — fhirAuthorization */
export const fhirAuthorizationSchema = z.looseObject({
  access_token: z.string().min(1).max(8192),
  token_type: z.string().regex(/^bearer$/i, 'must be "Bearer"'),
  expires_in: z.number().int().optional(),
  scope: z.string().max(4096).optional(),
  subject: z.string().max(1000).optional(),
  patient: z.string().max(64).optional(),
});
export type FhirAuthorization = z.infer<typeof fhirAuthorizationSchema>;

const id = z.string().trim().min(1).max(200);

/** A Bundle of draft orders. `type` is optional because real clients omit it. */
export const draftOrdersSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string().max(30).optional(),
  entry: z
    .array(z.looseObject({ fullUrl: z.string().max(2000).optional(), resource: anyResourceSchema }))
    .max(500)
    .optional(),
});

/** https://cds-hooks.org/hooks/patient-view/ */
export const patientViewContextSchema = z.looseObject({
  userId: id.optional(),
  patientId: id,
  encounterId: id.optional(),
});

/** https://cds-hooks.org/hooks/order-select/ */
export const orderSelectContextSchema = z.looseObject({
  userId: id,
  patientId: id,
  encounterId: id.optional(),
  selections: z.array(id).min(1).max(500),
  draftOrders: draftOrdersSchema,
});

/** https://cds-hooks.org/hooks/order-sign/ */
export const orderSignContextSchema = z.looseObject({
  userId: id,
  patientId: id,
  encounterId: id.optional(),
  draftOrders: draftOrdersSchema,
});

/** https://cds-hooks.hl7.org/2.0/#http-request_1 — `context`: what every hook's context may hold, as the handlers read it */
const hookContextSchema = patientViewContextSchema.extend({
  selections: z.array(id).optional(),
  draftOrders: draftOrdersSchema.optional(),
});

const hookRequestBaseSchema = z.looseObject({
  hook: z.string(),
  hookInstance: id,
  fhirServer: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  fhirAuthorization: fhirAuthorizationSchema.optional(),
  context: hookContextSchema,
  prefetch: z.record(z.string().max(100), z.unknown()).optional(),
});

/** https://cds-hooks.hl7.org/2.0/#http-request_1 — one service's request: its hook and its context */
export function hookRequestSchema<C extends z.ZodType>(hook: string, context: C) {
  return hookRequestBaseSchema.extend({
    hook: z.literal(hook, { error: `must be "${hook}" for this service` }),
    context,
  });
}

/** https://cds-hooks.hl7.org/2.0/#http-request_1 */
export type HookRequest = Readonly<z.infer<typeof hookRequestBaseSchema>>;

const codingSchema = z.looseObject({
  system: z.string().min(1).max(1000),
  code: z.string().min(1).max(200),
  display: z.string().max(1000).optional(),
});

/** https://cds-hooks.hl7.org/2.0/#coding */
export type Coding = z.infer<typeof codingSchema>;

/** https://cds-hooks.hl7.org/2.0/#action */
export const actionSchema = z
  .object({
    type: z.enum(['create', 'update', 'delete']),
    description: z.string(),
    resource: z.record(z.string(), z.unknown()).optional(),
    resourceId: z.string().optional(),
  })
  .readonly();
export type Action = z.infer<typeof actionSchema>;

/** https://cds-hooks.hl7.org/2.0/#suggestion */
export const suggestionSchema = z
  .object({
    label: z.string(),
    uuid: z.string(),
    isRecommended: z.boolean().optional(),
    actions: z.array(actionSchema).readonly(),
  })
  .readonly();
export type Suggestion = z.infer<typeof suggestionSchema>;

/** https://cds-hooks.hl7.org/2.0/#link */
export const linkSchema = z
  .object({
    label: z.string(),
    url: z.string(),
    type: z.enum(['absolute', 'smart']),
    appContext: z.string().optional(),
  })
  .readonly();
export type Link = z.infer<typeof linkSchema>;

/** https://cds-hooks.hl7.org/2.0/#source */
export const sourceSchema = z
  .object({
    label: z.string(),
    url: z.string().optional(),
    icon: z.string().optional(),
    topic: codingSchema.readonly().optional(),
  })
  .readonly();
export type Source = z.infer<typeof sourceSchema>;

/** https://cds-hooks.hl7.org/2.0/#card-attributes */
export const cardSchema = z
  .object({
    uuid: z.string(),
    /** One sentence, under 140 characters. */
    summary: z.string().max(140),
    detail: z.string().optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: sourceSchema,
    suggestions: z.array(suggestionSchema).readonly().optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z.array(codingSchema.readonly()).readonly().optional(),
    links: z.array(linkSchema).readonly().optional(),
  })
  .readonly();
export type Card = z.infer<typeof cardSchema>;

/** https://cds-hooks.hl7.org/2.0/#cds-service-response */
export const hookResponseSchema = z.object({ cards: z.array(cardSchema).readonly() }).readonly();
export type HookResponse = z.infer<typeof hookResponseSchema>;

/** https://cds-hooks.hl7.org/2.0/#response — one service in the discovery document */
export const serviceDefinitionSchema = z
  .object({
    hook: z.string(),
    id: z.string(),
    title: z.string(),
    description: z.string(),
    prefetch: z.record(z.string(), z.string()).readonly(),
    usageRequirements: z.string().optional(),
  })
  .readonly();
export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>;

/** https://cds-hooks.hl7.org/2.0/#feedback */
export const feedbackItemSchema = z
  .looseObject({
    card: id,
    outcome: z.enum(['accepted', 'overridden']),
    acceptedSuggestions: z.array(z.looseObject({ id })).max(50).optional(),
    overrideReason: z
      .looseObject({ reason: codingSchema.optional(), userComment: z.string().max(2000).optional() })
      .optional(),
    outcomeTimestamp: z.iso.datetime({ offset: true }),
  })
  .superRefine((item, context) => {
    if (item.outcome === 'accepted' && !item.acceptedSuggestions?.length) {
      context.addIssue({ code: 'custom', path: ['acceptedSuggestions'], message: 'is required for accepted outcomes' });
    }
  });
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;
