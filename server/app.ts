import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { ClientRegistry } from './auth/client-registry';
import { DecisionTokens } from './auth/decision-token';
import { UnmappedCodeRecorder } from './admin/unmapped-recorder';
import { ReplayGuard, type TokenIdGuard } from './auth/replay-guard';
import type { RegistryChange } from './cluster/messages';
import type { Config } from './config';
import { GroupCommit } from './ingest/group-commit';
import { AccessLog } from './access-log/recorder';
import { apiRouter } from './api/mount';
import { API_ROUTES } from './api/routes';
import { errorHandler, notFoundHandler } from './errors/handler';
import { createMetrics } from './health/metrics';
import { healthRoutes } from './health/routes';
import { resolveWithDns, type ResolveHost } from './fhir/ehr-address';
import { hisRoutes } from './his/routes';
import { HisTokens } from './his/tokens';
import { hookRoutes } from './hooks/routes';
import { ingestRoutes } from './ingest/routes';
import { sourceRoutes } from './ingest/source-routes';
import type { Services } from './services';
import type { Preparation } from './start/prepare';
import type { Development } from './demo/development';
import type { Database } from './store/database';
import { REFERENCE_REFRESH_MS, ReferenceCache } from './store/reference';
import { startPage } from './start-page';
import { webRoutes } from './web/routes';
import { BODY_LIMITS, jsonBody } from './web/json-body';
import { arrivalAndShedding } from './web/load';
import { failureBudget } from './web/failure-budget';
import { RefusalLog } from './web/refusal-log';
import { ipKeyGenerator } from 'express-rate-limit';
import { clientRateLimit, securityHeaders } from './web/security';

export interface AppOptions {
  readonly config: Config;
  readonly db: Database;
  /** The read pool for hot paths; the writer itself when not given. */
  readonly reader?: Database;
  /** Where token ids go (`Store.volatile`); the writer itself when not given. */
  readonly volatile?: Database;
  readonly logger: Logger;
  readonly clock?: () => Date;
  readonly resolveHost?: ResolveHost;
  /** The demo's routes and data (server/start/development.ts): outside production only, never loaded in it. */
  readonly development?: Development | null;
  /** What was done to the store before listening; /health/ready reports it. */
  readonly preparation?: Preparation;
  /** In a cluster: the token-id guard the processes share, and how to tell siblings the registry changed. */
  readonly cluster?: { readonly replayGuard?: TokenIdGuard; announce(change: RegistryChange): void };
}

