import { z } from 'zod';
import { decisionAnswerSchema, decisionInputSchema, promptViewSchema, writeBackInputSchema } from '../decisions/schemas';
import { explanationSchema } from '../explain/schemas';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().nullable() }) });

/** Every response schema of the API, by its name in `components.schemas`. */
const SCHEMAS = {
  Error: errorSchema,
  Explanation: explanationSchema,
  PromptView: promptViewSchema,
  DecisionInput: decisionInputSchema,
  DecisionAnswer: decisionAnswerSchema,
  WriteBackInput: writeBackInputSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: 'openapi-3.0', io: 'output', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  // OpenAPI 3.0 has no $id; the component's key is its name.
  return Object.fromEntries(Object.entries(generated.schemas).map(([id, { $id: _id, ...schema }]) => [id, schema]));
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

function json(description: string, name: SchemaName): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: ref(name) } } };
}

function body(name: SchemaName): Record<string, unknown> {
  return { required: true, content: { 'application/json': { schema: ref(name) } } };
}

const promptId = { name: 'promptId', in: 'path', required: true, schema: { type: 'string' }, description: 'the card uuid (the prompt id)' };
/** Decision token from the card's appContext: it binds one card, its patient and its hospital. */
const decisionToken = [{ decisionToken: [] }];

function errors(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(statuses.map((status) => [String(status), json('error', 'Error')]));
}

/**
 * The JSON API under /api/, generated from the same zod schemas the handlers use, so the document
 * cannot drift from the code. Tests validate real responses against it.
 */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: { title: 'Huren API', version: '0.1.0', description: '互认 Huren: decisions, quality, administration and explanation API.' },
    paths: {
      '/api/explain': {
        post: {
          summary: 'What a hook call would decide, and why, for every order and every stored result',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', description: 'A CDS Hooks request body (patient-view, order-select or order-sign)' } } },
          },
          responses: { '200': json('the verdicts', 'Explanation'), ...errors(400, 412) },
        },
      },
      '/api/prompts/{promptId}': {
        get: {
          summary: "One card for the SMART app: the ordered item, today's recognisable and excluded results, the decision and its history",
          security: decisionToken,
          parameters: [promptId],
          responses: { '200': json('the card', 'PromptView'), ...errors(401, 403, 404, 409) },
        },
      },
      '/api/prompts/{promptId}/decision': {
        post: {
          summary: 'Accept a result, record an exception with the patient notification, or withdraw the decision (same day)',
          security: decisionToken,
          parameters: [promptId],
          requestBody: body('DecisionInput'),
          responses: { '200': json('the decision as stored, with its history', 'DecisionAnswer'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/prompts/{promptId}/write-back': {
        post: {
          summary: "Record whether the EHR took the accepted result into its record",
          security: decisionToken,
          parameters: [promptId],
          requestBody: body('WriteBackInput'),
          responses: { '200': json('the decision as stored', 'DecisionAnswer'), ...errors(400, 401, 403, 404, 409) },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { decisionToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'the token of the card appContext' } },
    },
  };
}
