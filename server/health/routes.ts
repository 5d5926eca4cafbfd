import { Router } from 'express';
import type { Services } from '../services';

/** Liveness (the process answers), readiness (the store answers), Prometheus metrics. */
export function healthRoutes(services: Services): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'live' });
  });
  router.get('/health/ready', async (_request, response) => {
    try {
      await services.db.raw('select 1');
      response.json({ status: 'ready' });
    } catch {
      response.status(503).json({ status: 'unavailable', reason: 'the store does not answer' });
    }
  });
  router.get('/metrics', async (_request, response) => {
    response.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
  return router;
}
