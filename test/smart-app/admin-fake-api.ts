import { http, HttpResponse, type JsonBodyType, type RequestHandler } from 'msw';
import { z } from 'zod';
import items from '../../fixtures/catalog/items.json' with { type: 'json' };
import { dayBound, overrideViolations, type RegionPolicy } from '../../rules';
import { parseCodeMappings } from '../../server/admin/csv-mappings';
import { localeFrom, messages } from '../../server/i18n';
import {
  catalogSchema,
  codeMappingsSchema,
  dryRunReportSchema,
  mappingUploadSchema,
  overrideHistorySchema,
  rulesStateSchema,
  unmappedCodesSchema,
  type DryRunReportView,
  type OverrideHistory,
  type RulesState,
  type UnmappedCodes,
} from '../../server/contract/admin-responses';
import { codeMappingInputSchema, hospitalOverrideSchema, type CodeMapping } from '../../server/contract/admin';
import { apiInvalid, HttpError } from '../../server/errors/http-error';

/**
 * The admin API as the console sees it over HTTP, for 山城医科大学附属第一医院 (region 重庆): the real
 * catalog, the rules' own bounds check, the server's CSV parser for uploads, every answer parsed with
 * the server's schemas, and every request remembered for the tests to read.
 */

export const ORIGIN = window.location.origin;
export const ADMIN_TOKEN = 'hrn_admin-token-h-cq-001';
const HOSPITAL = 'H-CQ-001';
const LOCAL_CODES = 'https://his.example/H-CQ-001/order-item';
const RIS_CODES = 'https://his.example/H-CQ-001/ris-exam';
/** The hospital's local code systems, as the platform registered them. */
const HOSPITAL_SYSTEMS = { id: HOSPITAL, localCodeSystems: [LOCAL_CODES, RIS_CODES] };
const mappingKey = (mapping: { system: string; localCode: string }) => `${mapping.system} ${mapping.localCode}`;
/** The server's order: by code system, then code. */
const bySystemAndCode = (a: CodeMapping, b: CodeMapping) =>
  a.system.localeCompare(b.system) || a.localCode.localeCompare(b.localCode);

export const CATALOG = catalogSchema.parse(items);
const DISCIPLINES = [...new Set(CATALOG.map((item) => item.discipline))];
const CHONGQING: RegionPolicy = {
  code: 'CQ',
  name: '重庆市',
  markRequired: false,
  marks: { lab: [], imaging: [] },
  markedLevelRule: 'hierarchy',
  annotationRequired: true,
  assessmentIntervalMonths: null,
  lowerLevelAcceptance: { default: 'alliance', max: 'all' },
  partnerRegions: ['SC'],
};

/** Version 1 switched 超声 off; version 2 narrowed 胸部CT to 60 days and switched 超声 on again. */
export const HISTORY: OverrideHistory = overrideHistorySchema.parse([
  {
    version: 1,
    override: { disabledItems: [], disabledDisciplines: ['ultrasound'], windowDays: {} },
    before: null,
    action: 'save',
    updatedBy: '信息科',
    updatedAt: '2026-03-01T02:00:00.000Z',
  },
  {
    version: 2,
    override: { disabledItems: [], disabledDisciplines: [], windowDays: { 'CT-CHEST': 60 }, indicator: 'info' },
    before: { disabledItems: [], disabledDisciplines: ['ultrasound'], windowDays: {} },
    action: 'save',
    updatedBy: '信息科',
    updatedAt: '2026-03-09T02:00:00.000Z',
  },
]);

export const DRY_RUN: Omit<DryRunReportView, 'days'> = {
  from: '2026-02-08T02:00:00.000Z',
  evaluated: 14,
  unchanged: 10,
  wouldDisappear: 4,
  disappearReasons: { 'item.disabled': 3, 'window.expired+scope.lower-level': 1 },
  acceptedAmongDisappearing: 1,
  indicatorChanges: 0,
  samples: [
    {
      promptId: 'p-ct',
      createdAt: '2026-03-08T03:00:00.000Z',
      itemCode: 'CT-CHEST',
      department: '呼吸内科门诊',
      doctor: '赵华',
      after: 'item.disabled',
    },
  ],
  limits: 'past-cards-only',
};

const MAPPINGS: CodeMapping[] = [
  { institutionId: HOSPITAL, system: LOCAL_CODES, localCode: 'JY0001', localName: '血钾', itemCode: 'LAB-K' },
  { institutionId: HOSPITAL, system: RIS_CODES, localCode: 'JC1001', localName: '胸部CT平扫', itemCode: 'CT-CHEST' },
];

