import { z } from 'zod';

/**
 * A CDS service's answer as the workstation reads it, like any EHR: loose (unknown fields pass), but
 * what it renders or acts on must have the shape the specification gives it.
 */

/** https://cds-hooks.hl7.org/2.0/#coding */
const codingSchema = z.looseObject({ system: z.string(), code: z.string(), display: z.string().optional() });
export type CardCoding = z.infer<typeof codingSchema>;

/** https://cds-hooks.hl7.org/2.0/#action */
const actionSchema = z.looseObject({
  type: z.enum(['create', 'update', 'delete']),
  description: z.string(),
  resourceId: z.string().optional(),
});

/** https://cds-hooks.hl7.org/2.0/#suggestion */
const suggestionSchema = z.looseObject({
  label: z.string(),
  uuid: z.string().optional(),
  isRecommended: z.boolean().optional(),
  actions: z.array(actionSchema).optional(),
});
export type CardSuggestion = z.infer<typeof suggestionSchema>;

/** https://cds-hooks.hl7.org/2.0/#link */
const linkSchema = z.looseObject({
  label: z.string(),
  url: z.string(),
  type: z.enum(['absolute', 'smart']),
  appContext: z.string().optional(),
});
export type CardLink = z.infer<typeof linkSchema>;

/** https://cds-hooks.hl7.org/2.0/#card-attributes */
const cardSchema = z.looseObject({
  uuid: z.string().optional(),
  summary: z.string(),
  detail: z.string().optional(),
  indicator: z.enum(['info', 'warning', 'critical']),
  source: z.looseObject({ label: z.string(), url: z.string().optional() }),
  suggestions: z.array(suggestionSchema).optional(),
  selectionBehavior: z.string().optional(),
  overrideReasons: z.array(codingSchema).optional(),
  links: z.array(linkSchema).optional(),
});
export type Card = z.infer<typeof cardSchema>;

/** https://cds-hooks.hl7.org/2.0/#cds-service-response */
export const hookResponseSchema = z.looseObject({ cards: z.array(cardSchema) });

/** What our cards put in a smart link's `appContext`: the prompt, and the token our decision API takes for it. */
const appContextSchema = z.object({ promptId: z.string().min(1), token: z.string().min(1) });
export type CardIdentity = z.infer<typeof appContextSchema>;

/** The card's identity in our decision API, from its smart link; null for cards without one (patient-view). */
export function cardIdentity(card: Card): CardIdentity | null {
  const appContext = card.links?.find((link) => link.type === 'smart' && link.appContext)?.appContext;
  if (!appContext) return null;
  try {
    const parsed = appContextSchema.safeParse(JSON.parse(appContext));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The draft orders a suggestion takes off (its `delete` actions' resource ids, `ServiceRequest/<id>`). */
export function ordersDeletedBy(suggestion: CardSuggestion): string[] {
  return (suggestion.actions ?? []).flatMap((action) =>
    action.type === 'delete' && action.resourceId ? [action.resourceId] : [],
  );
}
