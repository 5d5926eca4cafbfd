import { z } from 'zod';
import { explanationSchema } from '../explain/schemas';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().nullable() }) });

/** Every response schema of the API, by its name in `components.schemas`. */
const SCHEMAS = {
  Error: errorSchema,
  Explanation: explanationSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { target: 'openapi-3.0', io: 'output', uri: (id) => `#/components/schemas/${id}` });
  // OpenAPI 3.0 has no $id; the component's key is its name.
  return Object.fromEntries(Object.entries(generated.schemas).map(([id, { $id: _id, ...schema }]) => [id, schema]));
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

function json(description: string, name: SchemaName): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: ref(name) } } };
}

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
    },
    components: { schemas: componentSchemas() },
  };
}
