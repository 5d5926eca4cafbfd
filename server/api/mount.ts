import express, { Router, type RequestHandler } from 'express';
import type { z } from 'zod';
import { principalIn, tokenActor } from '../access-log/actors';
import { promptReadsLogged } from '../access-log/prompt-reads';
import { requireRole } from '../auth/api-token';
import { apiInvalid } from '../errors/http-error';
import { localeOf } from '../i18n';
import type { Services } from '../services';
import type { AccessLogEndpoint } from '../contract/access-log';
import { BODY_LIMITS, jsonBody } from '../web/json-body';
import { uploadedText } from '../csv/uploaded-text';
import { isCsvBody, type ApiRoute } from './route';

/** `/api/prompts/{promptId}` as express writes it: `/api/prompts/:promptId`. */
export const expressPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** The path's parameter names, in order. */
export const pathParameters = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');

function validated(schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw apiInvalid(parsed.error);
  return parsed.data;
}

/** `?lang` belongs to the locale negotiation (server/i18n/negotiate.ts), not to a route's own query. */
function ownQuery(query: Record<string, unknown>): Record<string, unknown> {
  const { lang: _lang, ...rest } = query;
  return rest;
}

/**
 * Who is asking, checked from the headers before a byte of the body is read: an API token's role, or a
 * decision token of ours for this card (expired ones too, up to renewal's bound: the handler checks exactly).
 */
function accessCheck(services: Services, route: ApiRoute): RequestHandler | null {
  if (Array.isArray(route.access)) return requireRole(services, ...route.access);
  if (route.access !== 'decision-token') return null;
  return async (request, _response, next) => {
    await services.decisionTokens.verifyForRenewal(request.get('authorization'), String(request.params.promptId ?? ''));
    next();
  };
}

function bodyReader(route: ApiRoute): RequestHandler[] {
  if (!route.body) return [];
  const limit = BODY_LIMITS[route.bodyLimit ?? 'api'];
  if (!isCsvBody(route.body)) return [jsonBody(limit)];
  // CSV arrives as bytes and is decoded here: UTF-8, or GBK/GB18030 as Chinese Excel saves it.
  const raw = express.raw({ type: ['text/csv', 'text/plain'], limit });
  const decode: RequestHandler = (request, _response, next) => {
    if (Buffer.isBuffer(request.body)) request.body = uploadedText(request.body, request.get('content-type'));
    next();
  };
  return route.body.orJson ? [raw, decode, jsonBody(limit)] : [raw, decode];
}

/** The access-log entry of a read of one card's results: the card's own token, or the API token's holder. */
function cardReads(services: Services, route: ApiRoute): RequestHandler {
  const endpoint = `${route.method.toUpperCase()} ${expressPath(route.path)}` as AccessLogEndpoint;
  return promptReadsLogged(services, (request, response) => {
    if (route.access === 'decision-token') {
      return { kind: 'decision-token', actor: `card ${String(request.params.promptId)}`, name: null, endpoint };
    }
    const principal = principalIn(response);
    return principal ? tokenActor(principal, endpoint) : null;
  });
}

/** Every declared route as express routes: access, body, validation, the handler, and its answer. */
export function apiRouter(services: Services, routes: readonly ApiRoute[]): Router {
  const router = Router();
  for (const route of routes) {
    if (pathParameters(route.path).length > 0 && !route.params) {
      throw new Error(`${route.method.toUpperCase()} ${route.path}: a path with parameters declares their schema`);
    }
    const access = accessCheck(services, route);
    const handle: RequestHandler = async (request, response) => {
      const answer = await route.handle({
        params: validated(route.params, request.params),
        query: validated(route.query, ownQuery(request.query as Record<string, unknown>)),
        body: route.body && !isCsvBody(route.body) ? validated(route.body, request.body) : request.body,
        principal: principalIn(response),
        locale: localeOf(request),
        services,
        request,
        response,
      });
      if (route.answer !== 'csv') response.status(route.status ?? 200).json(answer);
    };
    router[route.method](
      expressPath(route.path),
      ...(access ? [access] : []),
      ...(route.readsCard ? [cardReads(services, route)] : []),
      ...bodyReader(route),
      handle,
    );
  }
  return router;
}
