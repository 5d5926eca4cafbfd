import { Router, type Request, type Response } from 'express';
import { hospitalOf, principalOf, requireRole } from '../auth/api-token';
import { decisionView } from '../decisions/view';
import { apiInvalid, HttpError } from '../errors/http-error';
import { SYSTEMS } from '../fhir/systems';
import { localeFrom, messages } from '../i18n';
import type { Services } from '../services';
import { decisionHistory } from '../store/decisions';
import { findPrompt, promptIdsOfOrder } from '../store/prompts';
import { localDate } from '../../rules';
import { writeExcelCsv } from '../csv/excel-csv';
import { facetRows, orderChunks, orderPage } from '../store/quality-order-list';
import type { OrderPeriod } from '../store/quality-orders';
import { monthlyReportCsv, orderCsvRow, reasonText } from './csv';
import { periodOf } from './filters';
import { orderFiltersSchema, type OrderFilters } from '../contract/quality';
import { orderListingOf, orderRecordsOf, type OrderRecord } from './order-records';
import { orderStatistics } from './statistics';

/** Orders read per query while the CSV export streams: bounds the server's memory whatever the period. */
const CSV_CHUNK = 5_000;

function filtersOf(request: Request): OrderFilters {
  const parsed = orderFiltersSchema.safeParse(request.query);
  if (!parsed.success) throw apiInvalid(parsed.error);
  return parsed.data;
}

function languageOf(request: Request): 'zh-CN' | 'en' {
  return request.query.lang === 'en'
    ? 'en'
    : request.query.lang === 'zh-CN'
      ? 'zh-CN'
      : localeFrom(request.get('accept-language'));
}

function attachment(response: Response, name: string, csv: string): void {
  response.set('content-disposition', `attachment; filename="${name}"`).type('text/csv; charset=utf-8').send(csv);
}

/** A hospital's orders first prompted in a period of local days, named in a language; our exception reasons told apart by their system. */
function orderScope(hospitalId: string, from: string, to: string, locale: 'zh-CN' | 'en'): OrderPeriod {
  return { hospitalId, from, to, locale, exceptionReasonSystem: SYSTEMS.exceptionReason };
}

