import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HisTokens } from '../../server/his/tokens';
import { hisCheckBody, signedJson } from '../support/his';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';
import { HOSPITALS } from '../../fixtures/registry/institutions';

/**
 * Issue 20 points 2 and 4: what the doctor did, written back by the HIS (idempotent by its order id) or
 * decided on the decision page opened by the single-use URL, reads back alike and counts in the
 * quality console and the monthly CSV as the CDS Hooks decisions do.
 */

let server: TestServer;
let quality: string;
beforeAll(async () => {
  server = await startServer();
  quality = await server.token('quality', HOSPITALS.shancheng);
});
afterAll(() => server.close());

async function checked(patient: string, item: string) {
  const check = await signedJson(server, '/his/v1/check', hisCheckBody(patient, [item]));
  expect(check.status).toBe(200);
  return check.body.orders[0];
}

const readBack = (orderId: string) => signedJson(server, `/his/v1/decisions?orderId=${encodeURIComponent(orderId)}`);

/** The doctor declines on the decision page opened with `token`: 病情变化, the patient told in writing by 李明. */
const declineOnPage = (promptId: string, token: string, practitioner: { ref: string; name: string }) =>
  postJson(
    `${server.url}/api/prompts/${promptId}/decision`,
    {
      outcome: 'overridden',
      reason: 'condition-changed',
      explanation: null,
      notification: { party: 'patient', method: 'written', notifiedAt: TEST_NOW.toISOString(), notifiedBy: '李明' },
      practitioner,
    },
    { authorization: `Bearer ${token}` },
  );

async function qualityRow(promptId: string) {
  const page = await getJson(`${server.url}/api/quality/orders?from=2026-03-01&to=2026-03-31&pageSize=500`, {
    authorization: `Bearer ${quality}`,
  });
  return page.body.rows.find((row: any) => row.promptIds.includes(promptId));
}

