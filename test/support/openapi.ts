import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

/**
 * Validates a response body against the schema the running server publishes at /api/openapi.json
 * for that path, method and status, so the document and the behaviour cannot drift apart.
 */
export async function expectMatchesOpenApi(
  baseUrl: string,
  path: string,
  method: string,
  status: number,
  body: unknown,
): Promise<void> {
  const document = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
    >;
    components: { schemas: Record<string, unknown> };
  };
  const operation = document.paths[path]?.[method.toLowerCase()];
  expect(operation, `${method} ${path} is documented`).toBeDefined();
  const schema = operation?.responses[String(status)]?.content?.['application/json']?.schema;
  expect(schema, `${method} ${path} documents status ${status}`).toBeDefined();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ components: document.components }, 'openapi');
  const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('#/components/', 'openapi#/components/')));
  const valid = validate(body);
  expect(validate.errors ?? [], `response of ${method} ${path} matches the OpenAPI document`).toEqual([]);
  expect(valid).toBe(true);
}
