import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';

/**
 * Where `npm run build` leaves the workstation's page: outside dist/smart-app on purpose, so that the
 * /app/ static files (served in production too) never include it. Its scripts load from /app/assets.
 */
export const BUILT_WORKSTATION = join(import.meta.dirname, '..', '..', 'dist', 'demo', 'workstation.html');

/** GET /demo: the demo workstation page (built by Vite with the SMART app). */
export const workstationPageHandler: RequestHandler = (_request, response) => {
  if (!existsSync(BUILT_WORKSTATION)) {
    response
      .status(503)
      .type('text/plain')
      .send('The demo workstation is not built: run `npm run build` (npm start does it).\n');
    return;
  }
  response.set('cache-control', 'no-cache').sendFile(BUILT_WORKSTATION);
};