describe('decisions written back by the HIS', () => {
  it('records an accepted result once, however often the HIS says so, and counts it as accepted', async () => {
    const order = await checked('zhang-wei', 'LAB-K');
    const write = {
      orderId: order.orderId,
      action: 'accepted',
      resultId: order.results[0].resultId,
      doctorId: 'D0123',
      doctorName: '李明',
    };
    const first = await signedJson(server, '/his/v1/decisions', write);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'accepted', source: 'his-popup', decidedBy: '李明', complete: true });
    const again = await signedJson(server, '/his/v1/decisions', write);
    expect(again.body).toEqual(first.body);
    const versions = await server.services.db('decision_history').where('prompt_id', order.promptId);
    expect(versions).toHaveLength(1);
    await expectMatchesOpenApi(server.url, '/his/v1/decisions', 'post', 200, first.body);
    const read = await readBack(order.orderId);
    await expectMatchesOpenApi(server.url, '/his/v1/decisions', 'get', 200, read.body);
    expect(read.body).toEqual(first.body);
    const row = await qualityRow(order.promptId);
    expect(row).toMatchObject({ outcome: 'accepted', serviceId: 'his-check', doctorName: '李明' });
  });

  it('records a decline with its reason; without the patient notification it counts as incomplete', async () => {
    const order = await checked('li-na', 'LAB-CRE');
    const report = async () =>
      (
        await fetch(`${server.url}/api/quality/report.csv?month=2026-03`, {
          headers: { authorization: `Bearer ${quality}` },
        })
      ).text();
    const before = await report();
    const declined = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'declined',
      reasonCode: 'condition-changed',
      doctorId: 'D0123',
    });
    expect(declined.body).toMatchObject({ outcome: 'declined', reasonCode: 'condition-changed', complete: false });
    const notified = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'declined',
      reasonCode: 'condition-changed',
      notification: { party: 'patient', method: 'verbal', notifiedAt: TEST_NOW.toISOString(), notifiedBy: '李明' },
      doctorId: 'D0123',
    });
    expect(notified.body).toMatchObject({ outcome: 'declined', complete: true });
    const row = await qualityRow(order.promptId);
    expect(row).toMatchObject({ outcome: 'overridden', reasonCode: 'condition-changed', notified: true });
    // The monthly report counts it with the hooks' decisions; the order list names where it was decided.
    expect(await report()).not.toBe(before);
    const orders = await (
      await fetch(`${server.url}/api/quality/orders.csv?from=2026-03-01&to=2026-03-31`, {
        headers: { authorization: `Bearer ${quality}` },
      })
    ).text();
    const line = orders.split('\n').find((row) => row.includes(order.promptId)) ?? '';
    expect(line).toContain('HIS 弹窗');
  });

  it('asks for the explanation a reason needs, and refuses a result that is not recognisable', async () => {
    const order = await checked('xu-qiang', 'LAB-HBA1C');
    const other = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'declined',
      reasonCode: 'other',
      doctorId: 'D0123',
    });
    expect(other.status).toBe(400);
    expect(other.body.error.field).toBe('reasonText');
    const wrong = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'accepted',
      resultId: 'not-a-result',
      doctorId: 'D0123',
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('not-recognisable');
  });

  it('notes viewed, and a signing without any decision as an unexplained repeat', async () => {
    const order = await checked('zhang-wei', 'LAB-CBC');
    const viewed = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'viewed',
      doctorId: 'D0123',
    });
    expect(viewed.body).toMatchObject({ viewed: true, signed: false, outcome: null });
    const signed = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'signed',
      doctorId: 'D0123',
    });
    expect(signed.body).toMatchObject({ viewed: true, signed: true, outcome: null });
    const unexplained = await server.services.db('unexplained_repeats').where('prompt_id', order.promptId);
    expect(unexplained).toHaveLength(1);
    expect((await qualityRow(order.promptId)).outcome).toBe('unexplained-repeat');
  });

  it('takes back a decision when the HIS says cancelled', async () => {
    const order = await checked('wang-fang', 'CT-HEAD');
    await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'accepted',
      resultId: order.results[0].resultId,
      doctorId: 'D0123',
    });
    const cancelled = await signedJson(server, '/his/v1/decisions', {
      orderId: order.orderId,
      action: 'cancelled',
      doctorId: 'D0123',
    });
    expect(cancelled.body).toMatchObject({ outcome: 'cancelled', resultId: null });
  });

  it('answers 404 for an order the check never prompted', async () => {
    const unknown = await readBack('never-checked');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the decision page by signed URL', () => {
  it('opens once as the app with a card token, and the decision taken there reads back through the HIS API', async () => {
    const prompted = await checked('zhang-wei', 'CT-CHEST');
    const opened = await fetch(prompted.decisionUrl.replace('http://huren.test', server.url), { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const location = new URL(opened.headers.get('location') ?? '');
    expect(location.pathname).toBe('/app/his');
    expect(location.search).toBe('');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('prompt')).toBe(prompted.promptId);
    const token = fragment.get('token') ?? '';
    const view = await getJson(`${server.url}/api/prompts/${prompted.promptId}`, { authorization: `Bearer ${token}` });
    expect(view.status).toBe(200);
    expect(view.body.prompt.orderedBy).toEqual({ ref: 'his-doctor/D0123', name: '李明' });
    const decided = await declineOnPage(prompted.promptId, token, view.body.prompt.orderedBy);
    expect(decided.status).toBe(200);
    // No FHIR record to write to: the HIS reads the decision back instead.
    expect(decided.body.writeBackResource).toBeNull();
    const back = await readBack(prompted.orderId);
    expect(back.body).toMatchObject({
      outcome: 'declined',
      complete: true,
      source: 'smart-app',
      reasonCode: 'condition-changed',
    });

    const twice = await fetch(prompted.decisionUrl.replace('http://huren.test', server.url), { redirect: 'manual' });
    expect(twice.status).toBe(410);
    const page = await twice.text();
    expect(page).toContain('链接已使用过');
    expect(page).toContain('再次点击');
  });

  it('records a decision taken on the page after the HIS reported the order signed as too late to spare it', async () => {
    const prompted = await checked('wang-fang', 'CT-HEAD');
    await signedJson(server, '/his/v1/decisions', { orderId: prompted.orderId, action: 'signed', doctorId: 'D0123' });
    const opened = await fetch(prompted.decisionUrl.replace('http://huren.test', server.url), { redirect: 'manual' });
    const token = new URLSearchParams(new URL(opened.headers.get('location') ?? '').hash.slice(1)).get('token') ?? '';
    const decided = await declineOnPage(prompted.promptId, token, { ref: 'his-doctor/D0123', name: '李明' });
    expect(decided.status).toBe(200);
    const stored = await server.services.db('decisions').where('prompt_id', prompted.promptId).first();
    expect(Boolean(stored.after_signing)).toBe(true);
  });

  it('says in Chinese, with what to do, when the URL has expired or is not one of ours', async () => {
    const prompted = await checked('wang-fang', 'CT-HEAD');
    const earlier = new HisTokens(
      server.config.appTokenSecret,
      server.config.publicUrl,
      () => new Date(TEST_NOW.getTime() - 11 * 60_000),
    );
    const stale = await earlier.pageTicket(prompted.promptId, 'HIS-H-CQ-001');
    const expired = await fetch(`${server.url}/his/v1/decision-page?ticket=${stale.token}`, { redirect: 'manual' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('链接已过期');
    const forged = await fetch(`${server.url}/his/v1/decision-page?ticket=forged`, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('链接无效');
  });
});