/** Builds the express app; `main.ts` listens. Tests use the app over a real port or supertest. */
export function createApp(options: AppOptions): { app: Express; services: Services } {
  const clock = options.clock ?? (() => new Date());
  const services: Services = {
    config: options.config,
    db: options.db,
    reader: options.reader ?? options.db,
    logger: options.logger,
    clock,
    metrics: createMetrics(),
    reference: new ReferenceCache(options.reader ?? options.db, REFERENCE_REFRESH_MS, clock, () =>
      options.cluster?.announce('reference'),
    ),
    clients: new ClientRegistry(options.reader ?? options.db, REFERENCE_REFRESH_MS, () =>
      options.cluster?.announce('clients'),
    ),
    replayGuard:
      options.cluster?.replayGuard ??
      new ReplayGuard(options.volatile ?? options.db, options.config.store.client === 'pg', clock, (error) =>
        options.logger.warn({ err: error }, 'token ids not stored yet; kept in memory, will retry'),
      ),
    unmappedCodes: new UnmappedCodeRecorder(options.db, clock, (error) =>
      options.logger.warn({ err: error }, 'unmapped order codes not recorded; will retry'),
    ),
    resolveHost: options.resolveHost ?? resolveWithDns,
    refusals: new RefusalLog(options.logger),
    receipts: new GroupCommit(options.db, clock),
    accessLog: new AccessLog(options.db, clock, (error) =>
      options.logger.warn({ err: error }, 'access log entries not stored yet; kept in memory, will retry'),
    ),
    decisionTokens: new DecisionTokens(
      options.config.appTokenSecret,
      options.config.publicUrl,
      options.config.appTokenTtlMinutes,
      clock,
    ),
    hisTokens: new HisTokens(options.config.appTokenSecret, options.config.publicUrl, clock),
  };
  const app = express();
  app.disable('x-powered-by');
  // Hook answers are never the same twice; hashing every body for an ETag only costs CPU.
  app.set('etag', false);
  // X-Forwarded-For is believed only from the proxies the operator names (TRUST_PROXY).
  app.set('trust proxy', options.config.trustProxy);
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (request, response) => {
        const id = crypto.randomUUID();
        response.setHeader('x-request-id', id);
        return id;
      },
      // Request and response bodies and headers are never logged: they carry tokens and identifiers.
      // Ours read the raw request and response: the standard serializers (every header copied) would only be thrown away.
      wrapSerializers: false,
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
      // Hook calls and HIS checks come by the thousand a minute: their successes are for debugging and
      // for the metrics. Failures are always logged; refusals (4xx) as one line per source a minute.
      customLogLevel: (request, response, error) => {
        if (error || response.statusCode >= 500) return 'error';
        if (response.statusCode >= 400) {
          services.metrics.refusals.inc({ status: String(response.statusCode) });
          services.refusals.note(ipKeyGenerator(request.ip ?? 'unknown'), response.statusCode, request.path);
          return 'silent';
        }
        return /^\/(cds-services|his\/v1)\//.test(request.url ?? '') ? 'debug' : 'info';
      },
    }),
  );
  // First, before any work: the arrival time (budgets count from it), shedding under overload, and
  // the failure budget of each source.
  app.use(arrivalAndShedding(services));
  app.use(failureBudget(options.config.unauthenticatedPerMinute));
  // The full set of security headers where a browser renders pages (the app, the consoles, the demo,
  // the start page); JSON and FHIR endpoints need only nosniff, and answer thousands of calls a minute.
  const pageHeaders = securityHeaders(services);
  app.use((request, response, next) => {
    if (/^\/(cds-services|fhir|ingest|his\/v1|api|health|metrics)(\/|$)/.test(request.path)) {
      response.setHeader('x-content-type-options', 'nosniff');
      next();
    } else if (request.path === '/app/his') {
      // The HIS decision page answers the HIS window that opened it (window.opener), from another origin.
      pageHeaders(request, response, (error?: unknown) => {
        response.setHeader('cross-origin-opener-policy', 'unsafe-none');
        next(error);
      });
    } else {
      pageHeaders(request, response, next);
    }
  });
  // The hot path first: hook calls meet no other router on their way. They read their bodies after
  // authentication, and are limited per verified client, inside their router.
  app.use(hookRoutes(services));
  // No body is read before routing, nor before the caller is known: each route reads its own, with its own limit.
  if (options.development) app.use('/demo', jsonBody(BODY_LIMITS.api));
  app.use(healthRoutes(services, options.preparation ?? null));
  // The API is limited per client here. Bulk ingest (POST /fhir) is not: hospitals send results in
  // bursts the index must take.
  app.use('/api', clientRateLimit(services));
  app.use(ingestRoutes(services));
  app.use(sourceRoutes(services));
  app.use(hisRoutes(services));
  // Every /api route, from its declaration (server/api/routes.ts).
  app.use(apiRouter(services, API_ROUTES));
  app.get('/', startPage(services));
  app.use(webRoutes(services));
  if (options.development) app.use(options.development.routes(services));
  app.use(notFoundHandler);
  app.use('/api', errorHandler('api', options.logger));
  app.use('/ingest', errorHandler('api', options.logger));
  app.use('/his', errorHandler('api', options.logger));
  app.use(errorHandler('fhir', options.logger));
  return { app, services };
}
