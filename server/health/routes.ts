import { Router } from 'express';
import type { Services } from '../services';

const READY_TIMEOUT_MS = 2_000;

/** Liveness (the process answers), readiness (the store answers), Prometheus metrics. */
export function healthRoutes(services: Services): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'live' });
  });
  router.get('/health/ready', async (_request, response) => {
    try {
      // A probe must answer quickly either way: a store that hangs is as unready as one that refuses.
      await Promise.race([
        services.db.raw('select 1'),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref()),
      ]);
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
