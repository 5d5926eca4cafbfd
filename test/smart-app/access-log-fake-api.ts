import { http, HttpResponse, type RequestHandler } from 'msw';
import { accessLogPageSchema, accessLogQuerySchema, type AccessEntryView } from '../../server/contract/access-log';
import { HttpError } from '../../server/errors/http-error';

/**
 * GET /api/access-log as a console sees it over HTTP, for 山城医科大学附属第一医院: the contract's
 * schemas check every query (a refused one answers 400 as the server would) and every answer, and each
 * request is remembered for the tests to read.
 */

export const ORIGIN = window.location.origin;
export const QUALITY_TOKEN = 'hrn_quality-token-h-cq-001';
/** The hospital administrator's token: the API lets it read the log too. */
export const ADMIN_TOKEN = 'hrn_admin-token-h-cq-001';

const HOSPITAL = 'H-CQ-001';
export const KEY_ZHANG = 'a1b2c3d4e5'.padEnd(64, '0');
export const KEY_WANG = 'f9e8d7c6b5'.padEnd(64, '1');

/** `count` reads, one a minute on 10 March 2026 from 02:00 UTC, the highest id the newest. */
export function reads(count: number): AccessEntryView[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    at: new Date(Date.UTC(2026, 2, 10, 2, index)).toISOString(),
    hospitalId: HOSPITAL,
    hospitalName: '山城医科大学附属第一医院',
    actorKind: index % 2 === 0 ? 'cds-client' : 'api-token',
    actor: index % 2 === 0 ? 'https://ehr.shancheng.example' : 'tok-quality-1',
    actorName: index % 2 === 0 ? '李明（Practitioner/dr-li）' : '质控科 王敏',
    patientKey: index % 3 === 0 ? KEY_WANG : KEY_ZHANG,
    endpoint: index % 2 === 0 ? 'POST /cds-services/recognition-order-select' : 'POST /api/explain',
    refused: false,
    results: (index % 4) + 1,
  }));
}

export class FakeAccessLogApi {
  readonly queries: URLSearchParams[] = [];
  /** The server fails (a bug of ours) until this is set back. */
  failing = false;

  constructor(private readonly entries: readonly AccessEntryView[] = reads(3)) {}

  last(): URLSearchParams {
    const query = this.queries.at(-1);
    if (!query) throw new Error('no request to /api/access-log');
    return query;
  }

  handlers(): RequestHandler[] {
    const refuse = (error: HttpError) => HttpResponse.json(error.body(), { status: error.status });
    return [
      // Whom the token speaks for: the console names the hospital in its header.
      http.get(`${ORIGIN}/api/session`, () =>
        HttpResponse.json({
          role: 'quality',
          name: 'test',
          hospital: { id: 'H-CQ-001', name: '山城医科大学附属第一医院' },
        }),
      ),
      http.get(`${ORIGIN}/api/access-log`, ({ request }) => {
        const url = new URL(request.url);
        this.queries.push(url.searchParams);
        const authorization = request.headers.get('authorization');
        if (authorization !== `Bearer ${QUALITY_TOKEN}` && authorization !== `Bearer ${ADMIN_TOKEN}`)
          return refuse(new HttpError(401, 'unauthenticated', 'this API token is not valid or was revoked'));
        if (this.failing)
          return HttpResponse.json(
            { error: { code: 'internal', message: 'something broke', field: null } },
            { status: 500 },
          );
        const parsed = accessLogQuerySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) return refuse(new HttpError(400, 'invalid', parsed.error.message));
        const query = parsed.data;
        const matching = [...this.entries]
          .sort((a, b) => b.id - a.id)
          .filter(
            (entry) =>
              (query.endpoint === undefined || entry.endpoint === query.endpoint) &&
              (query.patientKey === undefined || entry.patientKey === query.patientKey),
          );
        const selected = matching
          .filter((entry) => query.before === undefined || entry.id < query.before)
          .slice(0, query.limit);
        return HttpResponse.json(
          accessLogPageSchema.parse({
            entries: selected,
            next: selected.length === query.limit ? (selected.at(-1)?.id ?? null) : null,
            total: query.before === undefined ? matching.length : null,
          }),
        );
      }),
    ];
  }
}
