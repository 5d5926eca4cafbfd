import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { expectMatchesOpenApi } from '../support/openapi';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { chartOpened, postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let adminToken: string;
const explain = (body: unknown, headers: Record<string, string> = {}) =>
  postJson(`${server.url}/api/explain`, body, { authorization: `Bearer ${adminToken}`, ...headers });

beforeAll(async () => {
  server = await startServer();
  adminToken = await server.token('admin', HOSPITALS.shancheng);
  // The hospital's own patients: its EHR has opened their charts.
  for (const patient of ['chen-jing', 'hu-jun', 'liu-yang', 'zhang-wei', 'zhao-min'])
    await chartOpened(server, demoPatient(patient).nationalId, HOSPITALS.shancheng);
});
afterAll(async () => {
  await server.close();
});

describe('POST /api/explain: why something was, or was not, shown', () => {
  it('says a result is past its window, in words', async () => {
    const { status, body } = await explain(orderRequest('order-select', 'liu-yang', ['LAB-K']));
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/explain', 'post', 200, body);
    expect(body.outcome.code).toBe('assessed');
    expect(body.hospital).toEqual({ id: HOSPITALS.shancheng, name: '山城医科大学附属第一医院' });
    const [verdict] = body.verdicts;
    expect(verdict.recognisable).toEqual([]);
    expect(verdict.excluded).toEqual([
      expect.objectContaining({
        resultDate: '2026-02-28',
        ageDays: 10,
        daysLeft: -3,
        reasons: [{ code: 'window.expired', text: '已超过该项目的互认有效期' }],
      }),
    ]);
  });

  it('separates the withdrawn mark from the result still recognised', async () => {
    const { body } = await explain(orderRequest('order-sign', 'zhao-min', ['LAB-AFP', 'LAB-CEA']));
    const [afp, cea] = body.verdicts;
    expect(afp.excluded[0].reasons.map((r: { code: string }) => r.code)).toEqual(['qualification.withdrawn']);
    expect(cea.recognisable[0].institution).toEqual({ id: HOSPITALS.jialing, name: '嘉陵江中心医院', level: 3 });
  });

  it('names every failing rule of a result, in English on request', async () => {
    const { body } = await explain(orderRequest('order-select', 'hu-jun', ['DR-CHEST-PA']), {
      'accept-language': 'en',
    });
    expect(body.verdicts[0].excluded[0].reasons.map((r: { code: string }) => r.code)).toEqual([
      'qualification.none',
      'scope.lower-level',
    ]);
    expect(body.verdicts[0].excluded[0].reasons[0].text).toMatch(
      /^The performing institution holds no quality qualification/,
    );
  });

  it('explains an order that maps to no catalog item', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.context.draftOrders.entry[0].resource.code = {
      coding: [{ system: 'https://his.example/H-CQ-001/order-item', code: 'ZZ999' }],
    };
    const { body } = await explain(request);
    expect(body.verdicts[0]).toMatchObject({ item: null, refusal: { code: 'item.unmapped' } });
    expect(body.verdicts[0].refusal.text).toContain('项目对照');
  });

  it('says when there is nothing to judge', async () => {
    const { body } = await explain(orderRequest('order-sign', 'zhang-wei', []));
    expect(body).toMatchObject({ outcome: { code: 'no-orders' }, hospital: null, verdicts: [] });
    await expectMatchesOpenApi(server.url, '/api/explain', 'post', 200, body);
  });

  it("explains for the token's hospital, whatever the encounter claims", async () => {
    const quality = await server.token('quality', HOSPITALS.qijiang);
    // 陈静 is 綦江's patient (a card was issued to her there), so 綦江 may explain her case.
    expect(
      (
        await postJson(
          `${server.url}/cds-services/recognition-order-select`,
          orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: HOSPITALS.qijiang }),
        )
      ).body.cards,
    ).toHaveLength(1);
    // 陈静's blood count from a level-2 hospital outside any alliance: fine at 綦江 (level 2), not at 山城.
    const { body } = await explain(
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: HOSPITALS.shancheng }),
      { authorization: `Bearer ${quality}` },
    );
    expect(body.hospital.id).toBe(HOSPITALS.qijiang);
    expect(body.verdicts[0].recognisable).toHaveLength(1);
  });

  it('needs an admin or quality token of a hospital', async () => {
    expect(
      (await postJson(`${server.url}/api/explain`, orderRequest('order-select', 'zhang-wei', ['LAB-K']))).status,
    ).toBe(401);
    const platform = await explain(orderRequest('order-select', 'zhang-wei', ['LAB-K']), {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(platform.status).toBe(403);
    expect(platform.body.error.code).toBe('forbidden');
  });

  it('stores no prompt', async () => {
    const before = await server.services.db('prompts').count({ n: '*' }).first();
    await explain(orderRequest('order-select', 'zhang-wei', ['LAB-K']));
    expect(await server.services.db('prompts').count({ n: '*' }).first()).toEqual(before);
  });

  it.each([
    ['no hook', {}, 'hook'],
    ['an unknown hook', { hook: 'medication-prescribe' }, 'hook'],
    ['a broken context', { hook: 'order-select', hookInstance: 'x', context: { patientId: 1 } }, 'context.userId'],
  ])('answers bad input (%s) with the JSON error naming the field', async (_name, body, field) => {
    const response = await explain(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid', field });
    await expectMatchesOpenApi(server.url, '/api/explain', 'post', 400, response.body);
  });
});