const UNMAPPED: UnmappedCodes = unmappedCodesSchema.parse([
  {
    system: LOCAL_CODES,
    code: 'JY9999',
    display: '铁蛋白',
    firstSeen: '2026-03-02T01:00:00.000Z',
    lastSeen: '2026-03-09T01:00:00.000Z',
    seen: 12,
  },
  {
    system: LOCAL_CODES,
    code: 'JY9998',
    display: '降钙素原',
    firstSeen: '2026-03-05T01:00:00.000Z',
    lastSeen: '2026-03-08T01:00:00.000Z',
    seen: 3,
  },
]);

type Override = OverrideHistory[number]['override'];

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | null;
  readonly contentType: string | null;
  readonly body: string;
}

export class FakeAdminApi {
  readonly requests: SeenRequest[] = [];
  history: OverrideHistory;
  mappings: CodeMapping[] = [...MAPPINGS];
  /**
   * The windows the server checks against. The page is sent the catalog's; a test may narrow one
   * here, as if the region had narrowed it after the page loaded.
   */
  readonly serverBounds = new Map(CATALOG.map((item) => [item.code, dayBound(item.window)]));
  lowerLevelAcceptance: RegionPolicy['lowerLevelAcceptance'] = CHONGQING.lowerLevelAcceptance;

  constructor(history: OverrideHistory = HISTORY) {
    this.history = [...history];
  }

  get state(): RulesState {
    const current = this.history.at(-1);
    return rulesStateSchema.parse({
      hospitalId: HOSPITAL,
      override: current?.override ?? { disabledItems: [], disabledDisciplines: [], windowDays: {} },
      version: current?.version ?? 0,
      updatedBy: current?.updatedBy ?? null,
      updatedAt: current?.updatedAt ?? null,
      bounds: {
        windowDays: Object.fromEntries(CATALOG.map((item) => [item.code, dayBound(item.window)])),
        lowerLevelAcceptance: this.lowerLevelAcceptance,
        disciplines: DISCIPLINES,
      },
    });
  }

  /** The requests to `path` with `method`, oldest first. */
  sent(method: string, path: string): SeenRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  /** As the server checks an override: its schema, then the region's bounds, naming the field. */
  private validOverride(body: unknown): Override {
    const parsed = hospitalOverrideSchema.safeParse(body);
    if (!parsed.success) throw apiInvalid(parsed.error);
    const catalog = CATALOG.map((item) => ({
      ...item,
      window: { amount: this.serverBounds.get(item.code) ?? dayBound(item.window), unit: 'days' as const },
    }));
    const [violation] = overrideViolations(parsed.data, catalog, {
      ...CHONGQING,
      lowerLevelAcceptance: this.lowerLevelAcceptance,
    });
    if (violation)
      throw new HttpError(
        400,
        'out-of-bounds',
        `${violation.field}: beyond the region's bound${'bound' in violation ? ` (${violation.bound})` : ''}`,
        violation.field,
      );
    return parsed.data;
  }

  private save(override: Override, action: 'save' | 'rollback'): RulesState {
    const before = this.history.at(-1)?.override ?? null;
    this.history.push({
      version: this.history.length + 1,
      override,
      before,
      action,
      updatedBy: '信息科',
      updatedAt: '2026-03-10T02:00:00.000Z',
    });
    return this.state;
  }

