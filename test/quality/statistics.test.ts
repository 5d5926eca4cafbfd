import { describe, expect, it } from 'vitest';
import { recognisableOf } from '../../server/quality/order-records';
import {
  flagDoctors,
  groups,
  isoWeek,
  repeats,
  tally,
  trend,
  type DoctorCounts,
} from '../../server/quality/statistics';
import type { OutcomeCounts } from '../../server/store/quality-tallies';

/** Outcome counts as SQL sums them (server/store/quality-tallies.ts); the SQL itself is proved in order-figures.int.test.ts. */
function counts(
  outcomes: Partial<Omit<OutcomeCounts, 'orders' | 'prompts'>> & { prompts?: number } = {},
): OutcomeCounts {
  const { accepted = 0, overridden = 0, notCounted = 0, noDecision = 0, unexplained = 0, savingFen = 0 } = outcomes;
  const orders = accepted + overridden + notCounted + noDecision + unexplained;
  return {
    orders,
    prompts: outcomes.prompts ?? orders,
    accepted,
    overridden,
    notCounted,
    noDecision,
    unexplained,
    savingFen,
  };
}

describe('the recognition rate, as the national quality target defines it', () => {
  it('recognised ÷ eligible, where the two reasons that do not count leave the denominator and no decision stays in it', () => {
    // 10 prompted orders: 4 accepted, 2 overridden (counted), 1 images not received (not counted),
    // 2 with no decision, 1 unexplained repeat → eligible 9, rate 4/9.
    expect(
      tally(counts({ accepted: 4, overridden: 2, notCounted: 1, noDecision: 2, unexplained: 1, savingFen: 2000 })),
    ).toEqual({
      orders: 10,
      eligible: 9,
      accepted: 4,
      overridden: 2,
      notCounted: 1,
      noDecision: 2,
      unexplained: 1,
      rate: 4 / 9,
      yuanSaved: 20,
    });
  });

  it('has no rate when nothing was eligible', () => {
    expect(tally(counts({ notCounted: 1 })).rate).toBeNull();
    expect(tally(counts()).rate).toBeNull();
  });

  it('counts yuan saved in fen, as yuan', () => {
    expect(tally(counts({ accepted: 2, overridden: 1, savingFen: 20550 })).yuanSaved).toBe(205.5);
  });
});