/** The quality department's review of its own hospital: lists, a decision's history, statistics, exports. */
export function qualityRoutes(services: Services): Router {
  const router = Router();
  router.use('/api/quality', requireRole(services, 'quality'));

  const context = (request: Request, response: Response) => {
    const filters = filtersOf(request);
    const period = periodOf(filters, services.clock(), services.config.timeZone);
    const language = languageOf(request);
    const scope = orderScope(hospitalOf(principalOf(response)), period.from, period.to, language);
    return { filters, period, language, scope };
  };

  // The patient key stays on the server: the list needs no patient identity.
  const rowOf = ({ patientKey: _patientKey, ...record }: OrderRecord, language: 'zh-CN' | 'en') => ({
    ...record,
    outcomeText: messages(language).quality.outcomes[record.outcome],
    reasonText: reasonText(record, messages(language)) || null,
    yuan: record.priceFen / 100,
  });

  const catalogName = async (language: 'zh-CN' | 'en') => {
    const { catalog } = await services.reference.current();
    return (code: string) => {
      const item = catalog.get(code);
      return item && (language === 'en' ? item.nameEn : item.nameZh);
    };
  };

  router.get('/api/quality/orders', async (request, response) => {
    const { filters, period, language, scope } = context(request, response);
    const page = await orderPage(services.reader, scope, filters, filters, {
      offset: (filters.page - 1) * filters.pageSize,
      limit: filters.pageSize,
    });
    const rows = await orderRecordsOf(services.reader, scope, page.rows);
    response.json({
      period,
      total: page.total,
      page: filters.page,
      pageSize: filters.pageSize,
      rows: rows.map((record) => rowOf(record, language)),
    });
  });

  router.get('/api/quality/orders.csv', async (request, response) => {
    const { filters, period, language, scope } = context(request, response);
    const words = messages(language);
    async function* csvRows() {
      yield [words.quality.orderColumns];
      for await (const chunk of orderChunks(services.reader, scope, filters, filters, CSV_CHUNK)) {
        yield chunk.map((row) => orderCsvRow(orderListingOf(row), words, services.config.timeZone));
      }
    }
    response
      .set('content-disposition', `attachment; filename="huren-orders-${period.from}-${period.to}.csv"`)
      .type('text/csv; charset=utf-8');
    await writeExcelCsv(response, csvRows());
  });

  router.get('/api/quality/statistics', async (request, response) => {
    const { filters, period, language, scope } = context(request, response);
    response.json({
      period,
      granularity: filters.granularity,
      ...(await orderStatistics(services.reader, scope, filters, filters.granularity, await catalogName(language))),
    });
  });

  /** Choices for the console's filters: who and what occurs in the period. */
  router.get('/api/quality/facets', async (request, response) => {
    const { period, language, scope } = context(request, response);
    const { departments, doctors, items, reasons } = await facetRows(services.reader, scope);
    response.json({
      period,
      departments: departments.map((r) => ({
        code: r.department_code ?? r.department_name ?? '',
        name: r.department_name ?? r.department_code ?? '',
      })),
      doctors: doctors.map((r) => ({ ref: r.doctor_ref, name: r.doctor_name })),
      items: items.map((r) => ({
        code: r.item_code,
        name: r.item_name,
        discipline: r.discipline,
        modality: r.modality,
      })),
      reasons: reasons.map((r) => ({
        code: r.reason_code as string,
        text: reasonText(
          { reasonSystem: r.reason_system, reasonCode: r.reason_code, reasonDisplay: r.reason_display },
          messages(language),
        ),
      })),
      today: localDate(services.clock(), services.config.timeZone),
    });
  });

  router.get('/api/quality/report.csv', async (request, response) => {
    const month =
      typeof request.query.month === 'string' && /^\d{4}-\d{2}$/.test(request.query.month) ? request.query.month : null;
    if (!month) throw new HttpError(400, 'invalid', 'month: a month such as 2026-03', 'month');
    const hospitalId = hospitalOf(principalOf(response));
    const language = languageOf(request);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const stats = await orderStatistics(
      services.reader,
      orderScope(hospitalId, `${month}-01`, last, language),
      {},
      'day',
      await catalogName(language),
    );
    const hospital = (await services.reference.current()).institutions.get(hospitalId)?.name ?? hospitalId;
    attachment(response, `huren-report-${month}.csv`, monthlyReportCsv(stats, month, hospital, messages(language)));
  });

  /** One order: every card it got and every version of the decision. */
  router.get('/api/quality/orders/:promptId', async (request, response) => {
    const hospitalId = hospitalOf(principalOf(response));
    const prompt = await findPrompt(services.reader, String(request.params.promptId));
    // Another hospital's card is "not found": nothing about it is revealed.
    if (!prompt || prompt.hospitalId !== hospitalId || prompt.itemCode === null)
      throw new HttpError(404, 'not-found', `no order card ${String(request.params.promptId)}`);
    const language = languageOf(request);
    const sameOrder = prompt.orderRef
      ? await promptIdsOfOrder(services.reader, {
          hospitalId,
          patientKey: prompt.patientKey,
          orderRef: prompt.orderRef,
        })
      : [prompt.id];
    const { institutions } = await services.reference.current();
    const cards = await Promise.all(
      sameOrder.map(async (id) => ({
        promptId: id,
        prompt: await findPrompt(services.reader, id),
        // The reason by name, as everywhere in the quality department's views (其他, not 其他（需说明）).
        history: (await decisionHistory(services.reader, id)).map((version) => {
          const view = decisionView(version, messages(language));
          return {
            ...view,
            reasonText: view.reason
              ? reasonText(
                  {
                    reasonSystem: view.reason.system,
                    reasonCode: view.reason.code,
                    reasonDisplay: view.reason.display,
                  },
                  messages(language),
                )
              : null,
          };
        }),
      })),
    );
    response.json({
      promptId: prompt.id,
      cards: cards.map(({ promptId, prompt: card, history }) => ({
        promptId,
        serviceId: card?.serviceId,
        createdAt: card?.createdAt,
        doctor: { ref: card?.userRef, name: card?.practitionerName },
        department: card?.departmentName,
        itemCode: card?.itemCode,
        candidates: card?.candidates.map((candidate) => ({
          ...candidate,
          institutionName: institutions.get(candidate.institutionId)?.name ?? candidate.institutionId,
        })),
        history,
      })),
    });
  });
  return router;
}
