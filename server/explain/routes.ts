import { Router } from 'express';
import { tokenActor } from '../access-log/actors';
import { hospitalOf, principalOf, requireRole } from '../auth/api-token';
import { localeFrom } from '../i18n';
import type { Services } from '../services';
import { explainHandler, explainValidator } from './explain';

export function explainRoutes(services: Services): Router {
  const router = Router();
  // The hospital's own administrators and quality staff ask, for their hospital's own patients; each
  // look-up is in the access log.
  router.post('/api/explain', requireRole(services, 'admin', 'quality'), async (request, response) => {
    const principal = principalOf(response);
    const caller = {
      issuer: null,
      hospitalId: hospitalOf(principal),
      access: tokenActor(principal, 'POST /api/explain'),
      ownPatientsOnly: true,
    };
    response.json(
      await explainHandler(
        explainValidator(request.body),
        caller,
        localeFrom(request.get('accept-language')),
        services,
      ),
    );
  });
  return router;
}
