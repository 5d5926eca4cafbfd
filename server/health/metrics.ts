import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, one registry per app so tests can run several apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    hookDuration: new Histogram({
      name: 'huren_hook_duration_seconds',
      help: 'Time to answer a CDS Hooks call',
      labelNames: ['service', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    cardsIssued: new Counter({
      name: 'huren_cards_issued_total',
      help: 'Cards answered to CDS clients',
      labelNames: ['service', 'indicator'] as const,
      registers: [registry],
    }),
    hookDegraded: new Counter({
      name: 'huren_hook_degraded_total',
      help: 'Hook calls answered without cards because the budget ran out or the store failed',
      labelNames: ['service', 'reason'] as const,
      registers: [registry],
    }),
    prefetchFallbacks: new Counter({
      name: 'huren_prefetch_fallback_total',
      help: "Resources fetched from the EHR's FHIR server because prefetch lacked them",
      labelNames: ['resource', 'outcome'] as const,
      registers: [registry],
    }),
    feedbackRecorded: new Counter({
      name: 'huren_feedback_total',
      help: 'Feedback entries recorded',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    cdsAuthRefused: new Counter({
      name: 'huren_cds_auth_refused_total',
      help: 'CDS client JWTs refused, by the check that failed',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    shed: new Counter({
      name: 'huren_requests_shed_total',
      help: 'Requests answered at once without work because too many were in flight',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'huren_refusals_total',
      help: 'Requests refused with a 4xx, by status (logged as one line per source a minute, not one per request)',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    resultsIngested: new Counter({
      name: 'huren_results_ingested_total',
      help: 'Reports stored or updated in the results index',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
