import { z } from 'zod';
import type { ZodOpenApiOperationObject } from 'zod-openapi';
import {
  hisBrowserTokenSchema,
  hisCheckAnswerSchema,
  hisCheckInputSchema,
  hisDecisionInputSchema,
  hisDecisionSchema,
  hisDecisionsQuerySchema,
} from '../contract/his';
import { errorBodySchema } from '../contract/errors';

const HIS_SIGNED: Record<string, string[]>[] = [{ hisSignature: [] }, { hisBrowserToken: [] }];
const jsonError = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
});
const COMMON_ERRORS = {
  '400': jsonError('the body does not fit; `field` names where'),
  '401': jsonError('no valid signature or browser token (the message says why, in Chinese)'),
};
const jsonOrXml = <T>(schema: T, description: string) => ({
  description,
  content: {
    'application/json': { schema },
    'application/xml': { schema: { type: 'string' as const, description: 'the same fields as XML' } },
  },
});

/**
 * The HIS channel (docs/his-integration.md): not /api routes, signed by HMAC rather than API tokens,
 * described from the same zod schemas that validate them.
 */
export const HIS_PATHS: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  '/his/v1/check': {
    post: {
      summary:
        "An order-time check in the HIS's own terms: per order a verdict, popup text, results and a decision page URL",
      security: HIS_SIGNED,
      requestBody: { required: true, ...jsonOrXml(hisCheckInputSchema, 'the patient, the visit and the draft orders') },
      responses: {
        '200': jsonOrXml(hisCheckAnswerSchema, 'the answer per order, the reason code table'),
        ...COMMON_ERRORS,
        '409': jsonError("the HIS's hospital is not in the registry"),
      },
    },
  },
  '/his/v1/decisions': {
    post: {
      summary: 'What the doctor did in the HIS popup: accepted, declined, viewed, signed, cancelled (idempotent)',
      security: HIS_SIGNED,
      requestBody: { required: true, ...jsonOrXml(hisDecisionInputSchema, 'the order and the action') },
      responses: {
        '200': jsonOrXml(hisDecisionSchema, 'the order as it now stands'),
        ...COMMON_ERRORS,
        '404': jsonError('the check never prompted this order'),
        '409': jsonError('the result is no longer recognisable, or the decision is locked'),
      },
    },
    get: {
      summary: 'What became of an order, decided in the HIS popup or on the decision page',
      security: HIS_SIGNED,
      requestParams: { query: hisDecisionsQuerySchema },
      responses: {
        '200': jsonOrXml(hisDecisionSchema, 'the order as it now stands'),
        ...COMMON_ERRORS,
        '404': jsonError('the check never prompted this order'),
      },
    },
  },
  '/his/v1/browser-tokens': {
    post: {
      summary: "A short-lived token for the browser SDK, minted by the HIS's server (HMAC only)",
      security: [{ hisSignature: [] }],
      responses: {
        '201': { description: 'the token', content: { 'application/json': { schema: hisBrowserTokenSchema } } },
        '401': jsonError('no valid signature'),
      },
    },
  },
  '/his/v1/decision-page': {
    get: {
      summary: "The decision page from a check's single-use URL: redirects to the app's decision screen",
      requestParams: {
        query: z.object({ ticket: z.string().meta({ description: 'the ticket of the check answer’s decisionUrl' }) }),
      },
      responses: {
        '303': { description: 'to /app/his, the card token in the fragment' },
        '400': { description: 'not a ticket of ours (an HTML page saying what to do)' },
        '410': { description: 'expired or used (an HTML page saying what to do)' },
      },
    },
  },
};
