import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionTokens } from '../../server/auth/decision-token';
import { SYSTEMS } from '../../server/fhir/systems';
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

interface Launch {
  promptId: string;
  token: string;
  card: any;
}

/** What the SMART app gets: the card's appContext, as the EHR hands it over in the token response. */
async function launch(patient: string, item: string, hospitalId?: string): Promise<Launch> {
  const { body } = await postJson(
    `${server.url}/cds-services/recognition-order-select`,
    orderRequest('order-select', patient, [item], hospitalId ? { hospitalId } : {}),
  );
  const card = body.cards[0];
  return { ...JSON.parse(card.links[0].appContext), card };
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const view = (l: Launch, headers: Record<string, string> = auth(l.token)) =>
  getJson(`${server.url}/api/prompts/${l.promptId}`, headers);
const decide = (l: Launch, body: unknown, headers: Record<string, string> = auth(l.token), base = server.url) =>
  postJson(`${base}/api/prompts/${l.promptId}/decision`, body, headers);
const doctor = { ref: 'Practitioner/dr-app', name: '王医生' };
const notification = { party: 'patient', method: 'verbal', notifiedAt: '2026-03-10T02:30:00Z', notifiedBy: '王医生' };

describe('the decision API of the SMART app', () => {
  it("shows the card: item, today's recognisable results with report and window, reasons to choose from", async () => {
    const l = await launch('zhang-wei', 'LAB-K');
    const { status, body } = await view(l);
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/prompts/{promptId}', 'get', 200, body);
    expect(body.item).toMatchObject({ code: 'LAB-K', name: '钾', kind: 'lab', windowDays: 7 });
    expect(body.recognisable).toHaveLength(1);
    expect(body.recognisable[0]).toMatchObject({
      suggestionId: l.card.suggestions[0].uuid,
      institution: { name: '渝中区人民医院', level: 2, levelText: '二级甲等' },
      resultDate: '2026-03-08',
      ageDays: 2,
      daysLeft: 5,
      lastDay: '2026-03-15',
      report: {
        kind: 'lab',
        values: [{ name: '钾', value: '4.1', unit: 'mmol/L', referenceRange: '3.5-5.3', flag: 'N' }],
      },
    });
    expect(body.exceptionReasons).toHaveLength(10);
    expect(body.exceptionReasons.find((r: { code: string }) => r.code === 'images-not-received')).toMatchObject({
      countsAsNonRecognition: false,
    });
    expect(body.exceptionReasons.find((r: { code: string }) => r.code === 'other')).toMatchObject({
      needsExplanation: true,
    });
    expect(body).toMatchObject({
      decision: null,
      history: [],
      editable: true,
      writeBackResource: null,
      prompt: { orderedBy: { ref: 'Practitioner/dr-test', name: '测试医生' } },
    });
  });

  it("tells the ordering hospital's own earlier result (本院) from an external one (issue 9 point 8)", async () => {
    const own = await launch('song-yu', 'LAB-K');
    expect((await view(own)).body.recognisable[0]).toMatchObject({ institution: { id: 'H-CQ-001' }, own: true });
    const external = await launch('zhang-wei', 'LAB-K');
    expect((await view(external)).body.recognisable[0]).toMatchObject({ institution: { id: 'H-CQ-003' }, own: false });
  });

  it('lists excluded results with the reason for each', async () => {
    const l = await launch('huang-yong', 'DR-CHEST-PA');
    const { body } = await view(l);
    expect(body.recognisable.map((r: any) => r.institution.name)).toEqual(['山城医科大学附属第一医院']);
    expect(body.excluded).toEqual([
      expect.objectContaining({ institution: expect.objectContaining({ name: '南岸区第二人民医院' }) }),
    ]);
    expect(body.excluded[0].reasons).toEqual([
      { code: 'qualification.not-valid-on-date', text: expect.stringContaining('资质') },
      { code: 'scope.lower-level', text: expect.stringContaining('医联体') },
    ]);
  });

  it('speaks English on request', async () => {
    const l = await launch('zhang-wei', 'LAB-K');
    const { body } = await view(l, { ...auth(l.token), 'accept-language': 'en' });
    expect(body.item.name).toBe('Potassium');
    expect(body.exceptionReasons[0].text).toMatch(/^Condition changed/);
  });

  it('accepts a result: stored with the launch practitioner beside the hook user, and a write-back report to send to the EHR', async () => {
    const l = await launch('zhang-wei', 'CT-CHEST');
    const resultId = (await view(l)).body.recognisable[0].resultId;
    const { status, body } = await decide(l, { outcome: 'accepted', resultId, practitioner: doctor });
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/prompts/{promptId}/decision', 'post', 200, body);
    expect(body.decision).toMatchObject({
      version: 1,
      outcome: 'accepted',
      resultId,
      practitioner: doctor,
      source: 'smart-app',
      complete: true,
      writeBack: null,
    });
    const row = await server.services.db('decisions').where('prompt_id', l.promptId).first();
    expect(row).toMatchObject({ practitioner_ref: 'Practitioner/dr-app', result_id: resultId });
    expect((await server.services.db('prompts').where('id', l.promptId).first()).user_ref).toBe('Practitioner/dr-test');
    const report = body.writeBackResource;
    expect(report).toMatchObject({
      resourceType: 'DiagnosticReport',
      status: 'final',
      effectiveDateTime: '2026-02-18T01:30:00.000Z',
      performer: [{ identifier: { system: SYSTEMS.institution, value: 'H-CQ-002' }, display: '嘉陵江中心医院' }],
      code: { coding: [expect.objectContaining({ system: SYSTEMS.recognitionItem, code: 'CT-CHEST' })] },
    });
    expect(report.identifier).toEqual([
      { system: SYSTEMS.result, value: resultId },
      { system: 'https://his.example/H-CQ-002/report', value: 'zhang-wei-r3' },
    ]);
    expect(report.conclusion).toContain('嘉陵江中心医院 2026-02-18');
    // 001_0b4a79971fa7303c.txt: "检查检验结果不包括医师出具的诊断结论" — findings and impression stay apart.
    expect(report.conclusion).not.toContain('右肺上叶微小结节');
    const narrative = Object.fromEntries(
      report.contained.map((o: { id: string; code: { text: string }; valueString: string }) => [o.id, o]),
    );
    expect(narrative.findings.valueString).toContain('右肺上叶见一直径约4mm');
    expect(narrative.impression).toMatchObject({
      code: { text: '外院诊断意见（仅供参考）' },
      valueString: '右肺上叶微小结节，建议年度随访。',
    });
  });

  it('carries lab values into the write-back report as contained Observations', async () => {
    const l = await launch('zhang-wei', 'LAB-CBC');
    const resultId = (await view(l)).body.recognisable[0].resultId;
    const { body } = await decide(l, { outcome: 'accepted', resultId, practitioner: doctor });
    // 张伟's 血常规 as reported: five values, 红细胞压积 included.
    expect(body.writeBackResource.contained).toHaveLength(5);
    expect(body.writeBackResource.result).toEqual([1, 2, 3, 4, 5].map((n) => ({ reference: `#v${n}` })));
    expect(body.writeBackResource.contained[2]).toMatchObject({
      code: { text: '血红蛋白' },
      valueQuantity: { value: 142, unit: 'g/L', system: 'http://unitsofmeasure.org', code: 'g/L' },
    });
    // 10^9/L as UCUM writes it.
    expect(body.writeBackResource.contained[0].valueQuantity).toMatchObject({ unit: '10^9/L', code: '10*9/L' });
  });

  it('records whether the EHR took the write-back; a refusal leaves the decision standing', async () => {
    const l = await launch('sun-li', 'US-THYROID');
    const resultId = (await view(l)).body.recognisable[0].resultId;
    await decide(l, { outcome: 'accepted', resultId, practitioner: doctor });
    const refused = await postJson(
      `${server.url}/api/prompts/${l.promptId}/write-back`,
      { status: 'refused', detail: 'HTTP 403: 无权写入检查报告' },
      auth(l.token),
    );
    expect(refused.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/prompts/{promptId}/write-back', 'post', 200, refused.body);
    expect(refused.body.decision).toMatchObject({
      outcome: 'accepted',
      resultId,
      writeBack: { status: 'refused', detail: 'HTTP 403: 无权写入检查报告' },
    });
    // One click, one decision: the write-back state sits beside version 1, it is not a version of its own.
    expect(refused.body.decision.version).toBe(1);
    expect(refused.body.history).toEqual([
      expect.objectContaining({
        version: 1,
        outcome: 'accepted',
        writeBack: { status: 'refused', detail: 'HTTP 403: 无权写入检查报告' },
      }),
    ]);
    const retried = await postJson(
      `${server.url}/api/prompts/${l.promptId}/write-back`,
      { status: 'written', detail: 'DiagnosticReport/1' },
      auth(l.token),
    );
    expect(retried.body.decision).toMatchObject({ version: 1, writeBack: { status: 'written' } });
    expect(await server.services.db('decision_history').where('prompt_id', l.promptId).select('version')).toEqual([
      { version: 1 },
    ]);
  });

  it('a decision made after the order was signed is recorded as such (it saved nothing); before signing it is not', async () => {
    // yang-lei: no other card of this file has decided his order ServiceRequest/sr-1.
    const l = await launch('yang-lei', 'LAB-ALT');
    const resultId = (await view(l)).body.recognisable[0].resultId;
    // Signed without a decision: order-sign saw the order (and logged it as an unexplained repeat).
    await postJson(
      `${server.url}/cds-services/recognition-order-sign`,
      orderRequest('order-sign', 'yang-lei', ['LAB-ALT']),
    );
    expect((await decide(l, { outcome: 'accepted', resultId, practitioner: doctor })).body.decision).toMatchObject({
      outcome: 'accepted',
      afterSigning: true,
    });
    // Signed while Huren was down: only the EHR knows, and the app passes on what it says.
    const signed = await launch('lin-tao', 'US-LGPS');
    const signedResult = (await view(signed)).body.recognisable[0].resultId;
    expect(
      (await decide(signed, { outcome: 'accepted', resultId: signedResult, practitioner: doctor, orderSigned: true }))
        .body.decision.afterSigning,
    ).toBe(true);
    const draft = await launch('li-na', 'LAB-CRE');
    const draftResult = (await view(draft)).body.recognisable[0].resultId;
    expect(
      (await decide(draft, { outcome: 'accepted', resultId: draftResult, practitioner: doctor, orderSigned: false }))
        .body.decision.afterSigning,
    ).toBe(false);
    // Yuan saved counts only what was decided before signing: the signed order saved nothing (林涛's own-hospital ultrasound is counted apart).
    const quality = await server.token('quality', 'H-CQ-001');
    const { body: statistics } = await getJson(
      `${server.url}/api/quality/statistics?from=2026-03-10&to=2026-03-10`,
      auth(quality),
    );
    const saved = (code: string) => statistics.byItem.find((group: { key: string }) => group.key === code)?.yuanSaved;
    expect([saved('LAB-ALT'), saved('LAB-CRE')]).toEqual([0, 5]);
  });

  it('refuses to accept a result that is not recognisable today', async () => {
    const l = await launch('huang-yong', 'DR-CHEST-PA');
    const excluded = (await view(l)).body.excluded[0].resultId;
    const { status, body } = await decide(l, { outcome: 'accepted', resultId: excluded, practitioner: doctor });
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: 'not-recognisable', field: 'resultId' });
  });

  it('records an exception with its explanation and the patient notification', async () => {
    const l = await launch('wang-fang', 'CT-HEAD');
    const { status, body } = await decide(l, {
      outcome: 'overridden',
      reason: 'condition-changed',
      explanation: '头痛加重伴呕吐',
      notification,
      practitioner: doctor,
    });
    expect(status).toBe(200);
    expect(body.decision).toMatchObject({
      outcome: 'overridden',
      reason: { system: SYSTEMS.exceptionReason, code: 'condition-changed' },
      reasonText: '病情变化，原结果与当前临床表现不符',
      explanation: '头痛加重伴呕吐',
      notification,
      complete: true,
    });
    expect(body.writeBackResource).toBeNull();
  });

  it.each<{ name: string; body: Record<string, unknown>; field: string }>([
    {
      name: '"other" without an explanation',
      body: { outcome: 'overridden', reason: 'other', notification, practitioner: doctor },
      field: 'explanation',
    },
    {
      name: 'an explanation over 200 characters',
      body: {
        outcome: 'overridden',
        reason: 'other',
        explanation: '长'.repeat(201),
        notification,
        practitioner: doctor,
      },
      field: 'explanation',
    },
    {
      name: 'continuous monitoring without naming the disease',
      body: {
        outcome: 'overridden',
        reason: 'continuous-monitoring',
        explanation: '  ',
        notification,
        practitioner: doctor,
      },
      field: 'explanation',
    },
    {
      name: 'an exception without the patient notification',
      body: { outcome: 'overridden', reason: 'emergency', practitioner: doctor },
      field: 'notification',
    },
    {
      name: 'an unknown notified party',
      body: {
        outcome: 'overridden',
        reason: 'emergency',
        notification: { ...notification, party: 'neighbour' },
        practitioner: doctor,
      },
      field: 'notification.party',
    },
    {
      name: 'a notification time that is not a time',
      body: {
        outcome: 'overridden',
        reason: 'emergency',
        notification: { ...notification, notifiedAt: 'yesterday' },
        practitioner: doctor,
      },
      field: 'notification.notifiedAt',
    },
    {
      name: 'an unknown reason',
      body: { outcome: 'overridden', reason: 'bored', notification, practitioner: doctor },
      field: 'reason',
    },
    { name: 'no practitioner', body: { outcome: 'accepted', resultId: 'x' }, field: 'practitioner' },
    { name: 'an unknown outcome', body: { outcome: 'ignored', practitioner: doctor }, field: 'outcome' },
  ])('refuses $name (400 naming $field) and writes nothing', async ({ body, field }) => {
    const l = await launch('ma-chao', 'MR-KNEE');
    const response = await decide(l, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid', field });
    await expectMatchesOpenApi(server.url, '/api/prompts/{promptId}/decision', 'post', 400, response.body);
    expect(await server.services.db('decisions').where('prompt_id', l.promptId)).toEqual([]);
  });

  it('undo and change on the same day keep every earlier version', async () => {
    const l = await launch('lin-tao', 'US-LGPS');
    const resultId = (await view(l)).body.recognisable[0].resultId;
    await decide(l, { outcome: 'accepted', resultId, practitioner: doctor });
    const undone = await decide(l, { outcome: 'withdrawn', practitioner: doctor });
    expect(undone.body.decision).toMatchObject({ outcome: 'withdrawn', version: 2 });
    const changed = await decide(l, {
      outcome: 'overridden',
      reason: 'patient-request',
      explanation: null,
      notification,
      practitioner: doctor,
    });
    expect(changed.body.history.map((version: { outcome: string }) => version.outcome)).toEqual([
      'accepted',
      'withdrawn',
      'overridden',
    ]);
    expect(
      (
        await decide(l, {
          outcome: 'overridden',
          reason: 'patient-request',
          explanation: null,
          notification,
          practitioner: doctor,
        })
      ).body.history,
    ).toHaveLength(3);
  });

  it('a decision cannot be changed on a later day', async () => {
    const l = await launch('xu-qiang', 'LAB-HBA1C');
    await decide(l, {
      outcome: 'overridden',
      reason: 'rapid-change',
      explanation: null,
      notification,
      practitioner: doctor,
    });
    const nextDay = new Date(TEST_NOW.getTime() + 86_400_000);
    const tomorrow = await startSibling(server, nextDay);
    // A token the card would carry if it were opened again tomorrow.
    const prompt = await server.services.db('prompts').where('id', l.promptId).first();
    const fresh = await new DecisionTokens(server.config.appTokenSecret, 'http://huren.test', 60, () => nextDay).issue({
      promptId: l.promptId,
      hospitalId: prompt.hospital_id,
      patientKey: prompt.patient_key,
    });
    try {
      const { status, body } = await decide(
        l,
        { outcome: 'withdrawn', practitioner: doctor },
        auth(fresh),
        tomorrow.url,
      );
      expect(status).toBe(409);
      expect(body.error.code).toBe('locked');
    } finally {
      await tomorrow.close();
    }
  });

  it('completes in the app a decision the EHR recorded through feedback without the notification, even later', async () => {
    const l = await launch('luo-lin', 'LAB-HBSAG');
    await postJson(`${server.url}/cds-services/recognition-order-select/feedback`, {
      feedback: [
        {
          card: l.promptId,
          outcome: 'overridden',
          overrideReason: { reason: l.card.overrideReasons[1] },
          outcomeTimestamp: '2026-03-10T02:00:00Z',
        },
      ],
    });
    const before = (await view(l)).body;
    expect(before.decision).toMatchObject({
      source: 'cds-feedback',
      complete: false,
      reasonText: '检查检验结果在疾病进程中变化较快',
    });
    expect(before.editable).toBe(true);
    const later = await startSibling(server, new Date(TEST_NOW.getTime() + 3_600_000));
    try {
      const { body } = await decide(
        l,
        { outcome: 'overridden', reason: 'rapid-change', explanation: null, notification, practitioner: doctor },
        auth(l.token),
        later.url,
      );
      expect(body.decision).toMatchObject({ source: 'smart-app', complete: true, version: 2 });
      expect(body.history.map((v: { source: string }) => v.source)).toEqual(['cds-feedback', 'smart-app']);
    } finally {
      await later.close();
    }
  });

  describe('trust: only a valid token for that very card', () => {
    it.each<{ name: string; headers: () => Promise<Record<string, string>>; status: number; code: string }>([
      { name: 'no token', headers: async () => ({}), status: 401, code: 'unauthenticated' },
      {
        name: 'a tampered token',
        headers: async () => {
          const l = await launch('zhang-wei', 'LAB-K');
          const [h, p, s] = l.token.split('.');
          return auth(`${h}.${p}x.${s}`);
        },
        status: 401,
        code: 'unauthenticated',
      },
      {
        name: 'a token signed with another key',
        headers: async () =>
          auth(
            await new DecisionTokens(
              'another-secret-that-is-long-enough-000',
              'http://huren.test',
              60,
              () => TEST_NOW,
            ).issue({ promptId: 'p', hospitalId: 'H-CQ-001', patientKey: 'k' }),
          ),
        status: 401,
        code: 'unauthenticated',
      },
      {
        name: 'an expired token',
        headers: async () =>
          auth(
            await new DecisionTokens(
              server.config.appTokenSecret,
              'http://huren.test',
              5,
              () => new Date(TEST_NOW.getTime() - 3_600_000),
            ).issue({ promptId: target.promptId, hospitalId: 'H-CQ-001', patientKey: 'k' }),
          ),
        status: 401,
        code: 'expired',
      },
      {
        name: "another card's token",
        headers: async () => auth((await launch('zhang-wei', 'LAB-CBC')).token),
        status: 403,
        code: 'forbidden',
      },
      {
        name: 'a token for this card id but another patient',
        headers: async () =>
          auth(
            await new DecisionTokens(server.config.appTokenSecret, 'http://huren.test', 60, () => TEST_NOW).issue({
              promptId: target.promptId,
              hospitalId: 'H-CQ-001',
              patientKey: 'someone-else',
            }),
          ),
        status: 403,
        code: 'forbidden',
      },
    ])('refuses $name ($status) for reading and writing, and writes nothing', async ({ headers, status, code }) => {
      const h = await headers();
      const read = await view(target, h);
      expect(read.status).toBe(status);
      expect(read.body.error.code).toBe(code);
      const write = await decide(
        target,
        { outcome: 'overridden', reason: 'emergency', notification, practitioner: doctor },
        h,
      );
      expect(write.status).toBe(status);
      expect(await server.services.db('decisions').where('prompt_id', target.promptId)).toEqual([]);
    });
  });
});

let target: Launch;
beforeAll(async () => {
  target = await launch('gao-feng', 'LAB-APTT');
});
