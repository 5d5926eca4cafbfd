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
import { CODE_MAPPING_CSV_HEADERS, registryCsvRows } from '../contract/csv-rows';
import { errorBodySchema } from '../contract/errors';
import {
  decisionAnswerSchema,
  decisionInputSchema,
  promptViewSchema,
  renewalInputSchema,
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
  Renewal: z.object({ token: z.string() }),
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

export type SchemaName = keyof typeof SCHEMAS;

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    target: 'openapi-3.0',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  });
  // OpenAPI 3.0 has no $id; the component's key is its name.
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, { $id: _id, ...schema }]) => [id, nullableRefs(schema)]),
  );
}

/**
 * OpenAPI 3.0 cannot say "this $ref or null" with `nullable` (it needs a `type`), so a nullable
 * reference becomes "either the reference or the value null".
 */
function nullableRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableRefs);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, nullableRefs(value)])) as Record<
    string,
    unknown
  >;
  if (entries.nullable === true && !('type' in entries) && Array.isArray(entries.allOf)) {
    const { nullable: _nullable, allOf, ...rest } = entries;
    return { ...rest, anyOf: [...(allOf as unknown[]), { type: 'string', nullable: true, enum: [null] }] };
  }
  return entries;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, name: SchemaName) => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const csv = (description: string) => ({
  description,
  content: {
    'text/csv': {
      schema: { type: 'string', description: 'UTF-8 with BOM, Chinese headers by default (?lang=en for English)' },
    },
  },
});
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), json('error', 'Error')]));
const body = (name: SchemaName) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description,
});
const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description,
});

/**
 * The CSV request bodies, described from the contract's row schemas (server/contract/csv-rows.ts): the
 * columns, and that every row meets the JSON form's limits or is refused by its line under the header.
 */
const csvText = (description: string) => ({
  schema: { type: 'string', description: `UTF-8 (a BOM is fine), a header row, then one record a row. ${description}` },
});
const mappingCsv = {
  required: true,
  content: {
    'text/csv': csvText(
      `Columns (any of the names): ${Object.values(CODE_MAPPING_CSV_HEADERS)
        .map((names) => names.join(' | '))
        .join('; ')}. ` +
        'Each row meets the limits of CodeMappingInput (a blank name is the code); a refused row is listed in `refused` with its row and column.',
    ),
  },
};
const registryCsv = csvText(
  `Columns by kind (lists separated by ;): ${Object.entries(registryCsvRows)
    .map(([kind, row]) => `${kind}: ${row.columns.join(', ')}`)
    .join('; ')}. ` +
    'Each row meets the limits of the JSON form (Institution, Qualification, CdsClient, RecognitionItem); a refused row is listed in `refused` with its row and column.',
);

const decisionToken = [{ decisionToken: [] }];
const apiToken = [{ apiToken: [] }];
const promptId = path('promptId', 'the card uuid (the prompt id)');
const orderFilters = [
  query('from', 'first local day, YYYY-MM-DD (default: 29 days before `to`)'),
  query('to', 'last local day (default: today)'),
  query('department', 'department code or name'),
  query('doctor', 'the doctor (Practitioner/…)'),
  query('item', 'catalog item code'),
  query('discipline', 'item discipline'),
  query('modality', 'LAB, DX, CT, MR, US, NM'),
  query('outcome', 'accepted | overridden | not-counted | no-decision | unexplained-repeat'),
  query('reason', 'exception reason code'),
  query('scope', 'external (the recognition rate) | in-hospital | emergency'),
  query('lang', 'zh-CN (default) or en'),
];

