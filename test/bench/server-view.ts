/**
 * A phase as the server saw it, from its own Prometheus metrics (read on the loopback, which needs no
 * token): its event loop's delay, its garbage collector's pauses, and how many hook calls it timed
 * over 25 ms from its handler's start. With the client's latencies beside them they tell where a tail
 * forms: inside the handler, in a stalled event loop, or before the process ran at all. Under WORKERS
 * the scrape reaches one process, so the figures are that process's.
 */
export interface ServerView {
  /** prom-client resets its event loop histogram at each scrape: these cover the phase alone. */
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  readonly gcPausesOver10Ms: number;
  readonly gcMs: number;
  readonly hookCalls: number;
  readonly hookCallsOver25Ms: number;
}

type Scrape = Map<string, number>;

/** Sums of each metric line's value by name and the labels kept (kind, le); other labels are summed over. */
function parse(text: string): Scrape {
  const sums: Scrape = new Map();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? ([0-9.eE+-]+|NaN)$/.exec(line);
    if (!match) continue;
    const [, name, labels = '', value] = match;
    const kept = [...labels.matchAll(/(kind|le)="([^"]*)"/g)]
      .map(([, key, label]) => `${key}=${label}`)
      .sort()
      .join(',');
    const key = `${name}{${kept}}`;
    sums.set(key, (sums.get(key) ?? 0) + Number(value));
  }
  return sums;
}

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return parse(await response.text());
}

export function serverViewBetween(before: Scrape, after: Scrape): ServerView {
  const grew = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
  const kinds = ['major', 'minor', 'incremental', 'weakcb'];
  const hookCalls = grew('huren_hook_duration_seconds_count{}');
  return {
    loopDelayP99Ms: (after.get('nodejs_eventloop_lag_p99_seconds{}') ?? 0) * 1000,
    loopDelayMaxMs: (after.get('nodejs_eventloop_lag_max_seconds{}') ?? 0) * 1000,
    gcPausesOver10Ms: kinds.reduce(
      (sum, kind) =>
        sum +
        grew(`nodejs_gc_duration_seconds_count{kind=${kind}}`) -
        grew(`nodejs_gc_duration_seconds_bucket{kind=${kind},le=0.01}`),
      0,
    ),
    gcMs: kinds.reduce((sum, kind) => sum + grew(`nodejs_gc_duration_seconds_sum{kind=${kind}}`), 0) * 1000,
    hookCalls,
    hookCallsOver25Ms: hookCalls - grew('huren_hook_duration_seconds_bucket{le=0.025}'),
  };
}
