import { Router } from 'express';
import { callerOf } from '../hooks/routes';
import { localeFrom } from '../i18n';
import type { Services } from '../services';
import { explainHandler, explainValidator } from './explain';

export function explainRoutes(services: Services): Router {
  const router = Router();
  router.post('/api/explain', async (request, response) => {
    response.json(await explainHandler(explainValidator(request.body), callerOf(response), localeFrom(request.get('accept-language')), services));
  });
  return router;
}
