import type { Request, Response } from 'express';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { badRequest, invalidInput } from '../errors/operation-outcome';
import type { Services } from '../services';
import { clientTokenRequestSchema, type ClientToken } from '../contract/demo-workstation';

/**
 * The demo workstation is a CDS client like any EHR: every hook and feedback call carries a JWT
 * signed by its hospital's demo EHR key. The browser must never hold that private key, so the
 * server signs one single-use token per call for it. Development only, like all of /demo.
 */
export function clientTokenValidator(body: unknown) {
  const parsed = clientTokenRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

export async function clientTokenHandler(services: Services, request: Request, response: Response): Promise<void> {
  const { hospitalId, service, feedback } = clientTokenValidator(request.body);
  const client = DEMO_CLIENTS.find((candidate) => candidate.hospitalId === hospitalId);
  if (!client) throw badRequest(`hospitalId: no demo EHR is registered for "${hospitalId}"`, 'hospitalId');
  const audience = `${services.config.publicUrl}/cds-services/${service}${feedback ? '/feedback' : ''}`;
  // The server's clock, which is the one the token is checked against (tests fix it).
  const token = await mintClientToken({ issuer: client.issuer, audience, now: services.clock() });
  const answer: ClientToken = { token, issuer: client.issuer, audience };
  response.status(201).set('cache-control', 'no-store').json(answer);
}
