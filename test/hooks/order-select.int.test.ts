import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXCEPTION_REASONS } from '../../rules';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';
import { saveOverride } from '../../server/store/hospital-config';
import { demoPatient, orderRequest, sampleRequest } from '../support/hook-requests';
import { postJson, startServer, storeContents, type TestServer } from '../support/server';

let server: TestServer;
const selectUrl = () => `${server.url}/cds-services/recognition-order-select`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('order-select: a draft order with a recognisable recent result gets one card', () => {
  it('answers the sample request (local order code JY0001 = 血钾) with a complete card', async () => {
    const { status, body } = await postJson(selectUrl(), sampleRequest('order-select-zhang-wei.json'));
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    const [card] = body.cards;
    // 张伟's potassium: 2 days before TEST_NOW (2026-03-10), at 渝中区人民医院 inside the 渝中 alliance.
    expect(card.summary).toContain('钾');
    expect(card.summary).toContain('渝中区人民医院');
    expect(card.summary).toContain('2026-03-08');
    expect([...card.summary].length).toBeLessThan(140);
    expect(card.indicator).toBe('warning');
    expect(card.source.label).toContain('Huren');
    expect(card.detail).toContain('| 钾 | 4.1 | mmol/L | 3.5-5.3 |');
    expect(card.selectionBehavior).toBe('at-most-one');
    expect(card.suggestions).toHaveLength(1);
    // 002_e9c8f6f4790952a5.txt: "对认可的外院检查结果…在病历中予以记录，包括检查结果、检查机构名称、检查时间等"
    expect(card.suggestions[0]).toMatchObject({
      isRecommended: true,
      actions: [
        {
          type: 'create',
          resource: {
            resourceType: 'DiagnosticReport',
            subject: { reference: 'Patient/zhang-wei' },
            effectiveDateTime: expect.stringMatching(/^2026-03-0[78]/),
            performer: [{ display: '渝中区人民医院' }],
            contained: [
              expect.objectContaining({
                code: { text: '钾' },
                // A Quantity the EHR can chart and flag (issue 23 point 19), the range as numbers too.
                valueQuantity: { value: 4.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
                referenceRange: [
                  {
                    low: { value: 3.5, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
                    high: { value: 5.3, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
                    text: '3.5-5.3',
                  },
                ],
              }),
            ],
          },
        },
        { type: 'delete', resourceId: 'ServiceRequest/sr-k' },
      ],
    });
    expect(card.overrideReasons.map((r: { code: string }) => r.code)).toEqual([...EXCEPTION_REASONS]);
    for (const reason of card.overrideReasons) {
      expect(reason.system).toBe(SYSTEMS.exceptionReason);
      expect(reason.display.length).toBeGreaterThan(0);
    }
    expect(card.links).toEqual([
      { label: expect.any(String), url: 'http://huren.test/app/launch', type: 'smart', appContext: expect.any(String) },
    ]);
    const appContext = JSON.parse(card.links[0].appContext);
    expect(appContext).toEqual({ promptId: card.uuid, token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
  });

  it('stores every card as a prompt keyed by the patient HMAC, never the national ID', async () => {
    const { body } = await postJson(selectUrl(), sampleRequest('order-select-zhang-wei.json'));
    const prompt = await server.services.db('prompts').where('id', body.cards[0].uuid).first();
    expect(prompt).toMatchObject({
      service_id: 'recognition-order-select',
      hospital_id: HOSPITALS.shancheng,
      user_ref: 'Practitioner/dr-li',
      practitioner_name: '李明',
      department_name: '心血管内科门诊',
      encounter_ref: 'Encounter/enc-1001',
      order_ref: 'ServiceRequest/sr-k',
      item_code: 'LAB-K',
      created_on: '2026-03-10',
    });
    const candidates = JSON.parse(prompt.candidates);
    expect(candidates).toEqual([
      expect.objectContaining({
        suggestionId: body.cards[0].suggestions[0].uuid,
        institutionId: HOSPITALS.yuzhong,
        ageDays: 2,
      }),
    ]);
    const nationalId = demoPatient('zhang-wei').nationalId;
    expect(prompt.patient_key).toMatch(/^[0-9a-f]{64}$/);
    expect(await storeContents(server)).not.toContain(nationalId);
    expect(await storeContents(server)).toContain(prompt.patient_key);
  });

  it('considers only the selections, not the other draft orders', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K', 'CT-CHEST']);
    request.context.selections = ['ServiceRequest/sr-2'];
    const { body } = await postJson(selectUrl(), request);
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].summary).toContain('胸部CT平扫');
  });

  it('accepts what real clients send: extra fields, a Bundle without type, codings without display, other order types', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-CBC']);
    delete request.context.draftOrders.type;
    request.context.draftOrders.entry.push({
      resource: {
        resourceType: 'MedicationRequest',
        id: 'med-1',
        status: 'draft',
        intent: 'order',
        medicationCodeableConcept: { text: '阿司匹林' },
      },
    });
    request.context.selections.push('MedicationRequest/med-1');
    request.extension = { 'com.example.ehr': { tab: 'orders' } };
    request.context.vendorField = 42;
    const { status, body } = await postJson(selectUrl(), request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].summary).toContain('血常规');
  });

  it('a MedicationRequest alone gets no card and no error', async () => {
    const request = orderRequest('order-select', 'zhang-wei', []);
    request.context.draftOrders.entry = [
      { resource: { resourceType: 'MedicationRequest', id: 'm', status: 'draft', intent: 'order' } },
    ];
    request.context.selections = ['MedicationRequest/m'];
    expect(await postJson(selectUrl(), request)).toEqual({ status: 200, body: { cards: [] } });
  });

  it('maps an order by LOINC as well as by the regional code', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.context.draftOrders.entry[0].resource.code = { coding: [{ system: SYSTEMS.loinc, code: '2823-3' }] };
    const { body } = await postJson(selectUrl(), request);
    expect(body.cards).toHaveLength(1);
  });

  it('an order whose codes map to no catalog item gets no card', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.context.draftOrders.entry[0].resource.code = {
      coding: [{ system: 'https://his.example/H-CQ-001/order-item', code: 'NOT-MAPPED' }],
    };
    expect((await postJson(selectUrl(), request)).body.cards).toEqual([]);
  });

  it('a patient without any external result gets no card', async () => {
    expect((await postJson(selectUrl(), orderRequest('order-select', 'liang-wei', ['LAB-K']))).body.cards).toEqual([]);
  });

  it('a patient without a national identifier gets no card (nothing can be matched)', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.patient.identifier = [{ system: 'https://his.example/mrn', value: 'MRN-1' }];
    expect(await postJson(selectUrl(), request)).toEqual({ status: 200, body: { cards: [] } });
  });

  it('warns when the external test system differs from ours (creatinine, Jaffe vs enzymatic)', async () => {
    const { body } = await postJson(selectUrl(), orderRequest('order-select', 'li-na', ['LAB-CRE']));
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].detail).toContain('苦味酸法');
    expect(body.cards[0].detail).toContain('与本院检测系统');
  });

  it('a lower-level result outside the alliance: not at the tertiary hospital, yes at a same-level one', async () => {
    expect((await postJson(selectUrl(), orderRequest('order-select', 'chen-jing', ['LAB-CBC']))).body.cards).toEqual(
      [],
    );
    const atSecondary = await postJson(
      selectUrl(),
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: HOSPITALS.qijiang }),
    );
    expect(atSecondary.body.cards).toHaveLength(1);
  });

  it('recognises a partner region (川渝) but not a region without agreement', async () => {
    expect(
      (await postJson(selectUrl(), orderRequest('order-select', 'wang-fang', ['CT-HEAD']))).body.cards,
    ).toHaveLength(1);
    expect((await postJson(selectUrl(), orderRequest('order-select', 'zhou-jie', ['CT-HEAD']))).body.cards).toEqual([]);
  });

  it('does not offer preliminary, expired, withdrawn-mark or unqualified results', async () => {
    expect((await postJson(selectUrl(), orderRequest('order-select', 'yang-lei', ['LAB-K']))).body.cards).toEqual([]);
    expect((await postJson(selectUrl(), orderRequest('order-select', 'liu-yang', ['LAB-K']))).body.cards).toEqual([]);
    expect((await postJson(selectUrl(), orderRequest('order-select', 'zhao-min', ['LAB-AFP']))).body.cards).toEqual([]);
    expect(
      (await postJson(selectUrl(), orderRequest('order-select', 'zhao-min', ['LAB-CEA']))).body.cards,
    ).toHaveLength(1);
    expect((await postJson(selectUrl(), orderRequest('order-select', 'zhu-hong', ['LAB-GLU']))).body.cards).toEqual([]);
  });

  it('an emergency encounter gets the information as `info`, never a blocking warning', async () => {
    const { body } = await postJson(selectUrl(), sampleRequest('order-select-emergency-wu-xiuying.json'));
    expect(body.cards).toHaveLength(1);
    expect(body.cards[0].indicator).toBe('info');
    expect(body.cards[0].detail).toContain('急诊就诊');
  });

  it('answers in English when the EHR asks for it', async () => {
    const { body } = await postJson(selectUrl(), orderRequest('order-select', 'zhang-wei', ['LAB-K']), {
      'accept-language': 'en-US,en;q=0.9',
    });
    expect(body.cards[0].summary).toMatch(/^Potassium: a result from 渝中区人民医院 2 d ago \(2026-03-08\)/);
    expect(body.cards[0].overrideReasons[0].display).toMatch(/^Condition changed/);
  });

  it("a hospital's override is honoured: emergency prompts silenced, indicator switched to info", async () => {
    const override = {
      disabledItems: [],
      disabledDisciplines: [],
      windowDays: {},
      silenceInEmergency: true,
      indicator: 'info' as const,
    };
    await saveOverride(server.services.db, HOSPITALS.qijiang, override, 'test', new Date());
    server.services.reference.invalidate();
    const emergency = await postJson(
      selectUrl(),
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: HOSPITALS.qijiang, encounterClass: 'EMER' }),
    );
    expect(emergency.body.cards).toEqual([]);
    const outpatient = await postJson(
      selectUrl(),
      orderRequest('order-select', 'chen-jing', ['LAB-CBC'], { hospitalId: HOSPITALS.qijiang }),
    );
    expect(outpatient.body.cards[0].indicator).toBe('info');
  });
});

