import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { HttpError } from '../errors/http-error';
import { outcome } from '../errors/operation-outcome';
import type { Services } from '../services';

/**
 * Security headers. The app needs inline styles (MUI/emotion) and talks to whichever EHR FHIR server
 * launched it; it may be framed by the EHRs the operator lists in APP_FRAME_ANCESTORS.
 */
export function securityHeaders(services: Services): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        // The app talks to whichever EHR FHIR server launched it; hospital intranets may be plain http.
        connectSrc: ["'self'", 'https:', 'http:'],
        frameAncestors: ["'self'", ...services.config.appFrameAncestors],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Not forced: an intranet deployment over http must keep working (helmet would add it).
        upgradeInsecureRequests: null,
      },
    },
    // Framing is governed by frame-ancestors above; the legacy header cannot list several origins.
    frameguard: false,
    // The SMART app opens the EHR's authorization page cross-origin.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/** 429 in the shape of the endpoint (OperationOutcome or the JSON error body), for every limit we keep. */
export function rateLimited(message: string): HttpError {
  return new HttpError(
    429,
    'rate-limited',
    message,
    null,
    outcome({ severity: 'error', code: 'throttled', diagnostics: message }),
  );
}

function throttled(): RequestHandler {
  return (_request, _response, next) =>
    next(rateLimited('too many requests from this client; retry after the time in the RateLimit headers'));
}

/**
 * One budget per client per minute: the verified CDS client (issuer) when there is one, the source
 * address otherwise. Over budget: 429 in the shape of the endpoint, rather than falling over.
 */
export function clientRateLimit(services: Services): RequestHandler {
  const perMinute = services.config.rateLimitPerMinute;
  if (perMinute === 0) return (_request, _response, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (request, response) => {
      const issuer = (response.locals.caller as { issuer?: string | null } | undefined)?.issuer;
      return issuer ? `client:${issuer}` : `ip:${ipKeyGenerator(request.ip ?? 'unknown')}`;
    },
    handler: throttled(),
  });
}
