import { createDocument, type ZodOpenApiOperationObject } from 'zod-openapi';
import { z } from 'zod';
import {
  catalogSchema,
  codeMappingsSchema,
  dryRunReportSchema,
  importReportSchema,
  mappingUploadSchema,
  overrideHistorySchema,
  rulesStateSchema,
  unmappedCodesSchema,
} from '../contract/admin-responses';
import { accessLogPageSchema } from '../contract/access-log';
import {
  allianceSchema,
  cdsClientSchema,
  codeMappingInputSchema,
  hospitalOverrideSchema,
  institutionSchema,
  qualificationSchema,
  recognitionItemSchema,
  regionPolicySchema,
} from '../contract/admin';
import { errorBodySchema } from '../contract/errors';
import {
  decisionAnswerSchema,
  decisionInputSchema,
  promptViewSchema,
  renewalInputSchema,
  renewalSchema,
  writeBackInputSchema,
} from '../contract/decisions';
import { explanationSchema } from '../contract/explain';
import {
  clientRegistrationSchema,
  clientRevocationSchema,
  institutionsSchema,
  regionsSchema,
  registeredClientsSchema,
  storedQualificationSchema,
  storedQualificationsSchema,
  withdrawalSchema,
} from '../contract/platform';
import { facetsSchema, orderDetailSchema, ordersPageSchema, statisticsSchema } from '../contract/quality';
import { isCsvBody, type ApiRoute } from '../api/route';
import { HIS_PATHS } from './his-paths';
import { INGEST_PATHS } from './ingest-paths';

/** Every schema of the API, by its name in `components.schemas`. */
const SCHEMAS = {
  Error: errorBodySchema,
  Explanation: explanationSchema,
  PromptView: promptViewSchema,
  DecisionInput: decisionInputSchema,
  DecisionAnswer: decisionAnswerSchema,
  WriteBackInput: writeBackInputSchema,
  RenewalInput: renewalInputSchema,
  CodeMappingInput: codeMappingInputSchema,
  Renewal: renewalSchema,
  OrdersPage: ordersPageSchema,
  Statistics: statisticsSchema,
  Facets: facetsSchema,
  OrderDetail: orderDetailSchema,
  HospitalOverride: hospitalOverrideSchema,
  RulesState: rulesStateSchema,
  OverrideHistory: overrideHistorySchema,
  DryRunReport: dryRunReportSchema,
  MappingUpload: mappingUploadSchema,
  CodeMappings: codeMappingsSchema,
  UnmappedCodes: unmappedCodesSchema,
  Catalog: catalogSchema,
  ImportReport: importReportSchema,
  AccessLogPage: accessLogPageSchema,
  RegionPolicy: regionPolicySchema,
  Regions: regionsSchema,
  Institution: institutionSchema,
  Institutions: institutionsSchema,
  Alliance: allianceSchema,
  Qualification: qualificationSchema,
  StoredQualification: storedQualificationSchema,
  StoredQualifications: storedQualificationsSchema,
  Withdrawal: withdrawalSchema,
  CdsClient: cdsClientSchema,
  RegisteredClients: registeredClientsSchema,
  ClientRegistration: clientRegistrationSchema,
  ClientRevocation: clientRevocationSchema,
  RecognitionItem: recognitionItemSchema,
} as const;

const API_TOKEN = [{ apiToken: [] }];
const DECISION_TOKEN = [{ decisionToken: [] }];

const ERROR_TEXT: Record<number, string> = {
  400: 'the input breaks the contract; `field` names where',
  401: 'no usable token',
  403: 'the token may not do this',
  404: 'no such thing (or not yours)',
  409: 'the state forbids it now',
  412: 'a precondition in the registry is missing',
  415: 'the body is not of a type this route reads',
};

/** The error statuses a route can answer: bad input when it takes any, access when it needs a token, and its own. */
function errorStatuses(route: ApiRoute): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.access !== 'public') [401, 403].forEach((status) => statuses.add(status));
  return [...statuses].sort();
}

const LANG = z.object({
  lang: z
    .enum(['zh-CN', 'en'])
    .optional()
    .meta({ description: 'the language of the words in the answer (default: Accept-Language, then zh-CN)' }),
});

function requestParams(route: ApiRoute): ZodOpenApiOperationObject['requestParams'] {
  const query = route.localized
    ? route.query instanceof z.ZodObject
      ? route.query.extend(LANG.shape)
      : LANG
    : route.query;
  return {
    ...(route.params instanceof z.ZodObject ? { path: route.params } : {}),
    ...(query instanceof z.ZodObject ? { query } : {}),
  };
}

function requestBody(route: ApiRoute): ZodOpenApiOperationObject['requestBody'] {
  if (!route.body) return undefined;
  if (!isCsvBody(route.body)) return { required: true, content: { 'application/json': { schema: route.body } } };
  const csv = {
    schema: {
      type: 'string' as const,
      description: `UTF-8 (a BOM is fine), a header row, then one record a row. ${route.body.csv}`,
    },
  };
  return {
    required: true,
    content: { 'text/csv': csv, ...(route.body.orJson ? { 'application/json': { schema: route.body.orJson } } : {}) },
  };
}

function operation(route: ApiRoute): ZodOpenApiOperationObject {
  const success =
    route.answer === 'csv'
      ? {
          description: route.answerDescription,
          content: {
            'text/csv': {
              schema: {
                type: 'string' as const,
                description: 'UTF-8 with BOM, Chinese headers by default (?lang=en for English)',
              },
            },
          },
        }
      : { description: route.answerDescription, content: { 'application/json': { schema: route.answer } } };
  const errors = Object.fromEntries(
    errorStatuses(route).map((status) => [
      String(status),
      { description: ERROR_TEXT[status] ?? 'error', content: { 'application/json': { schema: errorBodySchema } } },
    ]),
  );
  return {
    summary: route.summary,
    ...(route.access === 'public' ? {} : { security: route.access === 'decision-token' ? DECISION_TOKEN : API_TOKEN }),
    requestParams: requestParams(route),
    ...(route.body ? { requestBody: requestBody(route) } : {}),
    responses: { [String(route.status ?? 200)]: success, ...errors },
  };
}

/**
 * The JSON API under /api/, generated from the routes' own declarations (server/api/routes.ts): the
 * paths, parameters, bodies and answers are the zod schemas the handlers are validated and typed by,
 * so the document cannot drift from the code. Tests validate real responses against it.
 */
export function openApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, ZodOpenApiOperationObject>> = { ...INGEST_PATHS, ...HIS_PATHS };
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Huren API',
      version: '0.1.0',
      description: '互认 Huren: decisions, quality, administration, platform and explanation API.',
    },
    paths,
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        decisionToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'the token of the card appContext',
        },
        sourceToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'a result source’s token (hrs_…), given once when the platform registers the source (docs/ingest.md)',
        },
        hisSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Huren-Signature',
          description:
            'HMAC-SHA256 with the HIS key over method, path, X-Huren-Timestamp, X-Huren-Nonce and the body hash (docs/his-integration.md), with X-Huren-Client',
        },
        hisBrowserToken: {
          type: 'http',
          scheme: 'bearer',
          description: "a browser SDK token from POST /his/v1/browser-tokens (minted by the HIS's server)",
        },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'an API token (hrn_…) created with `npm run huren -- tokens create`; quality and admin tokens are bound to one hospital',
        },
      },
    },
  }) as unknown as Record<string, unknown>;
}
