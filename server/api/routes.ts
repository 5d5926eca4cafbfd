import { z } from 'zod';
import { accessLogApi } from '../access-log/api';
import { adminApi } from '../admin/api';
import { decisionApi } from '../decisions/api';
import { explainApi } from '../explain/api';
import { openApiDocument } from '../openapi/document';
import { platformApi } from '../platform/api';
import { hisClientsApi } from '../platform/his-clients-api';
import { figuresApi } from '../platform/figures-api';
import { regionsApi } from '../platform/regions-api';
import { sessionApi } from '../auth/session-api';
import { qualityApi } from '../quality/api';
import { sourcesApi } from '../ingest/sources-api';
import { apiRoute, type ApiRoute } from './route';

const CAPABILITIES: readonly ApiRoute[] = [
  ...accessLogApi,
  ...explainApi,
  ...decisionApi,
  ...qualityApi,
  ...adminApi,
  ...platformApi,
  ...hisClientsApi,
  ...figuresApi,
  ...regionsApi,
  ...sessionApi,
  ...sourcesApi,
];

let document: Record<string, unknown> | null = null;

/** Every /api route, declared once (each in its capability's `api.ts`); the OpenAPI document is made from them. */
export const API_ROUTES: readonly ApiRoute[] = [
  ...CAPABILITIES,
  apiRoute({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    access: 'public',
    answer: z.record(z.string(), z.unknown()),
    answerDescription: 'the OpenAPI document',
    handle: async () => (document ??= openApiDocument(API_ROUTES)),
  }),
];
