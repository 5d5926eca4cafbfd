import {
  decisionAnswerSchema,
  decisionInputSchema,
  promptViewSchema,
  openPromptsSchema,
  renewalInputSchema,
  renewalSchema,
  writeBackInputSchema,
} from '../contract/decisions';
import { promptIdParams } from '../api/parameters';
import { apiRoute } from '../api/route';
import { messages } from '../i18n';
import { loadPromptContext } from './prompt-context';
import { recordDecisionHandler, recordWriteBackHandler } from './record';
import { openPromptsHandler } from './open-prompts';
import { renewalHandler } from './renewal';
import { promptView } from './view';

/** The SMART app's API (and the decision page's): one card at a time, each call carrying the card's decision token. */
export const decisionApi = [
  apiRoute({
    method: 'get',
    path: '/api/prompts/{promptId}',
    summary:
      "One card for the SMART app: the ordered item, today's recognisable and excluded results, the decision and its history",
    access: 'decision-token',
    params: promptIdParams,
    answer: promptViewSchema,
    answerDescription: 'the card',
    errors: [404, 409],
    localized: true,
    readsCard: true,
    handle: async ({ params, request, locale, services }) => {
      const context = await loadPromptContext(services, params.promptId, request.get('authorization'));
      return promptView(context, locale, messages(locale), services.clock(), context.configuration.timeZone);
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/prompts/{promptId}/decision',
    summary: 'Accept a result, record an exception with the patient notification, or withdraw the decision (same day)',
    access: 'decision-token',
    params: promptIdParams,
    body: decisionInputSchema,
    answer: decisionAnswerSchema,
    answerDescription: 'the decision as stored, with its history',
    errors: [404, 409],
    localized: true,
    readsCard: true,
    handle: ({ params, body, request, locale, services }) =>
      recordDecisionHandler(services, params.promptId, request.get('authorization'), body, locale),
  }),
  apiRoute({
    method: 'post',
    path: '/api/prompts/{promptId}/write-back',
    summary: 'Record whether the EHR took the accepted result into its record',
    access: 'decision-token',
    params: promptIdParams,
    body: writeBackInputSchema,
    answer: decisionAnswerSchema,
    answerDescription: 'the decision as stored',
    errors: [404, 409],
    localized: true,
    readsCard: true,
    handle: ({ params, body, request, locale, services }) =>
      recordWriteBackHandler(services, params.promptId, request.get('authorization'), body, locale),
  }),
  apiRoute({
    method: 'post',
    path: '/api/prompts/{promptId}/renewal',
    summary:
      'A fresh token for a card whose token expired (up to 30 days after it was issued): the new SMART launch proves the same patient at the same EHR',
    access: 'decision-token',
    params: promptIdParams,
    body: renewalInputSchema,
    answer: renewalSchema,
    answerDescription: 'the new token',
    errors: [409],
    readsCard: true,
    handle: ({ params, body, request, services }) =>
      renewalHandler(services, params.promptId, request.get('authorization'), body),
  }),
  apiRoute({
    method: 'post',
    path: '/api/launch/prompts',
    summary:
      "The launch patient's undecided cards, for an EHR whose SMART server cannot pass a card's appContext: the launch proves the patient at a registered EHR's FHIR server",
    access: 'public',
    body: renewalInputSchema,
    answer: openPromptsSchema,
    answerDescription: 'the cards with their tokens, newest first',
    errors: [403],
    localized: true,
    handle: ({ body, locale, services }) => openPromptsHandler(services, body, locale),
  }),
];
