import autocannon from 'autocannon';

export interface LoadFigures {
  readonly requests: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly p99_9: number;
  readonly errors: number;
  readonly non2xx: number;
}

/**
 * Drives one endpoint with `connections` concurrent connections for `seconds`; each request takes
 * the next prepared body and authorization header, so every call is a different patient and token.
 * With `rate`, the connections together offer that many requests a second (a province's peak), not
 * as many as the server takes.
 */
export async function drive(options: {
  url: string;
  connections: number;
  seconds: number;
  rate?: number;
  next: () => { body: string; authorization?: string; headers?: Record<string, string> };
  onResponse?: (status: number, body: string, headers: Record<string, string | string[] | undefined>) => void;
}): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
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
