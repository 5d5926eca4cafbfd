import { http, HttpResponse, type RequestHandler } from 'msw';
import { SYSTEMS } from '../../server/fhir/systems';
import { messages } from '../../server/i18n';
import { HttpError } from '../../server/errors/http-error';
import {
  facetsSchema,
  orderDetailSchema,
  ordersPageSchema,
  statisticsSchema,
  type OrderRow,
  type StatisticsView,
} from '../../server/contract/quality';
import { decisionView } from './support/fixtures';

/**
 * The quality API as the console sees it over HTTP, for 山城医科大学附属第一医院 in March 2026: the
 * server's own schemas parse every answer, the server's error bodies refuse, and every request is
 * remembered (path, query, token) for the tests to read.
 */

export const ORIGIN = window.location.origin;
export const QUALITY_TOKEN = 'hrn_quality-token-h-cq-001';
/** An admin's token: valid, but not for the quality API. */
export const ADMIN_TOKEN = 'hrn_admin-token-h-cq-001';

const words = messages('zh-CN');
const PERIOD = { from: '2026-02-09', to: '2026-03-10' };

function row(fields: Partial<OrderRow> & Pick<OrderRow, 'promptId' | 'itemCode' | 'itemName' | 'outcome'>): OrderRow {
  return {
    promptIds: [fields.promptId],
    createdAt: '2026-03-09T02:00:00.000Z',
    createdOn: '2026-03-09',
    serviceId: 'recognition-order-select',
    departmentCode: '0301',
    departmentName: '心血管内科门诊',
    doctorRef: 'Practitioner/dr-li',
    doctorName: '李明',
    encounterKind: 'outpatient',
    scope: 'external',
    discipline: 'chemistry',
    modality: 'LAB',
    priceFen: 500,
    candidates: 1,
    bestInstitutionId: 'H-CQ-003',
    recognisableItems: [fields.itemCode],
    savingFen: fields.priceFen ?? 500,
    outcomeText: words.quality.outcomes[fields.outcome],
    reasonSystem: null,
    reasonCode: null,
    reasonDisplay: null,
    reasonText: null,
    explanation: null,
    explanationMissing: false,
    notified: false,
    notification: null,
    decisionSource: null,
    decidedAt: null,
    decisionVersion: null,
    writeBack: null,
    yuan: (fields.priceFen ?? 500) / 100,
    ...fields,
  };
}

const changed = {
  reasonSystem: SYSTEMS.exceptionReason,
  reasonCode: 'condition-changed',
  reasonText: words.exceptionReasons['condition-changed'],
};

export const ROWS: readonly OrderRow[] = [
  row({
    promptId: 'p-k',
    itemCode: 'LAB-K',
    itemName: '钾',
    outcome: 'accepted',
    decisionSource: 'cds-feedback',
    decisionVersion: 1,
    decidedAt: '2026-03-09T02:01:00.000Z',
  }),
  row({
    promptId: 'p-ct',
    promptIds: ['p-ct', 'p-ct-sign'],
    itemCode: 'CT-CHEST',
    itemName: '胸部CT平扫',
    outcome: 'overridden',
    discipline: 'ct',
    modality: 'CT',
    priceFen: 20000,
    departmentCode: '0502',
    departmentName: '呼吸内科门诊',
    doctorRef: 'Practitioner/dr-zhao',
    doctorName: '赵华',
    createdAt: '2026-03-08T03:00:00.000Z',
    createdOn: '2026-03-08',
    ...changed,
  }),
  row({
    promptId: 'p-cbc',
    itemCode: 'LAB-CBC',
    itemName: '血常规',
    outcome: 'no-decision',
    discipline: 'hematology',
    createdAt: '2026-03-07T03:00:00.000Z',
    createdOn: '2026-03-07',
  }),
  row({
    promptId: 'p-hbsag',
    itemCode: 'LAB-HBSAG',
    itemName: '乙型肝炎病毒表面抗原',
    outcome: 'unexplained-repeat',
    discipline: 'immunology',
    doctorRef: 'Practitioner/dr-qian',
    doctorName: '钱进',
    createdAt: '2026-03-06T03:00:00.000Z',
    createdOn: '2026-03-06',
  }),
  row({
    promptId: 'p-head',
    itemCode: 'CT-HEAD',
    itemName: '头颅CT平扫',
    outcome: 'not-counted',
    discipline: 'ct',
    modality: 'CT',
    priceFen: 18000,
    departmentCode: '0502',
    departmentName: '呼吸内科门诊',
    doctorRef: 'Practitioner/dr-zhao',
    doctorName: '赵华',
    reasonSystem: SYSTEMS.exceptionReason,
    reasonCode: 'images-not-received',
    reasonText: words.exceptionReasons['images-not-received'],
    createdAt: '2026-03-05T03:00:00.000Z',
    createdOn: '2026-03-05',
  }),
];

