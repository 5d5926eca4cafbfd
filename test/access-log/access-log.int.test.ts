import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { patientKey } from '../../server/fhir/patient-key';
import { findPrompt } from '../../server/store/prompts';
import { accessLogRetentionCutoff, appendAccess, pruneAccessLog } from '../../server/store/access-log';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SELECT = 'recognition-order-select';
const SHANCHENG_EHR = DEMO_CLIENTS[0].issuer;

let server: TestServer;
let quality: string;
let otherQuality: string;

beforeAll(async () => {
  server = await startServer({ env: { CDS_AUTH: 'on' } });
  quality = await server.token('quality', HOSPITALS.shancheng);
  otherQuality = await server.token('quality', HOSPITALS.qijiang);
});
afterAll(async () => {
  await server.close();
});

const keyOf = (patient: string) => patientKey(server.config.patientKeySecret, demoPatient(patient).nationalId);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The log as a token sees it, once what was noted has been written. */
async function logAs(
  token: string,
  query = '',
): Promise<{ status: number; entries: any[]; next: number | null; total: number | null }> {
  await server.services.accessLog.flush();
  const { status, body } = await getJson(`${server.url}/api/access-log${query}`, bearer(token));
  return { status, entries: body.entries ?? [], next: body.next ?? null, total: body.total ?? null };
}

