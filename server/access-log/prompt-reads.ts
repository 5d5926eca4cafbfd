import type { Request, RequestHandler, Response } from 'express';
import type { Services } from '../services';
import { findPrompt } from '../store/prompts';
import type { AccessActor } from './recorder';

/**
 * Logs a read of the results behind one card (`:promptId`) once the route answered 200, without
 * touching the route: the card names the patient and the hospital. Registered in front of the route.
 */
export function promptReadsLogged(
  services: Services,
  actorOf: (request: Request, response: Response) => AccessActor | null,
): RequestHandler {
  return (request, response, next) => {
    const promptId = String(request.params.promptId ?? '');
    response.once('finish', () => {
      const actor = response.statusCode === 200 ? actorOf(request, response) : null;
      if (!actor) return;
      findPrompt(services.reader, promptId)
        .then((prompt) => {
          if (prompt)
            services.accessLog.note(actor, {
              hospitalId: prompt.hospitalId,
              patientKey: prompt.patientKey,
              results: prompt.candidates.length,
            });
        })
        .catch((error: unknown) => services.logger.error({ err: error }, 'access to a card’s results not logged'));
    });
    next();
  };
}
