import { describe, expect, it } from 'vitest';
import { CODE_MAPPING_CSV_HEADERS, registryCsvRows } from '../../server/contract/csv-rows';
import { API_ROUTES } from '../../server/api/routes';
import { openApiDocument } from '../../server/openapi/document';

/** The text/csv request bodies are documented with the columns the contract's row schemas read. */
type Operation = { requestBody: { content: Record<string, { schema: { type: string; description: string } }> } };
const operation = (path: string, method: string) =>
  (openApiDocument(API_ROUTES).paths as Record<string, Record<string, Operation>>)[path]?.[method];

describe('CSV request bodies in the OpenAPI document', () => {
  it('the registry import lists every column of every kind', () => {
    const csv = operation('/api/platform/import/{kind}', 'post')?.requestBody.content['text/csv']?.schema;
    expect(csv?.type).toBe('string');
    for (const [kind, row] of Object.entries(registryCsvRows))
      expect(csv?.description).toContain(`${kind}: ${row.columns.join(', ')}`);
  });

  it('the code-mapping upload lists the header names each column may have', () => {
    const csv = operation('/api/admin/code-mappings', 'put')?.requestBody.content['text/csv']?.schema;
    expect(csv?.type).toBe('string');
    for (const names of Object.values(CODE_MAPPING_CSV_HEADERS)) expect(csv?.description).toContain(names.join(' | '));
  });
});
