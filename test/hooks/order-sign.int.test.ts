import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest, sampleRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
const url = (service: string) => `${server.url}/cds-services/${service}`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function unexplained(): Promise<{ prompt_id: string }[]> {
  return server.services.db('unexplained_repeats').select('prompt_id');
}

describe('order-sign: all draft orders, and unexplained repeats logged', () => {
  it('considers every draft order (no selections): 张伟 has a card for K and for chest CT, none for lumbar MRI', async () => {
    const { status, body } = await postJson(url('recognition-order-sign'), sampleRequest('order-sign-zhang-wei.json'));
    expect(status).toBe(200);
    expect(body.cards.map((card: { summary: string }) => card.summary.split('：')[0]).sort()).toEqual([
      '胸部CT平扫',
      '钾',
    ]);
  });

  it('an order prompted at order-select and signed without a decision is logged once as an unexplained repeat', async () => {
    const hookInstance = crypto.randomUUID();
    const select = await postJson(
      url('recognition-order-select'),
      orderRequest('order-select', 'sun-li', ['US-THYROID'], { hookInstance }),
    );
    const promptId = select.body.cards[0].uuid;
    const before = (await unexplained()).length;

    const sign = orderRequest('order-sign', 'sun-li', ['US-THYROID']);
    const first = await postJson(url('recognition-order-sign'), sign);
    expect(first.body.cards).toHaveLength(1);
    expect((await unexplained()).map((row) => row.prompt_id)).toContain(promptId);

    await postJson(url('recognition-order-sign'), { ...sign, hookInstance: crypto.randomUUID() });
    expect((await unexplained()).length).toBe(before + 1);
    const rows = await server.services.db('unexplained_repeats').where('prompt_id', promptId);
    expect(rows).toHaveLength(1);
  });

  it('an order prompted at order-select and still undecided gets a reminder at signing, not the same card again (issue 11 point 4)', async () => {
    const select = await postJson(
      url('recognition-order-select'),
      orderRequest('order-select', 'huang-yong', ['DR-CHEST-PA']),
    );
    const selectCard = select.body.cards[0];
    const sign = await postJson(
      url('recognition-order-sign'),
      orderRequest('order-sign', 'huang-yong', ['DR-CHEST-PA']),
    );
    const [reminder] = sign.body.cards;
    // 黄勇's recognisable chest film is this hospital's own (本院): the reminder says so, not "外院".
    expect(reminder.summary).toBe('签署前：仍未对本院近期结果作出决定（胸部正位）');
    expect(reminder.summary).not.toBe(selectCard.summary);
    expect(reminder.detail).toMatch(/^> 选择医嘱时已提示本院近期已有此项目的结果，至今未作决定。/);
    expect(reminder.detail).not.toContain('外院结果');
    // Still actionable: the same suggestions (accept the external result) and the app link.
    expect(reminder.suggestions.map((s: { label: string }) => s.label)).toEqual(
      selectCard.suggestions.map((s: { label: string }) => s.label),
    );
    expect(reminder.links[0].type).toBe('smart');
    // Never prompted before: the card at signing is the ordinary one.
    const fresh = await postJson(url('recognition-order-sign'), orderRequest('order-sign', 'wang-fang', ['CT-HEAD']));
    expect(fresh.body.cards[0].summary).toMatch(/^头颅CT平扫：/);
  });

  it('words the reminder from the verdict: an external result, and an emergency visit that records no repeat (issue 23 point 1)', async () => {
    await postJson(url('recognition-order-select'), orderRequest('order-select', 'zhang-wei', ['CT-CHEST']));
    const external = await postJson(
      url('recognition-order-sign'),
      orderRequest('order-sign', 'zhang-wei', ['CT-CHEST']),
    );
    expect(external.body.cards[0].summary).toBe('签署前：仍未对可互认结果作出决定（胸部CT平扫）');
    expect(external.body.cards[0].detail).toContain('直接签署将记为未说明理由的重复检查');

    // policy/001_0b4a79971fa7303c.txt: "互认主要适用于非急诊患者的诊疗过程" … "(4)患者处于急诊、急救等紧急状态下的".
    const emergency = { encounterClass: 'EMER' };
    await postJson(url('recognition-order-select'), orderRequest('order-select', 'wu-xiuying', ['LAB-CBC'], emergency));
    const before = (await unexplained()).length;
    const signed = await postJson(
      url('recognition-order-sign'),
      orderRequest('order-sign', 'wu-xiuying', ['LAB-CBC'], emergency),
    );
    const [informed] = signed.body.cards;
    expect(informed.summary).toBe('签署前：血常规近期有结果可供参考（急诊）');
    expect(informed.detail).toContain('签署不记为重复检查');
    expect(informed.detail).not.toMatch(/未说明理由的重复检查|外院结果（撤销/);
    expect((await unexplained()).length).toBe(before);
  });

  it('an order already decided through feedback gets no second card and is not an unexplained repeat', async () => {
    const select = await postJson(
      url('recognition-order-select'),
      orderRequest('order-select', 'ma-chao', ['MR-KNEE']),
    );
    const card = select.body.cards[0];
    const feedback = await postJson(url('recognition-order-select/feedback'), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'overridden',
          overrideReason: { reason: card.overrideReasons[0], userComment: '膝关节再次扭伤' },
          outcomeTimestamp: '2026-03-10T02:05:00Z',
        },
      ],
    });
    expect(feedback.status).toBe(200);
    const sign = await postJson(url('recognition-order-sign'), orderRequest('order-sign', 'ma-chao', ['MR-KNEE']));
    expect(sign.body.cards).toEqual([]);
    expect(await server.services.db('unexplained_repeats').where('prompt_id', card.uuid)).toEqual([]);
  });

  it('ignores orders that are being re-signed (not draft)', async () => {
    const request = orderRequest('order-sign', 'zhang-wei', ['LAB-K']);
    request.context.draftOrders.entry[0].resource.status = 'active';
    expect((await postJson(url('recognition-order-sign'), request)).body).toEqual({ cards: [] });
  });
});