  handlers(): RequestHandler[] {
    const answer = async (
      request: Request,
      respond: (body: string) => JsonBodyType | Promise<JsonBodyType>,
    ): Promise<Response> => {
      const url = new URL(request.url);
      const body = await request.text();
      const authorization = request.headers.get('authorization');
      this.requests.push({
        method: request.method,
        path: url.pathname,
        query: url.searchParams,
        authorization,
        contentType: request.headers.get('content-type'),
        body,
      });
      try {
        if (authorization !== `Bearer ${ADMIN_TOKEN}`)
          throw new HttpError(401, 'unauthenticated', 'this API token is not valid or was revoked');
        return HttpResponse.json(await respond(body));
      } catch (error) {
        if (error instanceof HttpError) return HttpResponse.json(error.body(), { status: error.status });
        throw error;
      }
    };
    const json = (body: string): unknown => JSON.parse(body);
    const dryRunBody = z.object({ override: z.unknown(), days: z.number() });
    const rollbackBody = z.object({ version: z.number() });
    return [
      // Whom the token speaks for: the console names the hospital in its header.
      http.get(`${ORIGIN}/api/session`, () =>
        HttpResponse.json({
          role: 'admin',
          name: 'test',
          hospital: { id: 'H-CQ-001', name: '山城医科大学附属第一医院' },
        }),
      ),
      http.get(`${ORIGIN}/api/admin/rules`, ({ request }) => answer(request, () => this.state)),
      http.get(`${ORIGIN}/api/admin/rules/history`, ({ request }) =>
        answer(request, () => overrideHistorySchema.parse(this.history)),
      ),
      http.get(`${ORIGIN}/api/catalog`, ({ request }) => answer(request, () => CATALOG)),
      http.put(`${ORIGIN}/api/admin/rules`, ({ request }) =>
        answer(request, (body) => this.save(this.validOverride(json(body)), 'save')),
      ),
      http.post(`${ORIGIN}/api/admin/rules/dry-run`, ({ request }) =>
        answer(request, (body) => {
          const { override, days } = dryRunBody.parse(json(body));
          this.validOverride(override);
          return dryRunReportSchema.parse({ ...DRY_RUN, days });
        }),
      ),
      http.post(`${ORIGIN}/api/admin/rules/rollback`, ({ request }) =>
        answer(request, (body) => {
          const { version } = rollbackBody.parse(json(body));
          const target =
            version === 0
              ? { override: { disabledItems: [], disabledDisciplines: [], windowDays: {} } }
              : this.history.find((entry) => entry.version === version);
          if (!target)
            throw new HttpError(404, 'not-found', `no version ${version} of this hospital's rules`, 'version');
          return this.save(target.override, 'rollback');
        }),
      ),
      http.get(`${ORIGIN}/api/admin/code-mappings`, ({ request }) =>
        answer(request, () => codeMappingsSchema.parse(this.mappings)),
      ),
      http.put(`${ORIGIN}/api/admin/code-mappings`, ({ request }) =>
        answer(request, async (body) => {
          const { accepted, refused } = await parseCodeMappings(
            body,
            HOSPITAL_SYSTEMS,
            new Map(CATALOG.map((item) => [item.code, item])),
            messages(localeFrom(request.headers.get('accept-language') ?? undefined)),
          );
          // As the server: a file is saved whole or not at all, and never on a preview.
          const query = new URL(request.url).searchParams;
          const replace = query.get('replace') === 'true';
          // Replacing is per code system, as on the server.
          const systems = new Set(accepted.map((row) => row.system));
          const incoming = new Set(accepted.map(mappingKey));
          const replaced = (mapping: CodeMapping) =>
            incoming.has(mappingKey(mapping)) || (replace && systems.has(mapping.system));
          const dropped = this.mappings.filter(
            (mapping) => replace && systems.has(mapping.system) && !incoming.has(mappingKey(mapping)),
          ).length;
          const saved = refused.length === 0 && query.get('preview') !== 'true';
          if (saved) {
            const kept = this.mappings.filter((mapping) => !replaced(mapping));
            this.mappings = [...kept, ...accepted].sort(bySystemAndCode);
          }
          return mappingUploadSchema.parse({
            saved,
            accepted: accepted.length,
            dropped,
            refused,
            unmappedSeen: this.unmapped(),
          });
        }),
      ),
      http.post(`${ORIGIN}/api/admin/code-mappings`, ({ request }) =>
        answer(request, (body) => {
          const input = codeMappingInputSchema.parse(json(body));
          if (!CATALOG.some((item) => item.code === input.itemCode))
            throw new HttpError(400, 'invalid', `no catalog item ${input.itemCode}`, 'itemCode');
          const mapping = {
            institutionId: HOSPITAL,
            system: input.system ?? LOCAL_CODES,
            localCode: input.localCode,
            localName: input.localName ?? input.localCode,
            itemCode: input.itemCode,
          };
          this.mappings = [...this.mappings.filter((kept) => mappingKey(kept) !== mappingKey(mapping)), mapping].sort(
            bySystemAndCode,
          );
          return mappingUploadSchema.parse({
            saved: true,
            accepted: 1,
            dropped: 0,
            refused: [],
            unmappedSeen: this.unmapped(),
          });
        }),
      ),
      http.get(`${ORIGIN}/api/admin/unmapped-codes`, ({ request }) => answer(request, () => this.unmapped())),
    ];
  }

  private unmapped(): UnmappedCodes {
    return UNMAPPED.filter(
      (code) => !this.mappings.some((mapping) => mapping.system === code.system && mapping.localCode === code.code),
    );
  }
}
