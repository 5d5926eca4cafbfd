import { z } from 'zod';
import { explanationSchema } from '../explain/schemas';

const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().nullable() }) })
  .meta({ id: 'Error' });

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as Record<string, unknown>;
}

function errors(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((status) => [String(status), { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
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
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'A CDS Hooks request body (patient-view, order-select or order-sign)' } } } },
          responses: {
            '200': { description: 'the verdicts', content: { 'application/json': { schema: { $ref: '#/components/schemas/Explanation' } } } },
            ...errors(400, 412),
          },
        },
      },
    },
    components: {
      schemas: {
        Error: jsonSchema(errorSchema),
        Explanation: jsonSchema(explanationSchema),
      },
    },
  };
}
