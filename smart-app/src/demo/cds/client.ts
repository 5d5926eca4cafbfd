import { z } from 'zod';
import { clientTokenSchema, type DemoServiceId } from '../../../../server/contract/demo-workstation';
import { fetchJson } from '../http/fetch-json';
import { hookResponseSchema, type Card, type CardCoding } from './cards';
import type { HookCall } from './requests';

/**
 * The workstation as a CDS client, over the public interface every EHR uses. Each call carries a
 * single-use JWT of the hospital's demo EHR; the server signs it (POST /demo/client-token) so that
 * the private key never reaches the browser.
 */

/** The feedback endpoint answers `{}` once the decision is on disk. */
const feedbackAnswerSchema = z.looseObject({});

async function clientToken(hospitalId: string, service: DemoServiceId, feedback: boolean): Promise<string> {
  const { token } = await fetchJson('/demo/client-token', clientTokenSchema, {
    body: { hospitalId, service, feedback },
  });
  return token;
}

/** Card texts come in the doctor's language (the service reads Accept-Language). */
export async function callService(hospitalId: string, call: HookCall, language: string): Promise<Card[]> {
  const token = await clientToken(hospitalId, call.service, false);
  const answer = await fetchJson(`/cds-services/${call.service}`, hookResponseSchema, {
    body: call.body,
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
  });
  return answer.cards;
}

/** https://cds-hooks.hl7.org/2.0/#feedback — what the doctor did with one card. */
export type CardFeedback =
  | { readonly outcome: 'accepted'; readonly suggestionId: string }
  | { readonly outcome: 'overridden'; readonly reason: CardCoding | null; readonly comment: string | null };

export async function sendFeedback(
  hospitalId: string,
  service: DemoServiceId,
  cardId: string,
  feedback: CardFeedback,
): Promise<void> {
  const token = await clientToken(hospitalId, service, true);
  const outcomeTimestamp = new Date().toISOString();
  const item =
    feedback.outcome === 'accepted'
      ? { card: cardId, outcome: 'accepted', acceptedSuggestions: [{ id: feedback.suggestionId }], outcomeTimestamp }
      : {
          card: cardId,
          outcome: 'overridden',
          ...(feedback.reason || feedback.comment
            ? {
                overrideReason: {
                  ...(feedback.reason
                    ? {
                        reason: {
                          system: feedback.reason.system,
                          code: feedback.reason.code,
                          display: feedback.reason.display,
                        },
                      }
                    : {}),
                  ...(feedback.comment ? { userComment: feedback.comment } : {}),
                },
              }
            : {}),
          outcomeTimestamp,
        };
  await fetchJson(`/cds-services/${service}/feedback`, feedbackAnswerSchema, {
    body: { feedback: [item] },
    headers: { authorization: `Bearer ${token}` },
  });
}