/** Waits for an entry noted after a response went out (the read is logged once the answer is sent). */
async function untilLogged(token: string, endpoint: string): Promise<any> {
  for (;;) {
    const found = (await logAs(token)).entries.find((entry) => entry.endpoint === endpoint);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function hookCall(
  patient: string,
  item: string,
  issuer: string = SHANCHENG_EHR,
  hospitalId?: string,
): Promise<any> {
  const token = await mintClientToken({
    issuer,
    audience: `http://huren.test/cds-services/${SELECT}`,
    now: TEST_NOW,
  });
  const { status, body } = await postJson(
    `${server.url}/cds-services/${SELECT}`,
    orderRequest('order-select', patient, [item], hospitalId ? { hospitalId } : {}),
    bearer(token),
  );
  expect(status).toBe(200);
  return body;
}

describe('point 10: explain is for a hospital’s own patients', () => {
  it('refuses a look-up by national ID alone of a person the hospital never saw, revealing no result', async () => {
    const request = orderRequest('order-select', 'li-na', ['LAB-CRE']);
    delete request.context.encounterId;
    delete request.prefetch.encounter;
    const { status, body } = await postJson(`${server.url}/api/explain`, request, bearer(otherQuality));
    expect(status).toBe(403);
    expect(body.error.code).toBe('not-own-patient');
    expect(JSON.stringify(body)).not.toContain('渝中区');
  });

  it('refuses what a request claims (issue 18 point 2): an Encounter at the hospital, or another patient on patient-view; each refusal logged', async () => {
    const claimed = orderRequest('order-select', 'li-na', ['LAB-CRE'], { hospitalId: HOSPITALS.qijiang });
    const byEncounter = await postJson(`${server.url}/api/explain`, claimed, bearer(otherQuality));
    expect(byEncounter.status).toBe(403);
    expect(byEncounter.body.error.code).toBe('not-own-patient');
    const chart = orderRequest('order-sign', 'wang-fang', [], { hospitalId: HOSPITALS.qijiang });
    const { draftOrders: _drafts, ...viewContext } = chart.context;
    const history = { ...chart, hook: 'patient-view', context: viewContext };
    const byHistory = await postJson(`${server.url}/api/explain`, history, bearer(otherQuality));
    expect(byHistory.status).toBe(403);
    expect(JSON.stringify(byHistory.body)).not.toContain('results');
    const refused = (await logAs(otherQuality)).entries.filter((entry) => entry.refused);
    expect([...new Set(refused.map((entry) => entry.patientKey))].sort()).toEqual(
      [keyOf('li-na'), keyOf('wang-fang')].sort(),
    );
    expect(refused.every((entry) => entry.endpoint === 'POST /api/explain' && entry.results === 0)).toBe(true);
  });

  it('explains for a patient whose orders this hospital’s EHR sent (a signed hook call), and logs the look-up', async () => {
    await hookCall('li-na', 'LAB-CRE', DEMO_CLIENTS[1].issuer, HOSPITALS.qijiang);
    const request = orderRequest('order-select', 'li-na', ['LAB-CRE'], { hospitalId: HOSPITALS.qijiang });
    const { status } = await postJson(`${server.url}/api/explain`, request, bearer(otherQuality));
    expect(status).toBe(200);
    const entry = (await logAs(otherQuality)).entries.find(
      (candidate) => candidate.endpoint === 'POST /api/explain' && !candidate.refused,
    );
    expect(entry).toMatchObject({
      hospitalId: HOSPITALS.qijiang,
      actorKind: 'api-token',
      actorName: 'test quality',
      patientKey: keyOf('li-na'),
      results: 1,
    });
  });
});

describe('point 10: every read of a patient’s results is on record', () => {
  it('logs a hook answer: which client, which patient, when, where, how many results', async () => {
    await hookCall('zhang-wei', 'LAB-K');
    const entry = (await logAs(quality, '?nationalId=' + demoPatient('zhang-wei').nationalId)).entries.find(
      (candidate) => candidate.endpoint === `POST /cds-services/${SELECT}`,
    );
    expect(entry).toMatchObject({
      at: TEST_NOW.toISOString(),
      hospitalId: HOSPITALS.shancheng,
      actorKind: 'cds-client',
      actor: SHANCHENG_EHR,
      patientKey: keyOf('zhang-wei'),
      results: 1,
    });
  });

  it('logs a decision recorded without a GET first, and a rules dry run as one entry for its many patients (issue 18 point 8)', async () => {
    const admin = await server.token('admin', HOSPITALS.shancheng);
    const card = (await hookCall('zhang-wei', 'LAB-K')).cards[0];
    const { promptId, token } = JSON.parse(card.links[0].appContext);
    const [candidate] = (await findPrompt(server.services.db, promptId))!.candidates;
    const decided = await postJson(
      `${server.url}/api/prompts/${promptId}/decision`,
      {
        outcome: 'accepted',
        resultId: candidate!.resultId,
        practitioner: { ref: 'Practitioner/dr-log', name: '医生' },
      },
      bearer(token),
    );
    expect(decided.status).toBe(200);
    expect(await untilLogged(quality, 'POST /api/prompts/:promptId/decision')).toMatchObject({
      actorKind: 'decision-token',
      patientKey: keyOf('zhang-wei'),
      refused: false,
    });
    const replay = await postJson(
      `${server.url}/api/admin/rules/dry-run`,
      { override: { disabledItems: [], disabledDisciplines: [], windowDays: {} }, days: 30 },
      bearer(admin),
    );
    expect(replay.status).toBe(200);
    expect(await untilLogged(quality, 'POST /api/admin/rules/dry-run')).toMatchObject({
      actorKind: 'api-token',
      patientKey: '*',
      results: replay.body.evaluated,
    });
  });

  it('logs the decision API and the quality order history reading a card’s results', async () => {
    const card = (await hookCall('wang-fang', 'CT-HEAD')).cards[0];
    const { promptId, token } = JSON.parse(card.links[0].appContext);
    expect((await getJson(`${server.url}/api/prompts/${promptId}`, bearer(token))).status).toBe(200);
    expect(await untilLogged(quality, 'GET /api/prompts/:promptId')).toMatchObject({
      actorKind: 'decision-token',
      actor: `card ${promptId}`,
      patientKey: keyOf('wang-fang'),
      hospitalId: HOSPITALS.shancheng,
    });
    expect((await getJson(`${server.url}/api/quality/orders/${promptId}`, bearer(quality))).status).toBe(200);
    expect(await untilLogged(quality, 'GET /api/quality/orders/:promptId')).toMatchObject({
      actorKind: 'api-token',
      actorName: 'test quality',
      patientKey: keyOf('wang-fang'),
    });
  });

  it("shows a hospital its own hospital's log only, and the platform every hospital's", async () => {
    await hookCall('sun-li', 'US-THYROID');
    const own = await logAs(quality);
    const other = await logAs(otherQuality);
    const platform = await logAs(server.platformToken);
    const { status: _status, ...platformPage } = platform;
    await expectMatchesOpenApi(server.url, '/api/access-log', 'get', 200, platformPage);
    // The first page says how many the filters select; a later page (a cursor) leaves it to the first.
    expect(own.total).toBe((await server.services.db('access_log').where('hospital_id', HOSPITALS.shancheng)).length);
    const firstOfTwo = await logAs(quality, '?limit=1');
    expect(firstOfTwo.total).toBe(own.total);
    expect((await logAs(quality, `?limit=1&before=${firstOfTwo.next}`)).total).toBeNull();
    expect(own.entries.some((entry) => entry.patientKey === keyOf('sun-li'))).toBe(true);
    expect(other.entries.every((entry) => entry.hospitalId === HOSPITALS.qijiang)).toBe(true);
    expect(other.entries.some((entry) => entry.patientKey === keyOf('sun-li'))).toBe(false);
    expect(new Set(platform.entries.map((entry) => entry.hospitalId))).toEqual(
      new Set([HOSPITALS.shancheng, HOSPITALS.qijiang]),
    );
    expect((await logAs(otherQuality, `?hospitalId=${HOSPITALS.shancheng}`)).status).toBe(403);
    expect((await getJson(`${server.url}/api/access-log`)).status).toBe(401);
  });

  it('is append-only: the store refuses to change an entry', async () => {
    await hookCall('ma-chao', 'MR-KNEE');
    await server.services.accessLog.flush();
    await expect(server.services.db('access_log').update({ actor: 'someone else' })).rejects.toThrow(/append-only/);
  });

  it('keeps entries for the retention period, then prunes them', async () => {
    const days = server.config.accessLogRetentionDays;
    const old = new Date(TEST_NOW.getTime() - (days + 1) * 24 * 3600_000).toISOString();
    await appendAccess(server.services.db, [
      {
        at: old,
        hospitalId: HOSPITALS.shancheng,
        actorKind: 'api-token',
        refused: false,
        actor: 'old',
        actorName: null,
        patientKey: keyOf('zhang-wei'),
        endpoint: 'POST /api/explain',
        results: 0,
      },
    ]);
    const before = (await logAs(server.platformToken, '?limit=500')).entries.length;
    expect(await pruneAccessLog(server.services.db, accessLogRetentionCutoff(TEST_NOW, days))).toBe(1);
    expect((await logAs(server.platformToken, '?limit=500')).entries).toHaveLength(before - 1);
  });
});

describe('who looked, in words (issue 23 point 9)', () => {
  it('names the doctor the EHR sent and the hospital by name, the client staying the actor', async () => {
    const own = await startServer();
    try {
      await postJson(
        `${own.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      );
      await own.services.accessLog.flush();
      const quality = await own.token('quality', HOSPITALS.shancheng);
      const page = await getJson(
        `${own.url}/api/access-log?endpoint=${encodeURIComponent('POST /cds-services/recognition-order-select')}`,
        {
          authorization: `Bearer ${quality}`,
        },
      );
      expect(page.body.entries[0]).toMatchObject({
        actorName: '测试医生（Practitioner/dr-test）',
        hospitalId: HOSPITALS.shancheng,
        hospitalName: '山城医科大学附属第一医院',
      });
    } finally {
      await own.close();
    }
  });
});