/**
 * The JSON API under /api/, generated from the same zod schemas the handlers use, so the document
 * cannot drift from the code. Tests validate real responses against it.
 */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Huren API',
      version: '0.1.0',
      description: '互认 Huren: decisions, quality, administration, platform and explanation API.',
    },
    paths: {
      '/api/explain': {
        post: {
          summary:
            'What a hook call would decide, and why, for every order and every stored result (the hospital of the token)',
          security: apiToken,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  description: 'A CDS Hooks request body (patient-view, order-select or order-sign)',
                },
              },
            },
          },
          responses: { '200': json('the verdicts', 'Explanation'), ...errors(400, 401, 403, 412) },
        },
      },
      '/api/access-log': {
        get: {
          summary:
            "Who read which patient's results, when, through which endpoint and how many (quality and admin: their hospital's; platform: every hospital's)",
          security: apiToken,
          parameters: [
            query('from', 'ISO date-time'),
            query('to', 'ISO date-time'),
            query('nationalId', "one person's reads"),
            query('patientKey', "one patient key's reads"),
            query('endpoint', "one endpoint's reads, as the log names it (e.g. POST /api/explain)"),
            query('hospitalId', 'platform only'),
            query('before', "the previous page's next"),
            query('limit', 'up to 500'),
          ],
          responses: { '200': json('a page of the log, newest first', 'AccessLogPage'), ...errors(400, 401, 403) },
        },
      },
      '/api/prompts/{promptId}': {
        get: {
          summary:
            "One card for the SMART app: the ordered item, today's recognisable and excluded results, the decision and its history",
          security: decisionToken,
          parameters: [promptId],
          responses: { '200': json('the card', 'PromptView'), ...errors(401, 403, 404, 409) },
        },
      },
      '/api/prompts/{promptId}/decision': {
        post: {
          summary:
            'Accept a result, record an exception with the patient notification, or withdraw the decision (same day)',
          security: decisionToken,
          parameters: [promptId],
          requestBody: body('DecisionInput'),
          responses: {
            '200': json('the decision as stored, with its history', 'DecisionAnswer'),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      '/api/prompts/{promptId}/write-back': {
        post: {
          summary: 'Record whether the EHR took the accepted result into its record',
          security: decisionToken,
          parameters: [promptId],
          requestBody: body('WriteBackInput'),
          responses: { '200': json('the decision as stored', 'DecisionAnswer'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/prompts/{promptId}/renewal': {
        post: {
          summary:
            'A fresh token for a card whose token expired (up to 30 days after it was issued): the new SMART launch proves the same patient at the same EHR',
          security: decisionToken,
          parameters: [promptId],
          requestBody: body('RenewalInput'),
          responses: { '200': json('the new token', 'Renewal'), ...errors(400, 401, 403, 409) },
        },
      },
      '/api/quality/orders': {
        get: {
          summary: "The hospital's prompted orders with their outcome, filtered, sorted and paged",
          security: apiToken,
          parameters: [
            ...orderFilters,
            query('sort', 'createdAt | department | doctor | item | outcome'),
            query('order', 'asc | desc'),
            query('page', '1-based'),
            query('pageSize', 'up to 500'),
          ],
          responses: { '200': json('a page of orders', 'OrdersPage'), ...errors(400, 401, 403) },
        },
      },
      '/api/quality/orders.csv': {
        get: {
          summary: 'The filtered orders as CSV for Excel',
          security: apiToken,
          parameters: orderFilters,
          responses: { '200': csv('the orders'), ...errors(400, 401, 403) },
        },
      },
      '/api/quality/orders/{promptId}': {
        get: {
          summary: 'One order: every card it got and every version of its decision',
          security: apiToken,
          parameters: [promptId],
          responses: { '200': json('the order', 'OrderDetail'), ...errors(401, 403, 404) },
        },
      },
      '/api/quality/statistics': {
        get: {
          summary:
            'Prompts, recognitions, the recognition rate, reasons, yuan saved; by department, doctor, item, modality; a trend; flagged doctors',
          security: apiToken,
          parameters: [...orderFilters, query('granularity', 'day | week | month')],
          responses: { '200': json('the statistics', 'Statistics'), ...errors(400, 401, 403) },
        },
      },
      '/api/quality/facets': {
        get: {
          summary: 'Departments, doctors, items and reasons occurring in the period (filter choices)',
          security: apiToken,
          parameters: orderFilters,
          responses: { '200': json('the choices', 'Facets'), ...errors(400, 401, 403) },
        },
      },
      '/api/quality/report.csv': {
        get: {
          summary: 'The monthly report as CSV',
          security: apiToken,
          parameters: [{ ...query('month', 'YYYY-MM'), required: true }, query('lang', 'zh-CN or en')],
          responses: { '200': csv('the report'), ...errors(400, 401, 403) },
        },
      },
      '/api/admin/rules': {
        get: {
          summary: "The hospital's rule override, its version and the region's bounds",
          security: apiToken,
          responses: { '200': json('the rules', 'RulesState'), ...errors(401, 403) },
        },
        put: {
          summary: 'Save a new version of the override (refused outside the bounds, naming the bound)',
          security: apiToken,
          requestBody: body('HospitalOverride'),
          responses: { '200': json('the rules as saved', 'RulesState'), ...errors(400, 401, 403) },
        },
      },
      '/api/admin/rules/history': {
        get: {
          summary: 'Every version: who, when, before and after',
          security: apiToken,
          responses: { '200': json('the versions', 'OverrideHistory'), ...errors(401, 403) },
        },
      },
      '/api/admin/rules/rollback': {
        post: {
          summary:
            "Save an earlier version again, as a new version; version 0 is the region's defaults (no hospital rules)",
          security: apiToken,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { version: { type: 'integer', minimum: 0 } },
                  required: ['version'],
                },
              },
            },
          },
          responses: { '200': json('the rules as saved', 'RulesState'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/admin/rules/dry-run': {
        post: {
          summary: "What a proposed override would have done to the last days' prompts",
          security: apiToken,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    override: ref('HospitalOverride'),
                    days: { type: 'integer', minimum: 1, maximum: 365 },
                  },
                  required: ['override'],
                },
              },
            },
          },
          responses: { '200': json('the replay', 'DryRunReport'), ...errors(400, 401, 403) },
        },
      },
      '/api/admin/code-mappings': {
        get: {
          summary: "The hospital's local order codes and their catalog items",
          security: apiToken,
          responses: { '200': json('the mappings', 'CodeMappings'), ...errors(401, 403) },
        },
        post: {
          summary: 'Map one local code (from the unmapped-codes list) to a catalog item',
          security: apiToken,
          requestBody: body('CodeMappingInput'),
          responses: {
            '200': json('the mapping saved, and codes still unmapped', 'MappingUpload'),
            ...errors(400, 401, 403),
          },
        },
        put: {
          summary: 'Upload a CSV (local code, local name, item code); ?replace=true drops mappings not in it',
          security: apiToken,
          parameters: [query('replace', 'true to replace all')],
          requestBody: mappingCsv,
          responses: {
            '200': json('rows accepted and refused, and codes still unmapped', 'MappingUpload'),
            ...errors(400, 401, 403, 415),
          },
        },
      },
      '/api/admin/unmapped-codes': {
        get: {
          summary: 'Local codes seen in recent orders that map to nothing',
          security: apiToken,
          parameters: [query('days', '1-365, default 30')],
          responses: { '200': json('the codes', 'UnmappedCodes'), ...errors(401, 403) },
        },
      },
      '/api/catalog': {
        get: {
          summary: 'The recognition catalog',
          security: apiToken,
          responses: { '200': json('the items', 'Catalog'), ...errors(401, 403) },
        },
      },
      '/api/platform/regions': {
        get: {
          summary: 'Every region policy',
          security: apiToken,
          responses: { '200': json('the policies', 'Regions'), ...errors(401, 403) },
        },
      },
      '/api/platform/regions/{code}': {
        put: {
          summary: "Save a region's policy (the code in the path and the body agree)",
          security: apiToken,
          parameters: [path('code', 'the region code')],
          requestBody: body('RegionPolicy'),
          responses: { '200': json('the policy saved', 'RegionPolicy'), ...errors(400, 401, 403) },
        },
      },
      '/api/platform/institutions': {
        get: {
          summary: 'Every institution',
          security: apiToken,
          responses: { '200': json('the institutions', 'Institutions'), ...errors(401, 403) },
        },
      },
      '/api/platform/institutions/{id}': {
        put: {
          summary: 'Save an institution (its region and alliances must exist)',
          security: apiToken,
          parameters: [path('id', 'the institution code')],
          requestBody: body('Institution'),
          responses: { '200': json('the institution saved', 'Institution'), ...errors(400, 401, 403) },
        },
      },
      '/api/platform/alliances/{id}': {
        put: {
          summary: 'Save an alliance (close or loose)',
          security: apiToken,
          parameters: [path('id', 'the alliance code')],
          requestBody: body('Alliance'),
          responses: { '200': json('the alliance saved', 'Alliance'), ...errors(400, 401, 403) },
        },
      },
      '/api/platform/qualifications': {
        get: {
          summary: 'Qualifications, of one institution with ?institutionId',
          security: apiToken,
          parameters: [query('institutionId', 'one institution')],
          responses: { '200': json('the qualifications', 'StoredQualifications'), ...errors(401, 403) },
        },
        post: {
          summary: 'Record a qualification (the same institution, scope, kind and start replaces it)',
          security: apiToken,
          requestBody: body('Qualification'),
          responses: { '201': json('the qualification saved', 'StoredQualification'), ...errors(400, 401, 403) },
        },
      },
      '/api/platform/qualifications/{id}/withdraw': {
        post: {
          summary: 'Withdraw a qualification from a day on',
          security: apiToken,
          parameters: [path('id', 'the qualification id')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { withdrawnOn: { type: 'string', format: 'date' } },
                  required: ['withdrawnOn'],
                },
              },
            },
          },
          responses: { '200': json('the withdrawal', 'Withdrawal'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/platform/clients': {
        get: {
          summary: 'Every registered CDS client, revoked ones too',
          security: apiToken,
          responses: { '200': json('the clients', 'RegisteredClients'), ...errors(401, 403) },
        },
        post: {
          summary: 'Register a CDS client (its issuer, hospital, keys or jku allowlist, FHIR servers)',
          security: apiToken,
          requestBody: body('CdsClient'),
          responses: { '201': json('the registration', 'ClientRegistration'), ...errors(400, 401, 403) },
        },
      },
      '/api/platform/clients/revoke': {
        post: {
          summary: 'Revoke a client: its tokens are refused from now on',
          security: apiToken,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', properties: { issuer: { type: 'string' } }, required: ['issuer'] },
              },
            },
          },
          responses: { '200': json('the revocation', 'ClientRevocation'), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/platform/catalog': {
        get: {
          summary: 'The recognition catalog, inactive items too',
          security: apiToken,
          responses: { '200': json('the items', 'Catalog'), ...errors(401, 403) },
        },
      },
      '/api/platform/catalog/{code}': {
        put: {
          summary: 'Save a catalog item',
          security: apiToken,
          parameters: [path('code', 'the item code')],
          requestBody: body('RecognitionItem'),
          responses: { '200': json('the item saved', 'RecognitionItem'), ...errors(400, 401, 403) },
        },
      },
      '/api/openapi.json': {
        get: {
          summary: 'This document',
          responses: {
            '200': {
              description: 'the OpenAPI document',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      '/api/platform/import/{kind}': {
        post: {
          summary: 'Import institutions, qualifications, clients or catalog items (JSON array or CSV)',
          security: apiToken,
          parameters: [path('kind', 'institutions | qualifications | clients | catalog')],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    anyOf: [ref('Institution'), ref('Qualification'), ref('CdsClient'), ref('RecognitionItem')],
                  },
                },
              },
              'text/csv': registryCsv,
            },
          },
          responses: { '200': json('rows saved and refused', 'ImportReport'), ...errors(400, 401, 403, 404) },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        decisionToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'the token of the card appContext',
        },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'an API token (hrn_…) created with `npm run huren -- tokens create`; quality and admin tokens are bound to one hospital',
        },
      },
    },
  };
}
