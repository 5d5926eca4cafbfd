import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/logger';
import { API_ROUTES } from '../../server/api/routes';
import { openApiDocument } from '../../server/openapi/document';
import { startServer, TEST_NOW, type TestServer } from '../support/server';

/** Every /api route the express app mounts, and the ways results come in (/fhir, /ingest/…), is in the OpenAPI document, and the document names no route that is not. */

interface Layer {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean> };
  readonly handle?: { readonly stack?: readonly Layer[] };
}

/** `METHOD /path/{param}` for each route of the app's routers (all mounted at the root). */
function mountedRoutes(stack: readonly Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      // Paths given as regular expressions (the web app's fallbacks) are not under /api.
      const paths = (Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path]).filter(
        (path): path is string => typeof path === 'string',
      );
      return paths.flatMap((path) =>
        Object.keys(layer.route?.methods ?? {}).map(
          (method) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      );
    }
    return layer.handle?.stack ? mountedRoutes(layer.handle.stack) : [];
  });
}

function documentedRoutes(): string[] {
  const paths = openApiDocument(API_ROUTES).paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** Operations answering JSON, which `test/support/openapi.ts` can check a real answer against. */
function jsonOperations(): string[] {
  const paths = openApiDocument(API_ROUTES).paths as Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
  >;
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) =>
        Object.entries(operation.responses).some(
          ([status, response]) => status.startsWith('2') && response.content?.['application/json'],
        ),
      )
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
}

/** `METHOD /api/…` wherever a suite that checks answers against the document names a path and a method in one statement. */
function checkedOperations(): Set<string> {
  const tests = resolve(import.meta.dirname, '..');
  const files = readdirSync(tests, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => readFileSync(join(tests, file), 'utf8'));
  const lines = files
    .filter((source) => source.includes("from '../support/openapi'"))
    .flatMap((source) => source.replace(/\s*\n\s*/g, ' ').split(';'));
  return new Set(
    lines.flatMap((line) => {
      const paths = [...line.matchAll(/'(\/(?:api|ingest|his)\/[^'?]*)'/g)].map((match) => match[1] as string);
      const methods = [...line.matchAll(/'(get|post|put|delete|GET|POST|PUT|DELETE)'/g)].map((match) =>
        (match[1] as string).toUpperCase(),
      );
      return paths.flatMap((path) => methods.map((method) => `${method} ${path}`));
    }),
  );
}

let server: TestServer;
let apiRoutes: string[];

beforeAll(async () => {
  server = await startServer();
  const { app } = createApp({
    config: server.config,
    db: server.services.db,
    logger: createLogger('silent'),
    clock: () => TEST_NOW,
  });
  apiRoutes = [...new Set(mountedRoutes((app as unknown as { router: { stack: Layer[] } }).router.stack))]
    .filter((route) => /^\/(api\/|ingest\/|his\/v1\/|fhir$)/.test(route.split(' ')[1] ?? ''))
    .sort();
});

afterAll(() => server.close());

describe('the OpenAPI document', () => {
  it('finds the routers’ routes (the platform registry, the decisions, the quality department)', () => {
    expect(apiRoutes).toEqual(
      expect.arrayContaining([
        'PUT /api/platform/regions/{code}',
        'POST /api/prompts/{promptId}/decision',
        'GET /api/quality/orders.csv',
        'POST /api/explain',
        'GET /api/access-log',
      ]),
    );
  });

  it('documents every /api route the app mounts', () => {
    const documented = new Set(documentedRoutes());
    expect(apiRoutes.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('documents no route the app does not have', () => {
    const mounted = new Set(apiRoutes);
    expect(documentedRoutes().filter((route) => !mounted.has(route))).toEqual([]);
  });

  it('has every JSON answer checked against it by some suite (the document itself aside)', () => {
    const checked = checkedOperations();
    expect(
      jsonOperations().filter((operation) => operation !== 'GET /api/openapi.json' && !checked.has(operation)),
    ).toEqual([]);
  });
});
