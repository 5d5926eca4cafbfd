import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { rateLimited } from './security';

/**
 * Refused credentials, unknown paths and methods, bodies that are not what the route reads (400),
 * oversized bodies and headers.
 */
const PROBE_FAILURES = new Set([400, 401, 403, 404, 405, 413, 431]);
const WINDOW_MS = 60_000;

interface Window {
  failures: number;
  readonly endsAt: number;
}

/**
 * Before anything else: a source whose requests keep failing (bad or missing tokens, unknown paths,
 * probes, malformed or oversized bodies) is answered 429 at once after `perMinute` (UNAUTHENTICATED_PER_MINUTE) failures in a
 * one-minute window, so a flood costs a counter lookup, not a signature check, a body read or a
 * query. Only failures are counted, when the answer is known: a successful call costs one map lookup
 * and a listener, and only failing sources are held in memory (forgotten when their window ends).
 * A request whose connection closes before its answer counts as a failure.
 */
export function failureBudget(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_request, _response, next) => next();
  const windows = new Map<string, Window>();
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [source, window] of windows) if (window.endsAt <= now) windows.delete(source);
  }, WINDOW_MS);
  sweep.unref();
  return (request, response, next) => {
    // IPv6 sources are counted by their /56, as express-rate-limit does: one host holds many addresses.
    const source = ipKeyGenerator(request.ip ?? 'unknown');
    const now = Date.now();
    const window = windows.get(source);
    if (window && window.endsAt > now && window.failures >= perMinute) {
      const message = 'too many failed requests from this address; retry after the time in Retry-After';
      response.set('retry-after', String(Math.ceil((window.endsAt - now) / 1000)));
      next(rateLimited(message));
      return;
    }
    response.once('close', () => {
      if (response.writableFinished && !PROBE_FAILURES.has(response.statusCode)) return;
      const at = Date.now();
      const current = windows.get(source);
      if (current && current.endsAt > at) current.failures += 1;
      else windows.set(source, { failures: 1, endsAt: at + WINDOW_MS });
    });
    next();
  };
}
