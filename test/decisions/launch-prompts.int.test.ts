import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { orderRequest } from '../support/hook-requests';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, type TestServer } from '../support/server';

/**
 * Issue 23 point 18: many EHRs' SMART servers cannot hand a card's appContext to the app. The launch
 * then proves its patient at a FHIR server a registered EHR names, and gets that patient's undecided
 * cards at the EHR's hospital, each with its own token.
 */

let server: TestServer;
let fhirServer: string;

beforeAll(async () => {
  server = await startServer();
  fhirServer = `${server.url}/demo/fhir`;
  const registered = await postJson(
    `${server.url}/api/platform/clients`,
    {
      issuer: 'https://ehr.launcher.example',
      hospitalId: HOSPITALS.shancheng,
      jwks: null,
      jkuAllowlist: ['https://ehr.launcher.example/jwks'],
      fhirServers: [fhirServer],
    },
    { authorization: `Bearer ${server.platformToken}` },
  );
  expect(registered.body).toMatchObject({ issuer: 'https://ehr.launcher.example' });
});
afterAll(() => server.close());

const launched = (patientId: string, at = fhirServer) => ({ fhirServer: at, accessToken: 'launch-token', patientId });

describe('a launch without a card lists the patient’s open cards', () => {
  it('lists the undecided cards of the launch’s patient, each with a token that opens it; a decided one drops out', async () => {
    const select = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', 'zhang-wei', ['LAB-K', 'CT-CHEST']),
    );
    const uuids = select.body.cards.map((card: any) => card.uuid);
    const listed = await postJson(`${server.url}/api/launch/prompts`, launched('zhang-wei'));
    expect(listed.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/launch/prompts', 'post', 200, listed.body);
    const ids = listed.body.prompts.map((prompt: any) => prompt.promptId);
    expect(ids).toEqual(expect.arrayContaining(uuids));
    const chest = listed.body.prompts.find((prompt: any) => prompt.itemCode === 'CT-CHEST');
    expect(chest).toMatchObject({
      itemName: '胸部CT平扫',
      orderedBy: { ref: 'Practitioner/dr-test', name: '测试医生' },
    });
    const view = await getJson(`${server.url}/api/prompts/${chest.promptId}`, {
      authorization: `Bearer ${chest.token}`,
    });
    expect(view.status).toBe(200);
    await postJson(
      `${server.url}/api/prompts/${chest.promptId}/decision`,
      { outcome: 'withdrawn', practitioner: { ref: 'Practitioner/dr-test', name: null } },
      { authorization: `Bearer ${chest.token}` },
    );
    const accepted = await postJson(
      `${server.url}/api/prompts/${chest.promptId}/decision`,
      {
        outcome: 'accepted',
        resultId: view.body.recognisable[0].resultId,
        practitioner: { ref: 'Practitioner/dr-test', name: '测试医生' },
      },
      { authorization: `Bearer ${chest.token}` },
    );
    expect(accepted.status).toBe(200);
    const again = await postJson(`${server.url}/api/launch/prompts`, launched('zhang-wei'));
    expect(again.body.prompts.map((prompt: any) => prompt.promptId)).not.toContain(chest.promptId);
  });

  it('gives another patient none of them, and refuses a FHIR server no registered EHR names', async () => {
    const other = await postJson(`${server.url}/api/launch/prompts`, launched('liang-wei'));
    expect(other.status).toBe(200);
    expect(other.body.prompts).toEqual([]);
    const unregistered = await postJson(
      `${server.url}/api/launch/prompts`,
      launched('zhang-wei', 'https://fhir.unknown.example/r4'),
    );
    expect(unregistered.status).toBe(403);
    const nobody = await postJson(`${server.url}/api/launch/prompts`, launched('no-such-patient'));
    expect(nobody.status).toBe(403);
  });
});
