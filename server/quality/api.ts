import { z } from 'zod';
import { localDate } from '../../rules';
import { hospitalOf } from '../auth/api-token';
import { apiRoute, type ApiCall } from '../api/route';
import { promptIdParams } from '../api/parameters';
import {
  facetsSchema,
  orderDetailSchema,
  orderFiltersSchema,
  ordersPageSchema,
  statisticsSchema,
  type OrderFilters,
} from '../contract/quality';
import type { ApiRole, Principal } from '../store/api-tokens';
import { writeExcelCsv } from '../csv/excel-csv';
import { HttpError } from '../errors/http-error';
import { SYSTEMS } from '../fhir/systems';
import { messages, type Locale } from '../i18n';
import type { Services } from '../services';
import { decisionHistory } from '../store/decisions';
import { findPrompt, promptIdsOfOrder } from '../store/prompts';
import { facetRows, orderChunks, orderPage } from '../store/quality-order-list';
import type { OrderPeriod } from '../store/quality-orders';
import { decisionView } from '../decisions/view';
import { monthlyReportCsv, ORDER_TIME_COLUMNS, orderCsvRow, reasonText, zoneOffset } from './csv';
import { periodOf } from './filters';
import { orderListingOf, orderRecordsOf, type OrderRecord } from './order-records';
import { orderStatistics } from './statistics';

/** Orders read per query while the CSV export streams: bounds the server's memory whatever the period. */
const CSV_CHUNK = 5_000;
const QUALITY: readonly ApiRole[] = ['quality'];

/** A hospital's orders first prompted in a period of local days, named in a language; our exception reasons told apart by their system. */
function orderScope(hospitalId: string, from: string, to: string, locale: Locale): OrderPeriod {
  return { hospitalId, from, to, locale, exceptionReasonSystem: SYSTEMS.exceptionReason };
}

/** The filters' period and the store's scope for the caller's hospital. */
function scopeOf(filters: OrderFilters, principal: Principal, locale: Locale, services: Services) {
  const period = periodOf(filters, services.clock(), services.config.timeZone);
  return { period, scope: orderScope(hospitalOf(principal), period.from, period.to, locale) };
}

/** The patient key stays on the server: the list needs no patient identity. */
function rowOf({ patientKey: _patientKey, ...record }: OrderRecord, locale: Locale) {
  return {
    ...record,
    outcomeText: messages(locale).quality.outcomes[record.outcome],
    reasonText: reasonText(record, messages(locale)) || null,
    yuan: record.priceFen / 100,
  };
}

async function catalogName(services: Services, locale: Locale) {
  const { catalog } = await services.reference.current();
  return (code: string) => {
    const item = catalog.get(code);
    return item && (locale === 'en' ? item.nameEn : item.nameZh);
  };
}

type FilteredCall = ApiCall<unknown, OrderFilters, undefined, readonly ApiRole[]>;

async function orders({ query: filters, principal, locale, services }: FilteredCall) {
  const { period, scope } = scopeOf(filters, principal, locale, services);
  const page = await orderPage(services.reader, scope, filters, filters, {
    offset: (filters.page - 1) * filters.pageSize,
    limit: filters.pageSize,
  });
  const rows = await orderRecordsOf(services.reader, scope, page.rows);
  return {
    period,
    total: page.total,
    page: filters.page,
    pageSize: filters.pageSize,
    rows: rows.map((record) => rowOf(record, locale)),
  };
}

async function ordersCsv({ query: filters, principal, locale, services, response }: FilteredCall) {
  const { period, scope } = scopeOf(filters, principal, locale, services);
  const words = messages(locale);
  async function* csvRows() {
    const offset = zoneOffset(services.clock().toISOString(), services.config.timeZone);
    yield [
      words.quality.orderColumns.map((name, index) =>
        ORDER_TIME_COLUMNS.has(index) ? words.quality.timeColumn(name, offset) : name,
      ),
    ];
    for await (const chunk of orderChunks(services.reader, scope, filters, filters, CSV_CHUNK)) {
      yield chunk.map((row) => orderCsvRow(orderListingOf(row), words, services.config.timeZone));
    }
  }
  response
    .set('content-disposition', `attachment; filename="huren-orders-${period.from}-${period.to}.csv"`)
    .type('text/csv; charset=utf-8');
  await writeExcelCsv(response, csvRows());
}

async function statistics({ query: filters, principal, locale, services }: FilteredCall) {
  const { period, scope } = scopeOf(filters, principal, locale, services);
  const figures = await orderStatistics(
    services.reader,
    scope,
    filters,
    filters.granularity,
    await catalogName(services, locale),
  );
  return { period, granularity: filters.granularity, ...figures };
}

/** Choices for the console's filters: who and what occurs in the period. */
async function facets({ query: filters, principal, locale, services }: FilteredCall) {
  const { period, scope } = scopeOf(filters, principal, locale, services);
  const { departments, doctors, items, reasons } = await facetRows(services.reader, scope);
  return {
    period,
    departments: departments.map((r) => ({
      code: r.department_code ?? r.department_name ?? '',
      name: r.department_name ?? r.department_code ?? '',
    })),
    doctors: doctors.map((r) => ({ ref: r.doctor_ref, name: r.doctor_name })),
    items: items.map((r) => ({ code: r.item_code, name: r.item_name, discipline: r.discipline, modality: r.modality })),
    reasons: reasons.map((r) => ({
      code: r.reason_code as string,
      text: reasonText(
        { reasonSystem: r.reason_system, reasonCode: r.reason_code, reasonDisplay: r.reason_display },
        messages(locale),
      ),
    })),
    today: localDate(services.clock(), services.config.timeZone),
  };
}

const monthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'a month such as 2026-03')
    .meta({ description: 'YYYY-MM' }),
});

async function monthlyReport({
  query,
  principal,
  locale,
  services,
  response,
}: ApiCall<unknown, z.output<typeof monthQuery>, undefined, readonly ApiRole[]>) {
  const hospitalId = hospitalOf(principal);
  const [year, monthNumber] = query.month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
  const scope = orderScope(hospitalId, `${query.month}-01`, last, locale);
  const stats = await orderStatistics(services.reader, scope, {}, 'day', await catalogName(services, locale));
  const hospital = (await services.reference.current()).institutions.get(hospitalId)?.name ?? hospitalId;
  response
    .set('content-disposition', `attachment; filename="huren-report-${query.month}.csv"`)
    .type('text/csv; charset=utf-8')
    .send(monthlyReportCsv(stats, query.month, hospital, messages(locale)));
}

/** One order: every card it got and every version of the decision. */
async function orderDetail({
  params,
  principal,
  locale,
  services,
}: ApiCall<z.output<typeof promptIdParams>, undefined, undefined, readonly ApiRole[]>) {
  const hospitalId = hospitalOf(principal);
  const prompt = await findPrompt(services.reader, params.promptId);
  // Another hospital's card is "not found": nothing about it is revealed.
  if (!prompt || prompt.hospitalId !== hospitalId || prompt.itemCode === null)
    throw new HttpError(404, 'not-found', `no order card ${params.promptId}`);
  const sameOrder = prompt.orderRef
    ? await promptIdsOfOrder(services.reader, { hospitalId, patientKey: prompt.patientKey, orderRef: prompt.orderRef })
    : [prompt.id];
  const { institutions } = await services.reference.current();
  const words = messages(locale);
  const cards = await Promise.all(
    sameOrder.map(async (id) => ({
      promptId: id,
      prompt: id === prompt.id ? prompt : await findPrompt(services.reader, id),
      // The reason by name, as everywhere in the quality department's views (其他, not 其他（需说明）).
      history: (await decisionHistory(services.reader, id)).map((version) => {
        const view = decisionView(version, words);
        const { reason } = view;
        return {
          ...view,
          reasonText: reason
            ? reasonText({ reasonSystem: reason.system, reasonCode: reason.code, reasonDisplay: reason.display }, words)
            : null,
        };
      }),
    })),
  );
  return {
    promptId: prompt.id,
    // A card pruned meanwhile (retention) is left out rather than shown empty.
    cards: cards.flatMap(({ promptId, prompt: card, history }) =>
      card
        ? [
            {
              promptId,
              serviceId: card.serviceId,
              createdAt: card.createdAt,
              doctor: { ref: card.userRef, name: card.practitionerName },
              department: card.departmentName,
              itemCode: card.itemCode,
              candidates: card.candidates.map((candidate) => ({
                ...candidate,
                institutionName: institutions.get(candidate.institutionId)?.name ?? candidate.institutionId,
              })),
              history,
            },
          ]
        : [],
    ),
  };
}

/** The quality department's review of its own hospital: lists, a decision's history, statistics, exports. */
export const qualityApi = [
  apiRoute({
    method: 'get',
    path: '/api/quality/orders',
    summary: "The hospital's prompted orders with their outcome, filtered, sorted and paged",
    access: QUALITY,
    query: orderFiltersSchema,
    answer: ordersPageSchema,
    answerDescription: 'a page of orders',
    localized: true,
    handle: orders,
  }),
  apiRoute({
    method: 'get',
    path: '/api/quality/orders.csv',
    summary: 'The filtered orders as CSV for Excel',
    access: QUALITY,
    query: orderFiltersSchema,
    answer: 'csv',
    answerDescription: 'the orders',
    localized: true,
    handle: ordersCsv,
  }),
  apiRoute({
    method: 'get',
    path: '/api/quality/orders/{promptId}',
    summary: 'One order: every card it got and every version of its decision',
    access: QUALITY,
    params: promptIdParams,
    answer: orderDetailSchema,
    answerDescription: 'the order',
    errors: [404],
    localized: true,
    readsCard: true,
    handle: orderDetail,
  }),
  apiRoute({
    method: 'get',
    path: '/api/quality/statistics',
    summary:
      'Prompts, recognitions, the recognition rate, reasons, yuan saved; by department, doctor, item, modality; a trend; flagged doctors',
    access: QUALITY,
    query: orderFiltersSchema,
    answer: statisticsSchema,
    answerDescription: 'the statistics',
    localized: true,
    handle: statistics,
  }),
  apiRoute({
    method: 'get',
    path: '/api/quality/facets',
    summary: 'Departments, doctors, items and reasons occurring in the period (filter choices)',
    access: QUALITY,
    query: orderFiltersSchema,
    answer: facetsSchema,
    answerDescription: 'the choices',
    localized: true,
    handle: facets,
  }),
  apiRoute({
    method: 'get',
    path: '/api/quality/report.csv',
    summary: 'The monthly report as CSV',
    access: QUALITY,
    query: monthQuery,
    answer: 'csv',
    answerDescription: 'the report',
    localized: true,
    handle: monthlyReport,
  }),
];
