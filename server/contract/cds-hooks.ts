import { z } from 'zod';
import { anyResourceSchema } from './fhir';

/**
 * CDS Hooks 2.0 as zod schemas: the request validators and the static types come from one source.
 * Requests are loose (unknown fields from real clients pass); responses are what we emit.
 */

/** The services Huren offers; the ids are a stable interface (DESIGN.md). */
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
  entry: z.array(z.looseObject({ fullUrl: z.string().max(2000).optional(), resource: anyResourceSchema })).max(500).optional(),
});
export type DraftOrders = z.infer<typeof draftOrdersSchema>;

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

export type HookContext = z.infer<typeof patientViewContextSchema> & {
  selections?: string[];
  draftOrders?: DraftOrders;
};

/** https://cds-hooks.hl7.org/2.0/#http-request_1 */
export function hookRequestSchema<C extends z.ZodType>(hook: string, context: C) {
  return z.looseObject({
    hook: z.literal(hook, { error: `must be "${hook}" for this service` }),
    hookInstance: id,
    fhirServer: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    fhirAuthorization: fhirAuthorizationSchema.optional(),
    context,
    prefetch: z.record(z.string().max(100), z.unknown()).optional(),
  });
}

export interface HookRequest {
  readonly hook: string;
  readonly hookInstance: string;
  readonly fhirServer?: string;
  readonly fhirAuthorization?: FhirAuthorization;
  readonly context: HookContext;
  readonly prefetch?: Record<string, unknown>;
}

/** https://cds-hooks.hl7.org/2.0/#coding */
export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display?: string;
}

/** https://cds-hooks.hl7.org/2.0/#action */
export interface Action {
  readonly type: 'create' | 'update' | 'delete';
  readonly description: string;
  readonly resource?: Record<string, unknown>;
  readonly resourceId?: string;
}

/** https://cds-hooks.hl7.org/2.0/#suggestion */
export interface Suggestion {
  readonly label: string;
  readonly uuid: string;
  readonly isRecommended?: boolean;
  readonly actions: readonly Action[];
}

/** https://cds-hooks.hl7.org/2.0/#link */
export interface Link {
  readonly label: string;
  readonly url: string;
  readonly type: 'absolute' | 'smart';
  readonly appContext?: string;
}

/** https://cds-hooks.hl7.org/2.0/#source */
export interface Source {
  readonly label: string;
  readonly url?: string;
  readonly icon?: string;
  readonly topic?: Coding;
}

/** https://cds-hooks.hl7.org/2.0/#card-attributes */
export interface Card {
  readonly uuid: string;
  /** One sentence, under 140 characters. */
  readonly summary: string;
  readonly detail?: string;
  readonly indicator: 'info' | 'warning' | 'critical';
  readonly source: Source;
  readonly suggestions?: readonly Suggestion[];
  readonly selectionBehavior?: 'at-most-one' | 'any';
  readonly overrideReasons?: readonly Coding[];
  readonly links?: readonly Link[];
}

/** https://cds-hooks.hl7.org/2.0/#cds-service-response */
export interface HookResponse {
  readonly cards: readonly Card[];
}

/** https://cds-hooks.hl7.org/2.0/#response — one service in the discovery document */
export interface ServiceDefinition {
  readonly hook: string;
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly prefetch: Readonly<Record<string, string>>;
  readonly usageRequirements?: string;
}

const codingSchema = z.looseObject({
  system: z.string().min(1).max(1000),
  code: z.string().min(1).max(200),
  display: z.string().max(1000).optional(),
});

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

