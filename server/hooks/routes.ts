import cors from 'cors';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { hookActor } from '../access-log/actors';
import { cdsClientAuthentication } from '../auth/cds-client';
import { BODY_LIMITS, jsonBody } from '../web/json-body';
import { arrivalOf } from '../web/load';
import { ownOriginOf, pageMayCall } from '../web/page-origin';
import { clientRateLimit } from '../web/security';
import { feedbackHandler, feedbackValidator } from '../decisions/feedback';
import { forbidden, notFound } from '../errors/operation-outcome';
import { localeOf, messages } from '../i18n';
import type { Services } from '../services';
import type { Caller } from '../auth/caller';
import { serviceById, serviceDefinitions, validHookRequest, type CdsService } from './cds-services';
import { withinBudget } from '../pipeline/budget';
import type { HookResponse } from '../contract/cds-hooks';

function serviceOf(raw: string | string[] | undefined): CdsService {
  const id = typeof raw === 'string' ? raw : '';
  const service = serviceById(id);
  if (service) return service;
  throw notFound(`no CDS service "${id.slice(0, 100)}"`, 'id');
}

/** The verified CDS client (set by the authentication middleware), or nobody when CDS_AUTH is off. */
export function callerOf(response: Response): Caller {
  const caller = response.locals.caller as Caller | undefined;
  return caller ?? { issuer: null, hospitalId: null };
}

/** The whole CDS Hooks surface: discovery, service calls, feedback. */
export function hookRoutes(services: Services): Router {
  const router = Router();
  // https://cds-hooks.hl7.org/2.0/#cross-origin-resource-sharing — only the origins the operator lists
  // (CDS_CORS_ORIGINS) or some registered client lists: a preflight names no client yet. Each call is
  // then checked against its own client's origins. EHRs calling server to server send no Origin.
  const operatorOrigins = new Set(services.config.cdsCorsOrigins);
  const corsHeaders = cors({
    origin: (origin, callback) => {
      if (!origin || operatorOrigins.has(origin)) return callback(null, origin !== undefined);
      services.clients.corsOrigins().then(
        (origins) => callback(null, origins.has(origin)),
        (error: unknown) => callback(error as Error),
      );
    },
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  router.use('/cds-services', (request, response, next) =>
    request.headers.origin === undefined ? next() : corsHeaders(request, response, next),
  );

  // `aud` is the endpoint called; feedback also accepts the service's own URL, which clients commonly use.
  const authenticate = cdsClientAuthentication(services, (serviceId, path) => {
    const service = `${services.config.publicUrl}/cds-services/${serviceId}`;
    return path.endsWith('/feedback') ? [`${service}/feedback`, service] : [service];
  });

  const limit = clientRateLimit(services);
  // A browser page another client registered cannot borrow this client's token (server/web/page-origin.ts).
  const ownOrigin = ownOriginOf(services.config.publicUrl);
  const fromOwnPage: RequestHandler = (request, response, next) => {
    const origin = request.get('origin');
    const caller = callerOf(response);
    // The operator's origins (CDS_CORS_ORIGINS) stand for every client; without authentication there is no client.
    if (caller.issuer === null || (origin !== undefined && operatorOrigins.has(origin))) return next();
    if (pageMayCall(origin, ownOrigin, caller.corsOrigins)) return next();
    throw forbidden(`origin ${String(origin).slice(0, 100)} is not registered for this CDS client`);
  };

  // https://cds-hooks.hl7.org/2.0/#discovery
  router.get('/cds-services', (request: Request, response: Response) => {
    response.json({ services: serviceDefinitions(messages(localeOf(request))) });
  });

  // https://cds-hooks.hl7.org/2.0/#calling-a-cds-service
  router.post(
    '/cds-services/:id',
    authenticate,
    fromOwnPage,
    limit,
    jsonBody(BODY_LIMITS.hook),
    async (request: Request, response: Response) => {
      // The budget counts from the request's arrival: time spent reading it or verifying its token counts.
      const startedAt = arrivalOf(response);
      const service = serviceOf(request.params.id);
      const serviceId = service.id;
      const end = services.metrics.hookDuration.startTimer({ service: serviceId });
      try {
        const hookRequest = validHookRequest(service, request.body);
        const locale = localeOf(request);
        const verified = callerOf(response);
        const caller = {
          ...verified,
          access: hookActor(verified.issuer, `POST /cds-services/${serviceId}`),
          readsAsUser: true,
        };
        const answer = await withinBudget(
          Math.max(0, services.config.hookBudgetMs - (Date.now() - startedAt)),
          (signal) => service.handle({ serviceId, input: hookRequest, caller, locale, services, startedAt, signal }),
          (reason, error): HookResponse => {
            // Fewer cards, never an error page: the doctor orders as if Huren were not there.
            services.metrics.hookDegraded.inc({ service: serviceId, reason });
            if (reason === 'failure') request.log.error({ err: error }, 'hook degraded to no cards');
            else
              request.log.warn(
                { budgetMs: services.config.hookBudgetMs },
                'hook budget exceeded; answered without cards',
              );
            response.set('x-huren-degraded', reason);
            return { cards: [] };
          },
        );
        for (const card of answer.cards)
          services.metrics.cardsIssued.inc({ service: serviceId, indicator: card.indicator });
        end({ status: '200' });
        response.json(answer);
      } catch (error) {
        end({ status: 'error' });
        throw error;
      }
    },
  );

  // https://cds-hooks.hl7.org/2.0/#feedback
  router.post(
    '/cds-services/:id/feedback',
    authenticate,
    fromOwnPage,
    limit,
    jsonBody(BODY_LIMITS.feedback),
    async (request: Request, response: Response) => {
      const serviceId = serviceOf(request.params.id).id;
      response.json(await feedbackHandler(serviceId, feedbackValidator(request.body), callerOf(response), services));
    },
  );
  return router;
}
