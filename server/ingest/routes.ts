import { Router } from 'express';
import { requireRole } from '../auth/api-token';
import { badRequest, invalidInput } from '../errors/operation-outcome';
import { bundleSchema } from '../contract/fhir';
import type { Services } from '../services';
import { BODY_LIMITS, jsonBody } from '../web/json-body';
import { ingestBundle } from './ingest';

/**
 * FHIR R4 batch/transaction interaction: http://hl7.org/fhir/R4/http.html#transaction
 * Results reach the index through the regional platform, with a platform token.
 */
export function ingestRoutes(services: Services): Router {
  const router = Router();
  // The token first: no byte of a body is read for a caller nobody knows.
  router.post('/fhir', requireRole(services, 'platform'), jsonBody(BODY_LIMITS.ingest), async (request, response) => {
    const parsed = bundleSchema.safeParse(request.body);
    if (!parsed.success) throw invalidInput(parsed.error, 'Bundle');
    const bundle = parsed.data;
    if (bundle.type !== 'batch' && bundle.type !== 'transaction') {
      throw badRequest('Bundle.type must be "batch" or "transaction"', 'Bundle.type');
    }
    const answer = await ingestBundle(services.db, bundle, bundle.type, {
      reference: await services.reference.current(),
      patientKeySecret: services.config.patientKeySecret,
      patientIdentifierSystems: services.config.patientIdentifierSystems,
      now: services.clock(),
    });
    services.metrics.resultsIngested.inc(answer.stored);
    response.status(answer.httpStatus).type('application/fhir+json').json(answer.bundle);
  });
  return router;
}