describe('panels and reference ranges as the report gives them (issue 23 point 4)', () => {
  it('a 血常规 report without 红细胞压积 does not stand for 血常规: the card names the four analytes done; it still stands for 血红蛋白', async () => {
    const panel = await postJson(selectUrl(), orderRequest('order-select', 'tang-yu', ['LAB-CBC']));
    expect(panel.body.cards).toHaveLength(1);
    const [card] = panel.body.cards;
    expect(card.indicator).toBe('info');
    expect(card.summary).toMatch(/^血常规/);
    for (const analyte of ['白细胞计数', '红细胞计数', '血红蛋白', '血小板计数'])
      expect(card.summary + card.detail).toContain(analyte);
    expect(card.links ?? []).toEqual([]);
    const hgb = await postJson(selectUrl(), orderRequest('order-select', 'tang-yu', ['LAB-HGB']));
    expect(hgb.body.cards[0].summary).toMatch(/^血红蛋白：/);
  });

  it('a woman’s 血红蛋白 is read against the female range her report printed, not flagged low by the male one', async () => {
    const { body } = await postJson(selectUrl(), orderRequest('order-select', 'tang-yu', ['LAB-HGB']));
    expect(body.cards[0].detail).toContain('| 血红蛋白 | 126 | g/L | 115-150 |');
    expect(body.cards[0].detail).not.toMatch(/\| 血红蛋白 \| 126 \|[^\n]*偏低/);
  });
});

describe('words and units (issue 23 point 7)', () => {
  it('typesets units as they are read (10⁹/L), keeping the stored text', async () => {
    const { body } = await postJson(selectUrl(), orderRequest('order-select', 'zhang-wei', ['LAB-CBC']));
    expect(body.cards[0].detail).toContain('| 白细胞计数 | 6.2 | 10⁹/L |');
    expect(body.cards[0].detail).not.toContain('10^9/L');
  });

  it('gives the English card its own punctuation and words: no full-width marks, no Chinese grades', async () => {
    const { body } = await postJson(selectUrl(), orderRequest('order-select', 'zhang-wei', ['CT-CHEST']), {
      'accept-language': 'en',
    });
    const [card] = body.cards;
    expect(card.detail).toMatch(/\*\*Ordered item\*\*: /);
    expect(card.detail).toMatch(/\(Tertiary grade B\)/);
    expect(card.detail).not.toMatch(/[：；（）甲乙丙]/);
  });
});
