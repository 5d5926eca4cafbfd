import { Router, type Request } from 'express';
import { localeFrom, messages } from '../i18n';
import type { Services } from '../services';
import { loadPromptContext } from './prompt-context';
import { recordDecisionHandler, recordWriteBackHandler } from './record';
import { renewalHandler } from './renewal';
import { promptView } from './view';

const promptIdOf = (request: Request): string => String(request.params.promptId ?? '');

/** The SMART app's API: one card at a time, each call carrying the card's decision token. */
export function decisionRoutes(services: Services): Router {
  const router = Router();
  router.get('/api/prompts/:promptId', async (request, response) => {
    const locale = localeFrom(request.get('accept-language'));
    const context = await loadPromptContext(services, promptIdOf(request), request.get('authorization'));
    response.json(promptView(context, locale, messages(locale), services.clock(), context.configuration.timeZone));
  });
  router.post('/api/prompts/:promptId/decision', async (request, response) => {
    response.json(
      await recordDecisionHandler(
        services,
        promptIdOf(request),
        request.get('authorization'),
        request.body,
        localeFrom(request.get('accept-language')),
      ),
    );
  });
  router.post('/api/prompts/:promptId/write-back', async (request, response) => {
    response.json(
      await recordWriteBackHandler(
        services,
        promptIdOf(request),
        request.get('authorization'),
        request.body,
        localeFrom(request.get('accept-language')),
      ),
    );
  });
  // An expired card token, renewed after a new SMART launch proves the same patient (no dead end for a late decision).
  router.post('/api/prompts/:promptId/renewal', async (request, response) => {
    response.json(await renewalHandler(services, promptIdOf(request), request.get('authorization'), request.body));
  });
  return router;
}
