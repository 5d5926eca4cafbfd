import autocannon from 'autocannon';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface LoadFigures {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly p99_9: number;
  readonly errors: number;
  readonly non2xx: number;
  /**
   * At a fixed rate, the load generator's own lateness, in ms: how long after its due time a call was
   * sent (p99.9 and max), and its event loop's longest stall. A tail this large is the generator's
   * (or the machine's), not the server's.
   */
  readonly generator?: { readonly sendLagP99_9: number; readonly sendLagMax: number; readonly loopDelayMax: number };
}

/**
 * Drives one endpoint with `connections` concurrent connections for `seconds`; each request takes
 * the next prepared body and authorization header, so every call is a different patient and token.
 */
export async function drive(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => { body: string; authorization?: string; headers?: Record<string, string> };
  onResponse?: (status: number, body: string, headers: Record<string, string | string[] | undefined>) => void;
}): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const { body, authorization, headers } = options.next();
          return {
            ...request,
            body,
            headers: { ...request.headers, ...headers, ...(authorization ? { authorization } : {}) },
          };
        },
        onResponse: (status, body, _context, headers) => options.onResponse?.(status, body, headers ?? {}),
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p99_9: result.latency.p99_9,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const percentile = (sorted: readonly number[], fraction: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] as number);

/**
 * Offers `rate` requests a second, evenly spaced, over at most `connections` keep-alive connections,
 * for `seconds`. Each latency counts from the moment the request was due, not from when a free
 * connection sent it, so a server falling behind shows in the tail (no coordinated omission).
 * autocannon's own rate limit releases each second's share in a burst; this does not.
 */
export async function driveAtRate(options: {
  url: string;
  connections: number;
  seconds: number;
  rate: number;
  next: () => { body: string; authorization?: string; headers?: Record<string, string> };
  onResponse?: (status: number, body: string, headers: Record<string, string | string[] | undefined>) => void;
}): Promise<LoadFigures> {
  const url = new URL(options.url);
  const pool = new Pool(url.origin, { connections: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const spacing = 1000 / options.rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const sendLags: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = started + index * spacing;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { body, authorization, headers } = options.next();
    sendLags.push(performance.now() - due);
    pending.push(
      pool
        .request({
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers, ...(authorization ? { authorization } : {}) },
          body,
        })
        .then(async (response) => {
          const text = await response.body.text();
          latencies.push(performance.now() - due);
          if (response.statusCode < 200 || response.statusCode > 299) non2xx += 1;
          options.onResponse?.(response.statusCode, text, response.headers);
        })
        .catch(() => {
          errors += 1;
        }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  loopDelay.disable();
  await pool.close();
  const sorted = latencies.sort((a, b) => a - b);
  const lags = sendLags.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    p99_9: percentile(sorted, 0.999),
    errors,
    non2xx,
    generator: {
      sendLagP99_9: percentile(lags, 0.999),
      sendLagMax: lags[lags.length - 1] ?? 0,
      loopDelayMax: loopDelay.max / 1e6,
    },
  };
}
