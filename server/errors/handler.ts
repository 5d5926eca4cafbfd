import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isStoreUnavailable } from '../store/availability';
import { HttpError } from './http-error';
import { badRequest, outcome } from './operation-outcome';

interface HttpishError {
  readonly status?: number;
  readonly statusCode?: number;
  readonly type?: string;
}

/** body-parser's errors (bad JSON, too large, bad charset) are the client's, not ours. */
function clientError(error: unknown): { status: number; message: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const status = (error as HttpishError).status ?? (error as HttpishError).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const messages: Record<string, string> = {
    'entity.parse.failed': 'the body is not valid JSON',
    'entity.too.large': 'the body is larger than allowed',
    'entity.too.deep': 'the body nests deeper than allowed',
    'encoding.unsupported': 'unsupported content encoding',
    'charset.unsupported': 'the body is not valid UTF-8',
    'request.aborted': 'the request was aborted',
  };
  const type = (error as HttpishError).type ?? '';
  return { status, message: messages[type] ?? 'bad request' };
}

/**
 * How a mount renders its errors: `api` as the JSON error body (`/api`), `fhir` as an OperationOutcome
 * (FHIR and CDS Hooks endpoints). The app mounts one handler per surface, so the route's mount decides,
 * never the URL's text or the status.
 */
export type ErrorSurface = 'api' | 'fhir';

/**
 * The one place errors become responses on a surface, and a generic 500 for anything we did not expect
 * (logged, never sent to the client).
 */
export function errorHandler(surface: ErrorSurface, logger: Logger): ErrorRequestHandler {
  const api = surface === 'api';
  return (error, request, response, _next) => {
    if (response.headersSent) {
      request.socket.destroy();
      return;
    }
    if (error instanceof HttpError) {
      if (api) response.status(error.status).json(error.body());
      else response.status(error.status).type('application/fhir+json').json(error.outcome);
      return;
    }
    const client = clientError(error);
    if (client) {
      if (api) response.status(client.status).json(new HttpError(client.status, 'invalid', client.message).body());
      else response.status(client.status).type('application/fhir+json').json(badRequest(client.message).outcome);
      return;
    }
    if (isStoreUnavailable(error)) {
      logger.error({ err: error, path: `${request.baseUrl}${request.path}` }, 'store unavailable');
      const message = 'the store is briefly unavailable; nothing was written, try again';
      response.status(503).set('retry-after', '5');
      if (api) response.json(new HttpError(503, 'unavailable', message).body());
      else
        response
          .type('application/fhir+json')
          .json(outcome({ severity: 'error', code: 'transient', diagnostics: message }));
      return;
    }
    logger.error({ err: error, path: `${request.baseUrl}${request.path}` }, 'unhandled error');
    if (api) {
      response.status(500).json(new HttpError(500, 'internal', 'internal error').body());
    } else {
      response
        .status(500)
        .type('application/fhir+json')
        .json(outcome({ severity: 'fatal', code: 'exception', diagnostics: 'internal error' }));
    }
  };
}

export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(new HttpError(404, 'not-found', `no route ${request.method} ${request.path}`));
};
