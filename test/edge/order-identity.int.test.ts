import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const hook = (service: string) => `${server.url}/cds-services/${service}`;

/** An EHR that calls every new draft `ServiceRequest/sr-1`. */
async function decideFirstDraft(item: string, encounterId: string): Promise<void> {
  const request = orderRequest('order-select', 'zhang-wei', [item]);
  request.context.encounterId = encounterId;
  const { body } = await postJson(hook('recognition-order-select'), request);
  expect(body.cards).toHaveLength(1);
  const feedback = {
    feedback: [{ card: body.cards[0].uuid, outcome: 'overridden', outcomeTimestamp: TEST_NOW.toISOString() }],
  };
  expect((await postJson(hook('recognition-order-select/feedback'), feedback)).status).toBe(200);
}

async function signingCards(item: string, encounterId: string): Promise<number> {
  const request = orderRequest('order-sign', 'zhang-wei', [item]);
  request.context.encounterId = encounterId;
  const { status, body } = await postJson(hook('recognition-order-sign'), request);
  expect(status).toBe(200);
  return body.cards.length;
}

describe('point 14: an order is identified by patient, hospital, item, encounter (or day) and draft id, not the draft id alone', () => {
  it('still shows the sign-time card of a new order that reuses a decided order’s draft id for another item', async () => {
    await decideFirstDraft('LAB-K', 'enc-reuse-1');
    // The decided order itself gets no second card.
    expect(await signingCards('LAB-K', 'enc-reuse-1')).toBe(0);
    // Same draft id, another item: another order.
    expect(await signingCards('LAB-CBC', 'enc-reuse-1')).toBe(1);
  });

  it('still shows the sign-time card of the same item ordered again in another encounter under the same draft id', async () => {
    await decideFirstDraft('CT-CHEST', 'enc-reuse-2');
    expect(await signingCards('CT-CHEST', 'enc-reuse-3')).toBe(1);
  });

  it('stores the identity on each order prompt, the same for select and sign of one order', async () => {
    const select = orderRequest('order-select', 'wang-fang', ['CT-HEAD']);
    const sign = orderRequest('order-sign', 'wang-fang', ['CT-HEAD']);
    const first = (await postJson(hook('recognition-order-select'), select)).body.cards[0].uuid;
    const second = (await postJson(hook('recognition-order-sign'), sign)).body.cards[0].uuid;
    const keys = await server.services.db('prompts').whereIn('id', [first, second]).pluck('order_key');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[1]).toBe(keys[0]);
  });
});
