import type { RequestHandler, Response } from 'express';
import { HttpError } from '../errors/http-error';
import { outcome } from '../errors/operation-outcome';
import type { Services } from '../services';

/** When the request arrived (before its body was read or its token verified): budgets count from here. */
export function arrivalOf(response: Response): number {
  return (response.locals.arrivedAt as number | undefined) ?? Date.now();
}

/** A hook call shed under overload answers this way: fewer cards, never an error page. */
export const SHED_HOOK_ANSWER = { cards: [] } as const;

/**
 * Stamps each request's arrival, and sheds load early: with more requests in flight than the server
 * can serve in time, a hook call gets `{cards: []}` (x-huren-degraded: overload) at once and anything
 * else a 503 with Retry-After, before any body is read, any token verified or any query run.
 * Health probes are never shed.
 */
export function arrivalAndShedding(services: Services): RequestHandler {
  let inFlight = 0;
  const limit = services.config.maxInFlight;
  return (request, response, next) => {
    response.locals.arrivedAt = Date.now();
    if (request.path.startsWith('/health/')) {
      next();
      return;
    }
    if (limit > 0 && inFlight >= limit) {
      services.metrics.shed.inc({ kind: request.path.startsWith('/cds-services/') ? 'hook' : 'other' });
      if (request.method === 'POST' && /^\/cds-services\/[^/]+$/.test(request.path)) {
        // Nothing of the request is read: the connection closes instead of draining an unread body.
        response.set({ 'x-huren-degraded': 'overload', connection: 'close' }).json(SHED_HOOK_ANSWER);
        return;
      }
      const message = 'the server is busy; retry shortly';
      response.set({ 'retry-after': '1', connection: 'close' });
      next(
        new HttpError(
          503,
          'overloaded',
          message,
          null,
          outcome({ severity: 'error', code: 'transient', diagnostics: message }),
        ),
      );
      return;
    }
    inFlight++;
    response.once('close', () => inFlight--);
    next();
  };
}