describe('breakdowns and trend', () => {
  it('lists groups most orders first, then by key', () => {
    const listed = groups([
      { key: 'er', label: '急诊科', counts: counts({ overridden: 1 }) },
      { key: 'card', label: '心内科', counts: counts({ accepted: 1, overridden: 1 }) },
      { key: 'ct', label: 'CT', counts: counts({ accepted: 1 }) },
    ]);
    expect(listed.map((g) => [g.key, g.orders, g.rate])).toEqual([
      ['card', 2, 0.5],
      ['ct', 1, 1],
      ['er', 1, 0],
    ]);
  });

  it('adds the days up into ISO weeks or months, in time order', () => {
    const days = [
      { day: '2026-03-09', counts: counts({ accepted: 1 }) },
      { day: '2026-03-02', counts: counts({ accepted: 1, savingFen: 500 }) },
      { day: '2026-03-08', counts: counts({ overridden: 1 }) },
    ];
    // 2026-03-02 and 03-08 are Monday and Sunday of ISO week 10; 03-09 opens week 11.
    expect(trend(days, 'week').map((g) => [g.key, g.orders, g.accepted, g.yuanSaved])).toEqual([
      ['2026-W10', 2, 1, 5],
      ['2026-W11', 1, 1, 0],
    ]);
    expect(trend(days, 'month').map((g) => [g.key, g.orders])).toEqual([['2026-03', 3]]);
    expect(trend(days, 'day').map((g) => g.key)).toEqual(['2026-03-02', '2026-03-08', '2026-03-09']);
  });

  it.each([
    ['2026-03-10', '2026-W11'],
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2021-01-03', '2020-W53'],
  ])('ISO week of %s is %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });
});

describe('doctors far from their department', () => {
  const doctor = (
    doctorRef: string,
    doctorLabel: string,
    outcomes: Parameters<typeof counts>[0],
    firstSeq: number,
    department = '心内科',
  ): DoctorCounts => ({ department, doctorRef, doctorLabel, counts: counts(outcomes), firstSeq });

  it('flags a doctor more than two standard errors from the department, with at least five eligible orders', () => {
    // Department: 34 orders, 20 accepted → non-recognition 14/34 ≈ 0.41.
    // 甲: 0 of 16 refused → 0, SE √(0.41·0.59/16) ≈ 0.12, 0.41 > 2·SE: far below.
    // 乙: 10 of 10 refused → 1.0, SE ≈ 0.16, 0.59 > 2·SE: far above. 丙 and 丁: four orders each, too few to judge.
    const flagged = flagDoctors([
      doctor('Practitioner/a', '甲', { accepted: 16 }, 1),
      doctor('Practitioner/d', '丁', { accepted: 4 }, 2),
      doctor('Practitioner/b', '乙', { overridden: 10 }, 3),
      doctor('Practitioner/c', '丙', { overridden: 4 }, 4),
    ]);
    expect(flagged.map((f) => [f.doctorName, f.direction, f.eligible])).toEqual([
      ['甲', 'lower', 16],
      ['乙', 'higher', 10],
    ]);
    expect(flagged[1]?.departmentNonRecognitionRate).toBeCloseTo(14 / 34);
  });

  it('flags nobody when everyone is close to the department', () => {
    expect(
      flagDoctors([
        doctor('a', 'a', { accepted: 6, overridden: 4 }, 1),
        doctor('b', 'b', { accepted: 6, overridden: 4 }, 2),
      ]),
    ).toEqual([]);
  });

  it('judges each department against its own rate, departments in the order they first occur', () => {
    const flagged = flagDoctors([
      doctor('x', '戊', { overridden: 10 }, 5, '急诊科'),
      doctor('y', '己', { accepted: 10 }, 6, '急诊科'),
      doctor('a', '甲', { accepted: 16 }, 1),
      doctor('b', '乙', { overridden: 10 }, 2),
    ]);
    expect(flagged.map((f) => [f.department, f.doctorName])).toEqual([
      ['心内科', '甲'],
      ['心内科', '乙'],
      ['急诊科', '戊'],
      ['急诊科', '己'],
    ]);
  });
});

describe('yuan saved by a panel whose analytes had results', () => {
  const prices = new Map([
    ['LAB-ALT', 300],
    ['LAB-AST', 300],
    ['LAB-LFT', 2500],
    ['LAB-TBIL', 400],
  ]);
  it('001_0b4a79971fa7303c.txt, "不得以与其他项目打包等形式再次收取相关费用": the analytes with results are not charged again', () => {
    // 肝功能 (25.00) ordered; ALT twice and AST once had results: 3.00 + 3.00 saved, ALT once.
    expect(
      recognisableOf(
        { itemCode: 'LAB-LFT', priceFen: 2500 },
        [{ coversItemCode: 'LAB-ALT' }, { coversItemCode: 'LAB-AST' }, { coversItemCode: 'LAB-ALT' }],
        prices,
      ),
    ).toEqual({ items: ['LAB-ALT', 'LAB-AST'], savingFen: 600 });
  });

  it('a result of the ordered item itself (or one standing for it) saves the whole order, and never more than the panel costs', () => {
    expect(
      recognisableOf(
        { itemCode: 'LAB-LFT', priceFen: 2500 },
        [{ coversItemCode: 'LAB-ALT' }, { coversItemCode: 'LAB-LFT' }],
        prices,
      ),
    ).toEqual({ items: ['LAB-LFT'], savingFen: 2500 });
    expect(recognisableOf({ itemCode: 'LAB-K', priceFen: 500 }, [{}], prices)).toEqual({
      items: ['LAB-K'],
      savingFen: 500,
    });
    expect(
      recognisableOf(
        { itemCode: 'LAB-LFT', priceFen: 500 },
        [{ coversItemCode: 'LAB-ALT' }, { coversItemCode: 'LAB-TBIL' }],
        prices,
      ).savingFen,
    ).toBe(500);
  });
});

describe('the figures the texts ask for beside the rate', () => {
  it('003_ec92c06739f36670.txt, "对同一患者的重复检查检验记录进行统计": repeats per patient and item, and patients repeated more than once', () => {
    const stats = repeats([
      { patientKey: 'bbbbbbbb-2', itemCode: 'LAB-K', itemName: '钾', count: 1 },
      { patientKey: 'aaaaaaaa-1', itemCode: 'LAB-K', itemName: '钾', count: 1 },
      { patientKey: 'aaaaaaaa-1', itemCode: 'CT-HEAD', itemName: '头颅CT平扫', count: 2 },
    ]);
    // Repeats: 3 of patient a (CT twice, K once) and 1 of b.
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
});
