import { Router } from 'express';
import type { Services } from '../services';
import { DemoAuthorization } from './authorization';
import { clientTokenHandler } from './client-token';
import { demoFhirRoutes } from './fhir-server';
import { demoHisRoutes } from './his/page';
import { workstationPageHandler } from './workstation-page';
import { workstationSetupHandler } from './workstation-setup';

/** Everything under /demo: development only, never mounted with NODE_ENV=production. */
export function demoRoutes(services: Services): Router {
  const authorization = new DemoAuthorization(services, {
    patientId: 'zhang-wei',
    practitionerId: 'dr-li',
    encounterId: null,
    appContext: null,
  });
  const router = Router();
  router.use(authorization.routes());
  router.use(demoFhirRoutes(authorization));
  // The demo workstation: an EHR's order entry in a page, calling the hooks as a registered client.
  router.get('/demo', workstationPageHandler);
  router.get('/demo/workstation/setup', workstationSetupHandler(services));
  router.use(demoHisRoutes(services));
  router.post('/demo/client-token', (request, response) => clientTokenHandler(services, request, response));
  return router;
}
