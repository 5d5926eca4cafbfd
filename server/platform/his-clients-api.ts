import { z } from 'zod';
import { apiRoute } from '../api/route';
import { hisClientInputSchema, hisClientRegistrationSchema, hisClientSchema } from '../contract/his';
import { HttpError } from '../errors/http-error';
import type { ApiRole } from '../store/api-tokens';
import { findHisClient, listHisClients, revokeHisClient, saveHisClient } from '../store/his-clients';

const PLATFORM: readonly ApiRole[] = ['platform'];

/** The HIS registered for the HIS channel (/his/v1): register (and rotate the key by registering again), list, revoke. */
export const hisClientsApi = [
  apiRoute({
    method: 'get',
    path: '/api/platform/his-clients',
    summary: 'Every HIS registered for the HIS channel (without keys)',
    access: PLATFORM,
    answer: z.array(hisClientSchema),
    answerDescription: 'the registrations',
    handle: ({ services }) => listHisClients(services.reader),
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/his-clients',
    summary: 'Register a HIS for its hospital, or register it again to rotate its HMAC key (shown once)',
    access: PLATFORM,
    body: hisClientInputSchema,
    answer: hisClientRegistrationSchema,
    status: 201,
    answerDescription: 'the registration with its new key',
    handle: async ({ body, services }) => {
      const reference = await services.reference.current();
      if (!reference.institutions.has(body.hospitalId))
        throw new HttpError(400, 'invalid', `no institution ${body.hospitalId}`, 'hospitalId');
      const hmacKey = await saveHisClient(services.db, body, services.clock());
      return { ...body, revoked: false, hmacKey };
    },
  }),
  apiRoute({
    method: 'post',
    path: '/api/platform/his-clients/{id}/revoke',
    summary: 'Revoke a HIS: its signatures and browser tokens are refused from now on',
    access: PLATFORM,
    params: z.object({ id: z.string().min(1).max(64).meta({ description: 'the HIS id' }) }),
    answer: hisClientSchema,
    answerDescription: 'the registration, revoked',
    errors: [404],
    handle: async ({ params, services }) => {
      if (!(await revokeHisClient(services.db, params.id, services.clock())))
        throw new HttpError(404, 'not-found', `no active HIS ${params.id}`);
      const client = await findHisClient(services.reader, params.id);
      if (!client) throw new HttpError(404, 'not-found', `no HIS ${params.id}`);
      const { hmacKey: _key, ...registration } = client;
      return registration;
    },
  }),
];
