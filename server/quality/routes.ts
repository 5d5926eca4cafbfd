import { Router, type Request, type Response } from 'express';
import { hospitalOf, principalOf, requireRole } from '../auth/api-token';
import { decisionView } from '../decisions/view';
import { apiInvalid, HttpError } from '../errors/http-error';
import { localeFrom, messages } from '../i18n';
import type { Services } from '../services';
import { decisionHistory } from '../store/decisions';
import { findPrompt, promptIdsOfOrder } from '../store/prompts';
import { localDate } from '../../rules';
import { monthlyReportCsv, ordersCsv, reasonText } from './csv';
import { matches, periodOf, sorted } from './filters';
import { orderFiltersSchema, type OrderFilters } from '../contract/quality';
import { loadOrderRecords, type OrderRecord } from './order-records';
import { statistics } from './statistics';

function filtersOf(request: Request): OrderFilters {
  const parsed = orderFiltersSchema.safeParse(request.query);
  if (!parsed.success) throw apiInvalid(parsed.error);
  return parsed.data;
}

function languageOf(request: Request): 'zh-CN' | 'en' {
  return request.query.lang === 'en' ? 'en' : request.query.lang === 'zh-CN' ? 'zh-CN' : localeFrom(request.get('accept-language'));
}

function attachment(response: Response, name: string, csv: string): void {
  response.set('content-disposition', `attachment; filename="${name}"`).type('text/csv; charset=utf-8').send(csv);
}

/** The quality department's review of its own hospital: lists, a decision's history, statistics, exports. */
export function qualityRoutes(services: Services): Router {
  const router = Router();
  router.use('/api/quality', requireRole(services, 'quality'));

  const records = async (request: Request, response: Response) => {
    const filters = filtersOf(request);
    const period = periodOf(filters, services.clock(), services.config.timeZone);
    const language = languageOf(request);
    const all = await loadOrderRecords(services.reader, hospitalOf(principalOf(response)), period.from, period.to, language);
    return { filters, period, language, all, selected: all.filter((record) => matches(record, filters)) };
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
    const { filters, period, language, selected } = await records(request, response);
    const start = (filters.page - 1) * filters.pageSize;
    response.json({
      period,
      total: selected.length,
      page: filters.page,
      pageSize: filters.pageSize,
      rows: sorted(selected, filters).slice(start, start + filters.pageSize).map((record) => rowOf(record, language)),
    });
  });

  router.get('/api/quality/orders.csv', async (request, response) => {
    const { filters, period, language, selected } = await records(request, response);
    attachment(response, `huren-orders-${period.from}-${period.to}.csv`, ordersCsv(sorted(selected, filters), messages(language), services.config.timeZone));
  });

  router.get('/api/quality/statistics', async (request, response) => {
    const { filters, period, language, selected } = await records(request, response);
    response.json({ period, granularity: filters.granularity, ...statistics(selected, filters.granularity, await catalogName(language)) });
  });

  /** Choices for the console's filters: who and what occurs in the period. */
  router.get('/api/quality/facets', async (request, response) => {
    const { period, all } = await records(request, response);
    const distinct = <T>(values: T[], key: (value: T) => string) => [...new Map(values.map((value) => [key(value), value])).values()];
    response.json({
      period,
      departments: distinct(all.map((r) => ({ code: r.departmentCode ?? r.departmentName ?? '', name: r.departmentName ?? r.departmentCode ?? '' })), (d) => d.code),
      doctors: distinct(all.map((r) => ({ ref: r.doctorRef, name: r.doctorName })), (d) => d.ref),
      items: distinct(all.map((r) => ({ code: r.itemCode, name: r.itemName, discipline: r.discipline, modality: r.modality })), (i) => i.code),
      reasons: distinct(all.filter((r) => r.reasonCode).map((r) => ({ code: r.reasonCode as string, text: reasonText(r, messages(languageOf(request))) })), (r) => r.code),
      today: localDate(services.clock(), services.config.timeZone),
    });
  });

  router.get('/api/quality/report.csv', async (request, response) => {
    const month = typeof request.query.month === 'string' && /^\d{4}-\d{2}$/.test(request.query.month) ? request.query.month : null;
    if (!month) throw new HttpError(400, 'invalid', 'month: a month such as 2026-03', 'month');
    const hospitalId = hospitalOf(principalOf(response));
    const language = languageOf(request);
    const [year, monthNumber] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
    const all = await loadOrderRecords(services.reader, hospitalId, `${month}-01`, last, language);
    const hospital = (await services.reference.current()).institutions.get(hospitalId)?.name ?? hospitalId;
    attachment(response, `huren-report-${month}.csv`, monthlyReportCsv(statistics(all, 'day', await catalogName(language)), month, hospital, messages(language)));
  });

  /** One order: every card it got and every version of the decision. */
  router.get('/api/quality/orders/:promptId', async (request, response) => {
    const hospitalId = hospitalOf(principalOf(response));
    const prompt = await findPrompt(services.reader, String(request.params.promptId));
    // Another hospital's card is "not found": nothing about it is revealed.
    if (!prompt || prompt.hospitalId !== hospitalId || prompt.itemCode === null) throw new HttpError(404, 'not-found', `no order card ${String(request.params.promptId)}`);
    const language = languageOf(request);
    const sameOrder = prompt.orderRef
      ? await promptIdsOfOrder(services.reader, { hospitalId, patientKey: prompt.patientKey, orderRef: prompt.orderRef })
      : [prompt.id];
    const { institutions } = await services.reference.current();
    const cards = await Promise.all(
      sameOrder.map(async (id) => ({
        promptId: id,
        prompt: await findPrompt(services.reader, id),
        // The reason by name, as everywhere in the quality department's views (其他, not 其他（需说明）).
        history: (await decisionHistory(services.reader, id)).map((version) => {
          const view = decisionView(version, messages(language));
          return { ...view, reasonText: view.reason ? reasonText({ reasonSystem: view.reason.system, reasonCode: view.reason.code, reasonDisplay: view.reason.display }, messages(language)) : null };
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
        candidates: card?.candidates.map((candidate) => ({ ...candidate, institutionName: institutions.get(candidate.institutionId)?.name ?? candidate.institutionId })),
        history,
      })),
    });
  });
  return router;
}
