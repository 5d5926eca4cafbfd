import { describe, expect, it } from 'vitest';
import type { OrderOutcome, OrderRecord } from '../../server/quality/order-records';
import { flagDoctors, isoWeek, statistics, tally } from '../../server/quality/statistics';

let n = 0;
function order(outcome: OrderOutcome, overrides: Partial<OrderRecord> = {}): OrderRecord {
  n += 1;
  return {
    promptId: `p${n}`, promptIds: [`p${n}`], createdAt: '2026-03-02T02:00:00Z', createdOn: '2026-03-02', serviceId: 'recognition-order-select',
    departmentCode: 'card', departmentName: '心内科', doctorRef: 'Practitioner/a', doctorName: '甲', encounterKind: 'outpatient',
    itemCode: 'LAB-K', itemName: '钾', discipline: 'chemistry', modality: 'LAB', priceFen: 500, candidates: 1, bestInstitutionId: 'H',
    outcome, reasonSystem: null, reasonCode: null, reasonDisplay: null, explanation: null, notified: false, decisionSource: null, decidedAt: null,
    decisionVersion: null, writeBack: null, ...overrides,
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
    const byWeek = statistics(records, 5, 'week');
    expect(byWeek.totals).toMatchObject({ prompts: 5, orders: 3, accepted: 2, rate: 2 / 3 });
    expect(byWeek.byDepartment.map((g) => [g.label, g.orders, g.rate])).toEqual([['心内科', 2, 1], ['急诊科', 1, 0]]);
    expect(byWeek.byModality.map((g) => [g.key, g.orders, g.accepted])).toEqual([['LAB', 2, 1], ['CT', 1, 1]]);
    // 2026-03-02 and 03-08 are Monday and Sunday of ISO week 10; 03-09 opens week 11.
    expect(byWeek.trend.map((g) => [g.key, g.orders])).toEqual([['2026-W10', 2], ['2026-W11', 1]]);
    expect(statistics(records, 5, 'month').trend.map((g) => g.key)).toEqual(['2026-03']);
    expect(statistics(records, 5, 'day').trend).toHaveLength(3);
  });

  it('keeps reasons that do not count apart from those that do', () => {
    const system = 'https://fhir.huren.example/CodeSystem/exception-reason';
    const stats = statistics([
      order('overridden', { reasonSystem: system, reasonCode: 'patient-request' }),
      order('overridden', { reasonSystem: system, reasonCode: 'patient-request' }),
      order('not-counted', { reasonSystem: system, reasonCode: 'images-not-received' }),
    ], 3, 'day');
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
