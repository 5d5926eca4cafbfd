import { apiRoute } from '../api/route';
import { accessLogPageSchema, accessLogQuerySchema, type AccessLogPage } from '../contract/access-log';
import { HttpError } from '../errors/http-error';
import { patientKey } from '../fhir/patient-key';
import { countAccess, listAccess } from '../store/access-log';

/**
 * GET /api/access-log: who read which patient's results, when, where and how many. A hospital's
 * quality and administrator tokens read their own hospital's entries; the platform reads all.
 */
export const accessLogApi = [
  apiRoute({
    method: 'get',
    path: '/api/access-log',
    summary:
      "Who read which patient's results, when, through which endpoint and how many (quality and admin: their hospital's; platform: every hospital's)",
    access: ['quality', 'admin', 'platform'],
    query: accessLogQuerySchema,
    answer: accessLogPageSchema,
    answerDescription: 'a page of the log, newest first',
    handle: async ({ query, principal, services }): Promise<AccessLogPage> => {
      if (
        principal.role !== 'platform' &&
        query.hospitalId !== undefined &&
        query.hospitalId !== principal.hospitalId
      ) {
        throw new HttpError(
          403,
          'forbidden',
          "a hospital's token reads its own hospital's access log only",
          'hospitalId',
        );
      }
      const hospitalId = principal.role === 'platform' ? query.hospitalId : (principal.hospitalId ?? undefined);
      if (principal.role !== 'platform' && hospitalId === undefined)
        throw new HttpError(403, 'forbidden', 'this token is not bound to a hospital');
      const key = query.nationalId ? patientKey(services.config.patientKeySecret, query.nationalId) : query.patientKey;
      const filters = {
        ...(hospitalId !== undefined ? { hospitalId } : {}),
        ...(key !== undefined ? { patientKey: key } : {}),
        ...(query.endpoint !== undefined ? { endpoint: query.endpoint } : {}),
        ...(query.from !== undefined ? { from: new Date(query.from).toISOString() } : {}),
        ...(query.to !== undefined ? { to: new Date(query.to).toISOString() } : {}),
      };
      const entries = await listAccess(services.reader, {
        ...filters,
        ...(query.before !== undefined ? { before: query.before } : {}),
        limit: query.limit,
      });
      // Counted once, with the first page: the later pages of the same filters keep it.
      const total = query.before === undefined ? await countAccess(services.reader, filters) : null;
      const { institutions } = await services.reference.current();
      return {
        entries: entries.map((entry) => ({
          ...entry,
          hospitalName: entry.hospitalId ? (institutions.get(entry.hospitalId)?.name ?? null) : null,
        })),
        next: entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null,
        total,
      };
    },
  }),
];
