import { describe, expect, it } from 'vitest';
import { recognisableOf, type OrderRecord } from '../../server/quality/order-records';
import { type OrderOutcome } from '../../server/contract/quality';
import { exceptions, flagDoctors, isoWeek, recognisedItems, repeats, statistics, tally } from '../../server/quality/statistics';

let n = 0;
function order(outcome: OrderOutcome, overrides: Partial<OrderRecord> = {}): OrderRecord {
  n += 1;
  return {
    promptId: `p${n}`, promptIds: [`p${n}`], createdAt: '2026-03-02T02:00:00Z', createdOn: '2026-03-02', serviceId: 'recognition-order-select',
    departmentCode: 'card', departmentName: '心内科', doctorRef: 'Practitioner/a', doctorName: '甲', encounterKind: 'outpatient',
    patientKey: 'patient-1', scope: 'external', itemCode: 'LAB-K', itemName: '钾', discipline: 'chemistry', modality: 'LAB', priceFen: 500, candidates: 1,
    bestInstitutionId: 'H', recognisableItems: [overrides.itemCode ?? 'LAB-K'], savingFen: overrides.priceFen ?? 500, outcome, reasonSystem: null,
    reasonCode: null, reasonDisplay: null, explanation: null, explanationMissing: false, notified: false, notification: null, decisionSource: null,
    decidedAt: null, decisionVersion: null, writeBack: null, ...overrides,
  };
}

describe('the recognition rate, as the national quality target defines it', () => {
  it('recognised ÷ eligible, where the two reasons that do not count leave the denominator and no decision stays in it', () => {
    // 10 prompted orders: 4 accepted, 2 overridden (counted), 1 images not received (not counted),
    // 2 with no decision, 1 unexplained repeat → eligible 9, rate 4/9.
    const records = [
      ...Array.from({ length: 4 }, () => order('accepted')),
      order('overridden'), order('overridden'), order('not-counted'), order('no-decision'), order('no-decision'), order('unexplained-repeat'),
    ];
    expect(tally(records)).toEqual({ orders: 10, eligible: 9, accepted: 4, overridden: 2, notCounted: 1, noDecision: 2, unexplained: 1, rate: 4 / 9, yuanSaved: 20 });
  });

  it('has no rate when nothing was eligible', () => {
    expect(tally([order('not-counted')]).rate).toBeNull();
    expect(tally([]).rate).toBeNull();
  });

  it('counts yuan saved at each accepted item’s reference price', () => {
    expect(tally([order('accepted', { priceFen: 20000 }), order('accepted', { priceFen: 550 }), order('overridden', { priceFen: 99999 })]).yuanSaved).toBe(205.5);
  });
});

