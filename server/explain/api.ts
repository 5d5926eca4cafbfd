import { z } from 'zod';
import { tokenActor } from '../access-log/actors';
import { hospitalOf } from '../auth/api-token';
import { apiRoute } from '../api/route';
import { explanationSchema } from '../contract/explain';
import { explainHandler, explainValidator } from './explain';

export const explainApi = [
  apiRoute({
    method: 'post',
    path: '/api/explain',
    summary:
      'What a hook call would decide, and why, for every order and every stored result (the hospital of the token)',
    access: ['admin', 'quality'],
    body: z
      .looseObject({})
      .meta({ description: 'A CDS Hooks request body (patient-view, order-select or order-sign)' }),
    answer: explanationSchema,
    answerDescription: 'the verdicts',
    errors: [412],
    localized: true,
    // The hospital's own administrators and quality staff ask, for their hospital's own patients; each
    // look-up is in the access log.
    handle: ({ body, principal, locale, services }) => {
      const caller = {
        issuer: null,
        hospitalId: hospitalOf(principal),
        access: tokenActor(principal, 'POST /api/explain'),
        ownPatientsOnly: true,
      };
      return explainHandler(explainValidator(body), caller, locale, services);
    },
  }),
];
