import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackValidator } from '../../server/decisions/feedback';
import { mockEhr, type MockEhr } from '../support/ehr';
import { postJson, startServer, type TestServer } from '../support/server';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'fixtures', 'hooks', 'spec-examples');
const example = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8'));

let server: TestServer;
let ehr: MockEhr;

beforeAll(async () => {
  server = await startServer();
  // The specification's example FHIR server, for the patient-view example's fallback reads.
  ehr = mockEhr(
    http.get('http://hooks.smarthealthit.org:9080/Patient/1288992', () =>
      HttpResponse.json({
        resourceType: 'Patient',
        id: '1288992',
        gender: 'male',
        birthDate: '1925-12-23',
        active: true,
      }),
    ),
    http.get('http://hooks.smarthealthit.org:9080/Encounter/89284', () =>
      HttpResponse.json({ resourceType: 'Encounter', id: '89284', status: 'finished' }),
    ),
    http.get('http://hooks.smarthealthit.org:9080/Practitioner/example', () =>
      HttpResponse.json({ resourceType: 'Practitioner', id: 'example' }),
    ),
  );
});
afterAll(async () => {
  ehr.close();
  await server.close();
});

describe('the official CDS Hooks 2.0 example requests are accepted', () => {
  it('patient-view (the specification request, fhirAuthorization and a foreign prefetch key)', async () => {
    const { status, body } = await postJson(
      `${server.url}/cds-services/recognition-patient-view`,
      example('patient-view.json'),
    );
    expect(status).toBe(200);
    // The example patient carries no Chinese national identifier: nothing to match, no card.
    expect(body).toEqual({ cards: [] });
  });

  it('order-select R4 (NutritionOrder and MedicationRequest selected): no card, no error, no FHIR read', async () => {
    const { status, body } = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      example('order-select-r4.json'),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ cards: [] });
  });

  it('order-sign R4', async () => {
    const { status, body } = await postJson(
      `${server.url}/cds-services/recognition-order-sign`,
      example('order-sign-r4.json'),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ cards: [] });
  });

  it.each([
    [
      'accepted',
      {
        feedback: [
          {
            card: '4e0a3a1e-3283-4575-ab82-028d55fe2719',
            outcome: 'accepted',
            acceptedSuggestions: [{ id: 'e56e1945-20b3-4393-8503-a1a20fd73152' }],
            outcomeTimestamp: '2020-12-11T00:00:00Z',
          },
        ],
      },
    ],
    [
      'overridden without reason',
      {
        feedback: [
          {
            card: 'f6b95768-b1c8-40dc-8385-bf3504b82ffb',
            outcome: 'overridden',
            outcomeTimestamp: '2020-12-11T00:00:00Z',
          },
        ],
      },
    ],
    [
      'overridden with reason',
      {
        feedback: [
          {
            card: '9368d37b-283f-44a0-93ea-547cebab93ed',
            outcome: 'overridden',
            overrideReason: {
              reason: { code: 'd7ecf885', system: 'https://example.com/cds-hooks/override-reason-system' },
              userComment: 'A comment entered by the clinician.',
            },
            outcomeTimestamp: '2020-12-11T00:00:00Z',
          },
        ],
      },
    ],
  ])('the feedback example "%s" is a valid feedback body', (_name, body) => {
    expect(feedbackValidator(body)).toEqual([{ item: expect.objectContaining({ card: body.feedback[0]?.card }) }]);
  });
});
