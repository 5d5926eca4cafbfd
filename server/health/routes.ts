import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { Services } from '../services';
import type { Preparation } from '../start/prepare';
import { ping } from '../store/database';

const READY_TIMEOUT_MS = 2_000;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** Liveness (the process answers), readiness (the store answers; migrations and demo data as prepared), Prometheus metrics. */
export function healthRoutes(services: Services, preparation: Preparation | null): Router {
  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'live' });
  });
  router.get('/health/ready', async (_request, response) => {
    try {
      // A probe must answer quickly either way: a store that hangs is as unready as one that refuses.
      await Promise.race([
        ping(services.db),
        new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref()),
      ]);
      // The server listens only once the store is prepared: this says what that found or did.
      response.json({ status: 'ready', ...(preparation ?? {}) });
    } catch {
      response.status(503).json({ status: 'unavailable', reason: 'the store does not answer' });
    }
  });
  // Metrics describe traffic and load: with METRICS_TOKEN they need it, without one only the host itself
  // (a scraper on the same machine or through the loopback) may read them.
  router.get('/metrics', (request, response, next) => {
    const token = services.config.metricsToken;
    // The caller's address as TRUST_PROXY says (request.ip): behind a proxy on this host, not the proxy's loopback.
    const allowed = token ? sameSecret(request.get('authorization') ?? '', `Bearer ${token}`) : isLoopback(request.ip);
    if (allowed) next();
    else response.status(401).set('WWW-Authenticate', 'Bearer').end();
  });
  router.get('/metrics', async (_request, response) => {
    response.type(services.metrics.registry.contentType).send(await services.metrics.registry.metrics());
  });
  return router;
}