const group = (key: string, label: string, fields: Partial<StatisticsView['trend'][number]> = {}) => ({
  key,
  label,
  orders: 1,
  eligible: 1,
  accepted: 0,
  overridden: 0,
  notCounted: 0,
  noDecision: 0,
  unexplained: 0,
  rate: 0,
  yuanSaved: 0,
  ...fields,
});

export const STATISTICS: StatisticsView = statisticsSchema.parse({
  period: PERIOD,
  granularity: 'day',
  totals: {
    prompts: 6,
    orders: 5,
    eligible: 4,
    accepted: 1,
    overridden: 1,
    notCounted: 1,
    noDecision: 1,
    unexplained: 1,
    rate: 0.25,
    yuanSaved: 5,
  },
  inHospital: {
    prompts: 3,
    orders: 2,
    eligible: 2,
    accepted: 1,
    overridden: 0,
    notCounted: 0,
    noDecision: 0,
    unexplained: 1,
    rate: 0.5,
    yuanSaved: 120,
  },
  emergency: {
    prompts: 2,
    orders: 1,
    eligible: 1,
    accepted: 0,
    overridden: 0,
    notCounted: 0,
    noDecision: 1,
    unexplained: 0,
    rate: 0,
    yuanSaved: 0,
  },
  recognisedItems: { count: 1, items: [{ code: 'LAB-K', name: '钾' }], targets: { city: 200, province: 300 } },
  repeats: {
    orders: 3,
    patients: 2,
    patientsWithMoreThanOne: 1,
    byPatientItem: [
      { patient: '3f9a0c1d', itemCode: 'CT-CHEST', itemName: '胸部CT平扫', count: 2 },
      { patient: '7be21d40', itemCode: 'LAB-HBSAG', itemName: '乙型肝炎病毒表面抗原', count: 1 },
    ],
  },
  exceptions: { overridden: 4, informed: 3, informedShare: 0.75, explanationMissing: 1 },
  reasons: [
    { system: SYSTEMS.exceptionReason, code: 'condition-changed', display: null, count: 1, counted: true },
    { system: SYSTEMS.exceptionReason, code: 'images-not-received', display: null, count: 1, counted: false },
  ],
  byDepartment: [
    group('0301', '心血管内科门诊', {
      orders: 3,
      eligible: 3,
      accepted: 1,
      noDecision: 1,
      unexplained: 1,
      rate: 1 / 3,
      yuanSaved: 5,
    }),
    group('0502', '呼吸内科门诊', { orders: 2, overridden: 1, notCounted: 1, rate: 0 }),
  ],
  byDoctor: [
    group('Practitioner/dr-li', '李明', {
      orders: 2,
      eligible: 2,
      accepted: 1,
      noDecision: 1,
      rate: 0.5,
      yuanSaved: 5,
    }),
    group('Practitioner/dr-zhao', '赵华', { orders: 2, overridden: 1, notCounted: 1 }),
    group('Practitioner/dr-qian', '钱进', { unexplained: 1 }),
  ],
  byItem: ROWS.map((order) => group(order.itemCode, order.itemName)),
  byModality: [group('LAB', 'LAB', { orders: 3, eligible: 3 }), group('CT', 'CT', { orders: 2 })],
  trend: ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'].map((day, index) =>
    group(day, day, { accepted: index === 4 ? 1 : 0, rate: index === 4 ? 1 : 0 }),
  ),
  flaggedDoctors: [
    {
      doctorRef: 'Practitioner/dr-zhao',
      doctorName: '赵华',
      department: '呼吸内科门诊',
      eligible: 6,
      nonRecognitionRate: 0.9,
      departmentNonRecognitionRate: 0.4,
      direction: 'higher',
    },
  ],
});

