import { Router } from 'express';
import { principalOf, requireRole } from '../auth/api-token';
import { HttpError, apiInvalid } from '../errors/http-error';
import { patientKey } from '../fhir/patient-key';
import type { Services } from '../services';
import { listAccess } from '../store/access-log';
import { accessLogQuerySchema, type AccessLogPage } from '../contract/access-log';

/**
 * GET /api/access-log: who read which patient's results, when, where and how many. A hospital's
 * quality and administrator tokens read their own hospital's entries; the platform reads all.
 */
export function accessLogRoutes(services: Services): Router {
  const router = Router();
  router.get('/api/access-log', requireRole(services, 'quality', 'admin', 'platform'), async (request, response) => {
    const parsed = accessLogQuerySchema.safeParse(request.query);
    if (!parsed.success) throw apiInvalid(parsed.error);
    const query = parsed.data;
    const principal = principalOf(response);
    if (principal.role !== 'platform' && query.hospitalId !== undefined && query.hospitalId !== principal.hospitalId) {
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
    const entries = await listAccess(services.reader, {
      ...(hospitalId !== undefined ? { hospitalId } : {}),
      ...(key !== undefined ? { patientKey: key } : {}),
      ...(query.endpoint !== undefined ? { endpoint: query.endpoint } : {}),
      ...(query.from !== undefined ? { from: new Date(query.from).toISOString() } : {}),
      ...(query.to !== undefined ? { to: new Date(query.to).toISOString() } : {}),
      ...(query.before !== undefined ? { before: query.before } : {}),
      limit: query.limit,
    });
    const page: AccessLogPage = { entries, next: entries.length === query.limit ? (entries.at(-1)?.id ?? null) : null };
    response.json(page);
  });
  return router;
}
