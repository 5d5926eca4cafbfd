import { Router } from 'express';
import type { Services } from '../services';
import { DemoAuthorization } from './authorization';
import { demoFhirRoutes } from './fhir-server';

/** Everything under /demo: development only, never mounted with NODE_ENV=production. */
export function demoRoutes(services: Services): Router {
  const authorization = new DemoAuthorization(services, { patientId: 'zhang-wei', practitionerId: 'dr-li', encounterId: null, appContext: null });
  const router = Router();
  router.use(authorization.routes());
  router.use(demoFhirRoutes(authorization));
  return router;
}