describe('breakdowns and trend', () => {
  it('groups by department, doctor, item and modality, and buckets the trend by day, ISO week or month', () => {
    const records = [
      order('accepted', { createdOn: '2026-03-02', modality: 'CT', itemCode: 'CT-CHEST', itemName: '胸部CT平扫' }),
      order('overridden', { createdOn: '2026-03-08', departmentCode: 'er', departmentName: '急诊科' }),
      order('accepted', { createdOn: '2026-03-09' }),
    ];
    const byWeek = statistics(records, 'week');
    expect(byWeek.totals).toMatchObject({ prompts: 3, orders: 3, accepted: 2, rate: 2 / 3 });
    expect(byWeek.byDepartment.map((g) => [g.label, g.orders, g.rate])).toEqual([['心内科', 2, 1], ['急诊科', 1, 0]]);
    expect(byWeek.byModality.map((g) => [g.key, g.orders, g.accepted])).toEqual([['LAB', 2, 1], ['CT', 1, 1]]);
    // 2026-03-02 and 03-08 are Monday and Sunday of ISO week 10; 03-09 opens week 11.
    expect(byWeek.trend.map((g) => [g.key, g.orders])).toEqual([['2026-W10', 2], ['2026-W11', 1]]);
    expect(statistics(records, 'month').trend.map((g) => g.key)).toEqual(['2026-03']);
    expect(statistics(records, 'day').trend).toHaveLength(3);
  });

  it('keeps reasons that do not count apart from those that do', () => {
    const system = 'https://fhir.huren.example/CodeSystem/exception-reason';
    const stats = statistics([
      order('overridden', { reasonSystem: system, reasonCode: 'patient-request' }),
      order('overridden', { reasonSystem: system, reasonCode: 'patient-request' }),
      order('not-counted', { reasonSystem: system, reasonCode: 'images-not-received' }),
    ], 'day');
    expect(stats.reasons.map((r) => [r.code, r.count, r.counted])).toEqual([['patient-request', 2, true], ['images-not-received', 1, false]]);
  });

  it.each([
    ['2026-03-10', '2026-W11'], ['2026-01-01', '2026-W01'], ['2025-12-29', '2026-W01'], ['2027-01-01', '2026-W53'], ['2021-01-03', '2020-W53'],
  ])('ISO week of %s is %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('doctors far from their department', () => {
  it('flags a doctor more than two standard errors from the department, with at least five eligible orders', () => {
    // Department: 34 orders, 20 accepted → non-recognition 14/34 ≈ 0.41.
    // 甲: 0 of 16 refused → 0, SE √(0.41·0.59/16) ≈ 0.12, 0.41 > 2·SE: far below.
    // 乙: 10 of 10 refused → 1.0, SE ≈ 0.16, 0.59 > 2·SE: far above. 丙 and 丁: four orders each, too few to judge.
    const records = [
      ...Array.from({ length: 16 }, () => order('accepted', { doctorRef: 'Practitioner/a', doctorName: '甲' })),
      ...Array.from({ length: 4 }, () => order('accepted', { doctorRef: 'Practitioner/d', doctorName: '丁' })),
      ...Array.from({ length: 10 }, () => order('overridden', { doctorRef: 'Practitioner/b', doctorName: '乙' })),
      ...Array.from({ length: 4 }, () => order('overridden', { doctorRef: 'Practitioner/c', doctorName: '丙' })),
    ];
    const flagged = flagDoctors(records);
    expect(flagged.map((f) => [f.doctorName, f.direction, f.eligible])).toEqual([['甲', 'lower', 16], ['乙', 'higher', 10]]);
    expect(flagged[1]?.departmentNonRecognitionRate).toBeCloseTo(14 / 34);
  });

  it('flags nobody when everyone is close to the department', () => {
    const records = ['a', 'b'].flatMap((doctor) => [...Array.from({ length: 6 }, () => order('accepted', { doctorRef: doctor })), ...Array.from({ length: 4 }, () => order('overridden', { doctorRef: doctor }))]);
    expect(flagDoctors(records)).toEqual([]);
  });
});

describe('emergencies and the hospital\'s own results, apart from the rate', () => {
  it('001_0b4a79971fa7303c.txt, "互认主要适用于非急诊患者": emergency orders leave the denominator and have their own figures', () => {
    const records = [
      order('accepted'), order('overridden'),
      order('no-decision', { scope: 'emergency', promptIds: ['e1', 'e2'] }), order('accepted', { scope: 'emergency', priceFen: 3000 }),
    ];
    const stats = statistics(records, 'day');
    // The rate: 1 of the 2 non-emergency orders. Emergencies: 2 orders, 3 cards, 1 referred to, 30 yuan.
    expect(stats.totals).toMatchObject({ prompts: 2, orders: 2, eligible: 2, accepted: 1, rate: 0.5, yuanSaved: 5 });
    expect(stats.emergency).toMatchObject({ prompts: 3, orders: 2, accepted: 1, noDecision: 1, unexplained: 0, yuanSaved: 30 });
    expect(stats.byDepartment.map((g) => g.orders)).toEqual([2]);
    expect(stats.trend.map((g) => g.orders)).toEqual([2]);
  });

  it('issue 9 point 8: the ordering hospital\'s own earlier results are no mutual recognition; in-hospital repeats get their own figures', () => {
    const records = [
      order('accepted'), order('no-decision'), order('overridden'), order('accepted'),
      order('accepted', { scope: 'in-hospital', priceFen: 12000 }), order('unexplained-repeat', { scope: 'in-hospital' }),
    ];
    const stats = statistics(records, 'day');
    // External: 2 recognised of 4 eligible. In-hospital: 1 accepted of 2, 120 yuan, 1 unexplained.
    expect(stats.totals).toMatchObject({ orders: 4, eligible: 4, accepted: 2, rate: 0.5, yuanSaved: 10 });
    expect(stats.inHospital).toMatchObject({ prompts: 2, orders: 2, accepted: 1, unexplained: 1, rate: 0.5, yuanSaved: 120 });
    expect(stats.recognisedItems.count).toBe(1);
  });
});

describe('yuan saved by a panel whose analytes had results', () => {
  const prices = new Map([['LAB-ALT', 300], ['LAB-AST', 300], ['LAB-LFT', 2500], ['LAB-TBIL', 400]]);
  it('001_0b4a79971fa7303c.txt, "不得以与其他项目打包等形式再次收取相关费用": the analytes with results are not charged again', () => {
    // 肝功能 (25.00) ordered; ALT twice and AST once had results: 3.00 + 3.00 saved, ALT once.
    expect(recognisableOf({ itemCode: 'LAB-LFT', priceFen: 2500 }, [{ coversItemCode: 'LAB-ALT' }, { coversItemCode: 'LAB-AST' }, { coversItemCode: 'LAB-ALT' }], prices)).toEqual({ items: ['LAB-ALT', 'LAB-AST'], savingFen: 600 });
  });

  it('a result of the ordered item itself (or one standing for it) saves the whole order, and never more than the panel costs', () => {
    expect(recognisableOf({ itemCode: 'LAB-LFT', priceFen: 2500 }, [{ coversItemCode: 'LAB-ALT' }, { coversItemCode: 'LAB-LFT' }], prices)).toEqual({ items: ['LAB-LFT'], savingFen: 2500 });
    expect(recognisableOf({ itemCode: 'LAB-K', priceFen: 500 }, [{}], prices)).toEqual({ items: ['LAB-K'], savingFen: 500 });
    expect(recognisableOf({ itemCode: 'LAB-LFT', priceFen: 500 }, [{ coversItemCode: 'LAB-ALT' }, { coversItemCode: 'LAB-TBIL' }], prices).savingFen).toBe(500);
  });

  it('counts the saving of accepted orders only', () => {
    expect(tally([order('accepted', { savingFen: 600 }), order('overridden', { savingFen: 600 })]).yuanSaved).toBe(6);
  });
});

describe('the figures the texts ask for beside the rate', () => {
  it('004_abbfdbaff83305ff.txt, "地市域内医疗机构间互认项目超过200项…省域内医疗机构间互认项目超过300项": distinct items recognised, against 200 and 300', () => {
    const items = recognisedItems([
      order('accepted', { itemCode: 'LAB-K' }), order('accepted', { itemCode: 'LAB-K' }), order('accepted', { itemCode: 'LAB-LFT', recognisableItems: ['LAB-ALT', 'LAB-AST'] }),
      order('overridden', { itemCode: 'CT-HEAD' }),
    ], (code) => ({ 'LAB-K': '钾', 'LAB-ALT': '丙氨酸氨基转移酶', 'LAB-AST': '天门冬氨酸氨基转移酶' })[code] ?? code);
    expect(items).toEqual({
      count: 3,
      items: [{ code: 'LAB-ALT', name: '丙氨酸氨基转移酶' }, { code: 'LAB-AST', name: '天门冬氨酸氨基转移酶' }, { code: 'LAB-K', name: '钾' }],
      targets: { city: 200, province: 300 },
    });
  });

  it('003_ec92c06739f36670.txt, "对同一患者的重复检查检验记录进行统计": repeats per patient and item, and patients repeated more than once', () => {
    const stats = repeats([
      order('overridden', { patientKey: 'aaaaaaaa-1', itemCode: 'CT-HEAD', itemName: '头颅CT平扫' }),
      order('unexplained-repeat', { patientKey: 'aaaaaaaa-1', itemCode: 'CT-HEAD', itemName: '头颅CT平扫' }),
      order('not-counted', { patientKey: 'aaaaaaaa-1', itemCode: 'LAB-K' }),
      order('overridden', { patientKey: 'bbbbbbbb-2' }),
      order('accepted', { patientKey: 'cccccccc-3' }),
      order('no-decision', { patientKey: 'cccccccc-3' }),
    ]);
    // Repeats: 3 of patient a (CT twice, K once) and 1 of b; accepted and undecided orders are no repeats.
    expect(stats).toEqual({
      orders: 4,
      patients: 2,
      patientsWithMoreThanOne: 1,
      byPatientItem: [
        { patient: 'aaaaaaaa', itemCode: 'CT-HEAD', itemName: '头颅CT平扫', count: 2 },
        { patient: 'aaaaaaaa', itemCode: 'LAB-K', itemName: '钾', count: 1 },
        { patient: 'bbbbbbbb', itemCode: 'LAB-K', itemName: '钾', count: 1 },
      ],
    });
  });

  it('001_0b4a79971fa7303c.txt, "充分告知患者或其家属检查目的及必要性": the share of counted exceptions with the patient informed', () => {
    const notification = { party: 'family', method: 'verbal', notifiedAt: '2026-03-02T02:10:00Z', notifiedBy: '甲' } as const;
    // 4 counted exceptions, 1 informed; the not-counted one is no exception; one still lacks its explanation.
    expect(exceptions([
      order('overridden', { notified: true, notification }), order('overridden'), order('overridden'), order('overridden', { explanationMissing: true }),
      order('not-counted', { notified: true, notification }),
    ])).toEqual({ overridden: 4, informed: 1, informedShare: 0.25, explanationMissing: 1 });
    expect(exceptions([order('accepted')]).informedShare).toBeNull();
  });
});