const FACETS = facetsSchema.parse({
  period: PERIOD,
  departments: [
    { code: '0301', name: '心血管内科门诊' },
    { code: '0502', name: '呼吸内科门诊' },
  ],
  doctors: [
    { ref: 'Practitioner/dr-li', name: '李明' },
    { ref: 'Practitioner/dr-zhao', name: '赵华' },
    { ref: 'Practitioner/dr-qian', name: '钱进' },
  ],
  items: ROWS.map((order) => ({
    code: order.itemCode,
    name: order.itemName,
    discipline: order.discipline,
    modality: order.modality,
  })),
  reasons: [
    { code: 'condition-changed', text: words.exceptionReasons['condition-changed'] },
    { code: 'images-not-received', text: words.exceptionReasons['images-not-received'] },
  ],
  today: '2026-03-10',
});

/** The chest CT: prompted at selection and again at signing, overridden, then the reason changed the same day. */
const CT_DETAIL = orderDetailSchema.parse({
  promptId: 'p-ct',
  cards: [
    {
      promptId: 'p-ct',
      serviceId: 'recognition-order-select',
      createdAt: '2026-03-08T03:00:00.000Z',
      doctor: { ref: 'Practitioner/dr-zhao', name: '赵华' },
      department: '呼吸内科门诊',
      itemCode: 'CT-CHEST',
      candidates: [
        {
          resultId: 'r-ct',
          suggestionId: 's-ct',
          institutionId: 'H-CQ-002',
          institutionName: '嘉陵江中心医院',
          effectiveAt: '2026-02-18T01:00:00.000Z',
          ageDays: 18,
          daysLeft: 72,
          warnings: [],
        },
      ],
      history: [
        decisionView({
          version: 1,
          outcome: 'overridden',
          source: 'cds-feedback',
          complete: false,
          practitioner: { ref: 'Practitioner/dr-zhao', name: '赵华' },
          reason: { system: SYSTEMS.exceptionReason, code: 'patient-request', display: null },
          reasonText: words.exceptionReasons['patient-request'],
          decidedAt: '2026-03-08T03:01:00.000Z',
          recordedAt: '2026-03-08T03:01:00.000Z',
        }),
        decisionView({
          version: 2,
          outcome: 'overridden',
          source: 'smart-app',
          practitioner: { ref: 'Practitioner/dr-zhao', name: '赵华' },
          reason: { system: SYSTEMS.exceptionReason, code: 'condition-changed', display: null },
          reasonText: words.exceptionReasons['condition-changed'],
          explanation: '咯血加重，需复查',
          notification: {
            party: 'patient',
            method: 'verbal',
            notifiedAt: '2026-03-08T03:05:00.000Z',
            notifiedBy: '赵华',
          },
          decidedAt: '2026-03-08T03:05:00.000Z',
          recordedAt: '2026-03-08T03:05:00.000Z',
        }),
        decisionView({
          version: 3,
          outcome: 'accepted',
          source: 'smart-app',
          practitioner: { ref: 'Practitioner/dr-zhao', name: '赵华' },
          resultId: 'r-ct',
          decidedAt: '2026-03-08T03:07:00.000Z',
          recordedAt: '2026-03-08T03:07:00.000Z',
        }),
      ],
    },
    {
      promptId: 'p-ct-sign',
      serviceId: 'recognition-order-sign',
      createdAt: '2026-03-08T03:10:00.000Z',
      doctor: { ref: 'Practitioner/dr-zhao', name: '赵华' },
      department: '呼吸内科门诊',
      itemCode: 'CT-CHEST',
      candidates: [
        {
          resultId: 'r-ct',
          suggestionId: 's-ct-2',
          institutionId: 'H-CQ-002',
          institutionName: '嘉陵江中心医院',
          effectiveAt: '2026-02-18T01:00:00.000Z',
          ageDays: 18,
          daysLeft: 72,
          warnings: [],
        },
      ],
      history: [],
    },
  ],
});

const byTime = (order: OrderRow) => order.createdAt;
const SORT_KEYS: Record<string, (order: OrderRow) => string> = {
  createdAt: byTime,
  department: (order) => order.departmentName ?? '',
  doctor: (order) => order.doctorName ?? '',
  item: (order) => order.itemName,
  outcome: (order) => order.outcome,
};

export interface SeenRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | null;
}

/** Many orders of one kind, for paging through. */
export function potassiumOrders(count: number): OrderRow[] {
  return Array.from({ length: count }, (_, index) =>
    row({
      promptId: `p-k-${index + 1}`,
      itemCode: 'LAB-K',
      itemName: `钾 ${index + 1}`,
      outcome: 'accepted',
      createdAt: new Date(Date.UTC(2026, 2, 9, 2, index)).toISOString(),
    }),
  );
}

