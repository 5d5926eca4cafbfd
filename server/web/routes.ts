import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { Services } from '../services';

const BUILT_APP = join(import.meta.dirname, '..', '..', 'dist', 'smart-app');

/** SMART scopes the app asks for: who the user is, the patient in context, and writing the accepted result back. */
export const SMART_SCOPE =
  'launch launch/patient openid fhirUser patient/Patient.read patient/DiagnosticReport.read patient/DiagnosticReport.write';

/**
 * Serves the built SMART app and consoles under /app/ (the card's smart link is /app/launch), and
 * the settings the app reads at start. Deep links fall back to index.html; the app routes them.
 */
export function webRoutes(services: Services): Router {
  const router = Router();
  router.get('/app/config.json', (_request, response) => {
    response.json({ clientId: services.config.smartClientId, scope: SMART_SCOPE });
  });
  if (!existsSync(join(BUILT_APP, 'index.html'))) {
    router.get(/^\/app(\/.*)?$/, (_request, response) => {
      response
        .status(503)
        .type('text/plain')
        .send('The SMART app is not built: run `npm run build` (npm start does it).\n');
    });
    return router;
  }
  router.use('/app', express.static(BUILT_APP, { index: false, maxAge: '1h', immutable: false }));
  router.get(/^\/app(\/.*)?$/, (_request, response) => {
    response.set('cache-control', 'no-cache').sendFile(join(BUILT_APP, 'index.html'));
  });
  return router;
}
