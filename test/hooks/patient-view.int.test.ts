import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest, sampleRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
const url = () => `${server.url}/cds-services/recognition-patient-view`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function viewRequest(patientKey: string): unknown {
  const order = orderRequest('order-sign', patientKey, []);
  return {
    hook: 'patient-view',
    hookInstance: crypto.randomUUID(),
    context: { userId: 'Practitioner/dr-test', patientId: patientKey, encounterId: 'enc-test' },
    prefetch: { patient: order.prefetch.patient, encounter: order.prefetch.encounter },
  };
}

describe('patient-view: one view-only card listing the recognisable external results still in their window', () => {
  it('lists 张伟 potassium, blood count and chest CT, newest first, with days left', async () => {
    const { status, body } = await postJson(url(), sampleRequest('patient-view-zhang-wei.json'));
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    const [card] = body.cards;
    expect(card.indicator).toBe('info');
    expect(card.summary).toContain('3项外院');
    expect(card.suggestions).toBeUndefined();
    const rows = card.detail.split('\n').slice(2);
    expect(rows).toEqual([
      '| 钾 | 外院·渝中区人民医院 | 2026-03-08 | 剩余5天 |',
      '| 血常规 | 外院·嘉陵江中心医院 | 2026-03-07 | 剩余4天 |',
      '| 胸部CT平扫 | 外院·嘉陵江中心医院 | 2026-02-18 | 剩余69天 |',
    ]);
    const prompt = await server.services.db('prompts').where('id', card.uuid).first();
    expect(prompt).toMatchObject({ service_id: 'recognition-patient-view', order_ref: null, item_code: null });
  });

  it('leaves out what is not recognisable here: expired, other regions, lower level outside the alliance', async () => {
    const wang = await postJson(url(), viewRequest('wang-fang'));
    expect(wang.body.cards[0].detail).toContain('头颅CT平扫');
    expect(wang.body.cards[0].detail).not.toContain('腰椎MRI平扫');
    expect((await postJson(url(), viewRequest('zhou-jie'))).body.cards).toEqual([]);
    expect((await postJson(url(), viewRequest('chen-jing'))).body.cards).toEqual([]);
  });

  it('a patient with nothing recognisable gets no card', async () => {
    expect((await postJson(url(), viewRequest('liang-wei'))).body).toEqual({ cards: [] });
  });
});