export class FakeQualityApi {
  readonly requests: SeenRequest[] = [];

  constructor(private readonly rows: readonly OrderRow[] = ROWS) {}

  /** The token was revoked: every later request is refused with 401. */
  revoked = false;

  /** The query of the last request to `path` (`/api/quality/orders`). */
  last(path: string): URLSearchParams {
    const seen = this.requests.filter((request) => request.path === path).at(-1);
    if (!seen) throw new Error(`no request to ${path}`);
    return seen.query;
  }

  handlers(): RequestHandler[] {
    const refuse = (error: HttpError) => HttpResponse.json(error.body(), { status: error.status });
    const guard = (request: Request): HttpError | null => {
      const url = new URL(request.url);
      const authorization = request.headers.get('authorization');
      this.requests.push({ path: url.pathname, query: url.searchParams, authorization });
      if (authorization === `Bearer ${ADMIN_TOKEN}`)
        return new HttpError(403, 'forbidden', 'this needs a quality token; yours is admin');
      if (authorization !== `Bearer ${QUALITY_TOKEN}` || this.revoked)
        return new HttpError(401, 'unauthenticated', 'this API token is not valid or was revoked');
      return null;
    };
    const csv = (name: string, text: string) =>
      new HttpResponse(`\uFEFF${text}`, {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
      });
    return [
      // Whom the token speaks for: the console names the hospital in its header.
      http.get(`${ORIGIN}/api/session`, () =>
        HttpResponse.json({
          role: 'quality',
          name: 'test',
          hospital: { id: 'H-CQ-001', name: '山城医科大学附属第一医院' },
        }),
      ),
      http.get(`${ORIGIN}/api/quality/statistics`, ({ request }) => {
        const refused = guard(request);
        if (refused) return refuse(refused);
        const granularity = new URL(request.url).searchParams.get('granularity') ?? 'day';
        return HttpResponse.json(statisticsSchema.parse({ ...STATISTICS, granularity }));
      }),
      http.get(`${ORIGIN}/api/quality/facets`, ({ request }) => {
        const refused = guard(request);
        return refused ? refuse(refused) : HttpResponse.json(FACETS);
      }),
      http.get(`${ORIGIN}/api/quality/orders`, ({ request }) => {
        const refused = guard(request);
        if (refused) return refuse(refused);
        const query = new URL(request.url).searchParams;
        const page = Number(query.get('page') ?? 1);
        const pageSize = Number(query.get('pageSize') ?? 50);
        const key = SORT_KEYS[query.get('sort') ?? 'createdAt'] ?? byTime;
        const direction = query.get('order') === 'asc' ? 1 : -1;
        const selected = this.rows
          .filter(
            (order) =>
              (!query.get('outcome') || order.outcome === query.get('outcome')) &&
              (!query.get('department') || order.departmentCode === query.get('department')),
          )
          .sort((a, b) => direction * key(a).localeCompare(key(b)));
        return HttpResponse.json(
          ordersPageSchema.parse({
            period: PERIOD,
            total: selected.length,
            page,
            pageSize,
            rows: selected.slice((page - 1) * pageSize, page * pageSize),
          }),
        );
      }),
      http.get(`${ORIGIN}/api/quality/orders.csv`, ({ request }) => {
        const refused = guard(request);
        return refused
          ? refuse(refused)
          : csv(`huren-orders-${PERIOD.from}-${PERIOD.to}.csv`, `${words.quality.orderColumns.join(',')}\r\n`);
      }),
      http.get(`${ORIGIN}/api/quality/report.csv`, ({ request }) => {
        const refused = guard(request);
        const month = new URL(request.url).searchParams.get('month');
        return refused
          ? refuse(refused)
          : csv(
              `huren-report-${month}.csv`,
              `${words.quality.report.title(month ?? '', '山城医科大学附属第一医院')}\r\n`,
            );
      }),
      http.get(`${ORIGIN}/api/quality/orders/:promptId`, ({ request, params }) => {
        const refused = guard(request);
        if (refused) return refuse(refused);
        return params.promptId === 'p-ct'
          ? HttpResponse.json(CT_DETAIL)
          : refuse(new HttpError(404, 'not-found', `no order card ${String(params.promptId)}`));
      }),
    ];
  }
}
