import { Router } from 'express';
import { hospitalOf, principalOf, requireRole } from '../auth/api-token';
import { localeFrom } from '../i18n';
import type { Services } from '../services';
import { explainHandler, explainValidator } from './explain';

export function explainRoutes(services: Services): Router {
  const router = Router();
  // The hospital's own administrators and quality staff ask, for their hospital.
  router.post('/api/explain', requireRole(services, 'admin', 'quality'), async (request, response) => {
    const caller = { issuer: null, hospitalId: hospitalOf(principalOf(response)) };
    response.json(await explainHandler(explainValidator(request.body), caller, localeFrom(request.get('accept-language')), services));
  });
  return router;
}
