import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest } from '../support/hook-requests';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, startSibling, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A card issued by a hook whose EHR is the demo FHIR server (where a later launch can prove the patient). */
async function cardFor(
  patient: string,
  item: string,
  fhirServer: string | null = `${server.url}/demo/fhir`,
): Promise<{ promptId: string; token: string }> {
  const request = orderRequest('order-select', patient, [item]);
  if (fhirServer) request.fhirServer = fhirServer;
  const { body } = await postJson(`${server.url}/cds-services/recognition-order-select`, request);
  return JSON.parse(body.cards[0].links[0].appContext);
}

const later = new Date(TEST_NOW.getTime() + 5 * 3_600_000);

describe('renewing an expired card token (issue 11 point 1: no dead end when a card is opened late)', () => {
  it('the expired token is refused, a launch for the same patient at the same EHR gets a fresh one that works', async () => {
    const card = await cardFor('zhang-wei', 'LAB-K');
    const sibling = await startSibling(server, later);
    try {
      expect((await getJson(`${sibling.url}/api/prompts/${card.promptId}`, auth(card.token))).body.error.code).toBe(
        'expired',
      );
      const proof = { fhirServer: `${server.url}/demo/fhir`, accessToken: 'ehr-access-token', patientId: 'zhang-wei' };
      const renewed = await postJson(`${sibling.url}/api/prompts/${card.promptId}/renewal`, proof, auth(card.token));
      expect(renewed.status).toBe(200);
      await expectMatchesOpenApi(server.url, '/api/prompts/{promptId}/renewal', 'post', 200, renewed.body);
      expect(renewed.body.token).not.toBe(card.token);
      const view = await getJson(`${sibling.url}/api/prompts/${card.promptId}`, auth(renewed.body.token));
      expect(view.status).toBe(200);
      expect(view.body.item.code).toBe('LAB-K');
    } finally {
      await sibling.close();
    }
  });

  it('refuses another patient, another EHR, a card without an EHR, a forged token, and a card older than 30 days', async () => {
    const card = await cardFor('zhang-wei', 'LAB-K');
    const bare = await cardFor('zhang-wei', 'LAB-K', null);
    const proof = { fhirServer: `${server.url}/demo/fhir`, accessToken: 'ehr-access-token', patientId: 'zhang-wei' };
    const sibling = await startSibling(server, later);
    const monthLater = await startSibling(server, new Date(TEST_NOW.getTime() + 31 * 86_400_000));
    try {
      const renew = (base: string, body: unknown, token = card.token, promptId = card.promptId) =>
        postJson(`${base}/api/prompts/${promptId}/renewal`, body, auth(token));
      const cases = [
        {
          name: 'another patient in the EHR',
          answer: await renew(sibling.url, { ...proof, patientId: 'li-na' }),
          status: 403,
          code: 'forbidden',
        },
        {
          name: 'launched from another EHR',
          answer: await renew(sibling.url, { ...proof, fhirServer: 'https://elsewhere.example/fhir' }),
          status: 403,
          code: 'forbidden',
        },
        {
          name: 'a card whose hook named no FHIR server',
          answer: await renew(sibling.url, proof, bare.token, bare.promptId),
          status: 409,
          code: 'not-renewable',
        },
        {
          name: 'a forged token',
          answer: await renew(sibling.url, proof, `${card.token.slice(0, -4)}AAAA`),
          status: 401,
          code: 'unauthenticated',
        },
        { name: 'a card issued 31 days ago', answer: await renew(monthLater.url, proof), status: 401, code: 'expired' },
        { name: 'no proof at all', answer: await renew(sibling.url, {}), status: 400, code: 'invalid' },
      ];
      for (const { name, answer, status, code } of cases) {
        expect({ name, status: answer.status, code: answer.body.error?.code }).toEqual({ name, status, code });
      }
    } finally {
      await sibling.close();
      await monthLater.close();
    }
  });

  it('gives one refusal whatever the card’s EHR answered, so renewal cannot be used to probe it (issue 18 point 1)', async () => {
    // A loopback listener stands in for the EHR named in the card: it refuses the token, answers
    // something that is not a Patient, or another patient.
    const answers = [
      { status: 401, body: { resourceType: 'OperationOutcome' } },
      { status: 200, body: { hello: 'not FHIR' } },
      { status: 200, body: { resourceType: 'Patient', id: 'zhang-wei', identifier: [] } },
    ];
    let next = 0;
    const ehr = createServer((_request, response) => {
      const answer = answers[next++] ?? answers[0]!;
      response.writeHead(answer.status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve));
    const fhirServer = `http://127.0.0.1:${(ehr.address() as AddressInfo).port}/fhir`;
    const sibling = await startSibling(server, later);
    try {
      const card = await cardFor('zhang-wei', 'LAB-K', fhirServer);
      const proof = { fhirServer, accessToken: 'ehr-access-token', patientId: 'zhang-wei' };
      const refusals = [];
      for (const _answer of answers) {
        refusals.push(await postJson(`${sibling.url}/api/prompts/${card.promptId}/renewal`, proof, auth(card.token)));
      }
      expect(next).toBe(answers.length);
      expect(refusals.map((refusal) => refusal.status)).toEqual([403, 403, 403]);
      expect(new Set(refusals.map((refusal) => refusal.body.error.message)).size).toBe(1);
    } finally {
      await sibling.close();
      await new Promise<void>((resolve) => ehr.close(() => resolve()));
    }
  });
});
