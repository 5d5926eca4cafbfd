import type { z } from 'zod';
import { addDays, localDate } from '../../rules';
import { apiRoute, type ApiCall } from '../api/route';
import { provinceFiguresQuerySchema, provinceFiguresSchema, type ProvinceFigures } from '../contract/province-figures';
import { excelCsv } from '../csv/excel-csv';
import { HttpError } from '../errors/http-error';
import { SYSTEMS } from '../fhir/systems';
import { messages, type Locale } from '../i18n';
import type { ApiRole } from '../store/api-tokens';
import { provinceFigures } from './province-figures';

const PLATFORM: readonly ApiRole[] = ['platform'];

type FiguresCall = ApiCall<unknown, z.output<typeof provinceFiguresQuerySchema>, undefined, readonly ApiRole[]>;

/** The period asked for: by default this year to today (local); at most a year and a day. */
function periodOf(query: z.output<typeof provinceFiguresQuerySchema>, now: Date, timeZone: string) {
  const to = query.to ?? localDate(now, timeZone);
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new HttpError(400, 'invalid', '`from` must not be after `to`', 'from');
  if (from < addDays(to, -366)) throw new HttpError(400, 'invalid', 'at most a year and a day at once', 'from');
  return { from, to };
}

async function figures({ query, locale, services }: FiguresCall): Promise<ProvinceFigures> {
  const period = periodOf(query, services.clock(), services.config.timeZone);
  return provinceFigures(
    { writer: services.db, reader: services.reader },
    { ...period, locale, exceptionReasonSystem: SYSTEMS.exceptionReason },
    await services.reference.current(),
  );
}

/** The ranking as a spreadsheet: one row per hospital, in rank order. */
function rankingCsv(figures: ProvinceFigures, locale: Locale): string {
  const yes = locale === 'en' ? 'yes' : '是';
  const no = locale === 'en' ? 'no' : '否';
  return excelCsv([
    messages(locale).provinceCsvHeader,
    ...figures.byHospital.map((hospital) => [
      hospital.rank ?? '',
      hospital.id,
      hospital.name,
      hospital.region,
      hospital.level,
      hospital.orders,
      hospital.eligible,
      hospital.accepted,
      hospital.rate === null ? '' : Number((hospital.rate * 100).toFixed(1)),
      hospital.overridden,
      hospital.noDecision,
      hospital.unexplained,
      hospital.yuanSaved,
      hospital.recognisedItems,
      hospital.recognisedItems >= figures.targets.city ? yes : no,
      hospital.recognisedItems >= figures.targets.province ? yes : no,
    ]),
  ]);
}

/** The province's quality figures across every hospital (issue 21 point 6), as JSON and as CSV. */
export const figuresApi = [
  apiRoute({
    method: 'get',
    path: '/api/platform/figures',
    summary:
      "The province's figures: every hospital's recognition rate (ranked), recognised items against 200/300, unexplained repeats, yuan saved; by item and by month",
    access: PLATFORM,
    query: provinceFiguresQuerySchema,
    answer: provinceFiguresSchema,
    answerDescription: 'the figures',
    localized: true,
    handle: figures,
  }),
  apiRoute({
    method: 'get',
    path: '/api/platform/figures.csv',
    summary: 'The hospital ranking of the province’s figures as CSV',
    access: PLATFORM,
    query: provinceFiguresQuerySchema,
    answer: 'csv',
    answerDescription: 'the ranking',
    localized: true,
    handle: async (call: FiguresCall) => {
      const answer = await figures(call);
      call.response
        .set(
          'content-disposition',
          `attachment; filename="huren-province-${answer.period.from}_${answer.period.to}.csv"`,
        )
        .type('text/csv; charset=utf-8')
        .send(rankingCsv(answer, call.locale));
    },
  }),
];
