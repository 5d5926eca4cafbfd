import { describe, expect, it } from 'vitest';
import { checkQualification, qualificationChangeEffect, type Qualification } from '../../rules';
import { creatinine, headCt, potassium } from './world';

const base: Qualification = {
  institutionId: 'X',
  scope: { kind: 'item', itemCode: potassium.code },
  kind: 'eqa',
  passed: true,
  validFrom: '2026-01-01',
  validUntil: '2026-06-30',
  withdrawnOn: null,
};
const chemistry: Qualification = { ...base, scope: { kind: 'discipline', discipline: 'chemistry' } };

describe('qualification: the performing institution passed QC for the item or its discipline, valid at the result time, not withdrawn', () => {
  it.each([
    { name: 'item qualification valid on the day', quals: [base], item: potassium, day: '2026-03-01', expected: null },
    {
      name: 'discipline qualification covers every item of the discipline',
      quals: [chemistry],
      item: creatinine,
      day: '2026-03-01',
      expected: null,
    },
    {
      name: 'a qualification for another discipline does not cover the item',
      quals: [{ ...base, scope: { kind: 'discipline', discipline: 'ct' } } as Qualification],
      item: potassium,
      day: '2026-03-01',
      expected: 'qualification.none',
    },
    {
      name: 'a qualification for another item does not cover it',
      quals: [base],
      item: creatinine,
      day: '2026-03-01',
      expected: 'qualification.none',
    },
    {
      name: 'a qualification that starts on the result date covers it',
      quals: [base],
      item: potassium,
      day: '2026-01-01',
      expected: null,
    },
    {
      name: 'a qualification that ends on the result date covers it',
      quals: [base],
      item: potassium,
      day: '2026-06-30',
      expected: null,
    },
    {
      name: 'the day before it starts is not covered',
      quals: [base],
      item: potassium,
      day: '2025-12-31',
      expected: 'qualification.not-valid-on-date',
    },
    {
      name: 'expired: the day after it ends is not covered',
      quals: [base],
      item: potassium,
      day: '2026-07-01',
      expected: 'qualification.not-valid-on-date',
    },
    {
      name: 'withdrawn mark: withdrawn before the result',
      quals: [{ ...base, withdrawnOn: '2026-02-01' }],
      item: potassium,
      day: '2026-03-01',
      expected: 'qualification.withdrawn',
    },
    {
      name: 'withdrawn mark: withdrawn on the result date',
      quals: [{ ...base, withdrawnOn: '2026-03-01' }],
      item: potassium,
      day: '2026-03-01',
      expected: 'qualification.withdrawn',
    },
    {
      name: 'a withdrawal after the result does not reach back',
      quals: [{ ...base, withdrawnOn: '2026-03-02' }],
      item: potassium,
      day: '2026-03-01',
      expected: null,
    },
    {
      name: 'the mark is restored after a pass: a later passed qualification covers again',
      quals: [
        { ...base, withdrawnOn: '2026-02-01' },
        { ...base, validFrom: '2026-02-20', kind: 'blind-sample' },
      ],
      item: potassium,
      day: '2026-03-01',
      expected: null,
    },
    {
      name: 'a failed EQA does not qualify',
      quals: [{ ...base, passed: false }],
      item: potassium,
      day: '2026-03-01',
      expected: 'qualification.failed',
    },
    { name: 'no qualification at all', quals: [], item: headCt, day: '2026-03-01', expected: 'qualification.none' },
  ] as const)('$name', ({ quals, item, day, expected }) => {
    const check = checkQualification(quals, item, day, null);
    expect(check.ok ? null : check.reason).toBe(expected);
  });

  // 001_0b4a79971fa7303c.txt: "互认实验室互认检验项目最近一次室间质评或盲样考核成绩合格,方可标注互认标识"
  describe('the latest assessment of the item decides (001_0b4a79971fa7303c.txt: 最近一次室间质评或盲样考核成绩合格)', () => {
    it.each([
      {
        name: 'an item-level failure on the day excludes the item although its discipline passed',
        quals: [chemistry, { ...base, passed: false, validFrom: '2026-02-01' }],
        expected: 'qualification.failed',
      },
      {
        name: 'a later item-level pass (盲样考核) restores it',
        quals: [
          chemistry,
          { ...base, passed: false, validFrom: '2026-01-10' },
          { ...base, kind: 'blind-sample', validFrom: '2026-02-10' },
        ],
        expected: null,
      },
      {
        name: 'a later failure outranks an earlier pass of the same item',
        quals: [base, { ...base, passed: false, validFrom: '2026-02-15' }],
        expected: 'qualification.failed',
      },
      {
        name: 'an item failure assessed after the result does not reach back',
        quals: [chemistry, { ...base, passed: false, validFrom: '2026-03-05' }],
        expected: null,
      },
      {
        name: 'an item assessment no longer in force leaves the discipline to decide',
        quals: [chemistry, { ...base, passed: false, validFrom: '2025-01-01', validUntil: '2025-06-30' }],
        expected: null,
      },
    ] as const)('$name', ({ quals, expected }) => {
      const check = checkQualification(quals, potassium, '2026-03-01', null);
      expect(check.ok ? null : check.reason).toBe(expected);
    });
  });

  // 001_0b4a79971fa7303c.txt: "已标注互认标识的检查检验项目参加相应质量评价的频次不得少于半年一次"
  describe('a region may require an assessment at least every six months (001_0b4a79971fa7303c.txt: 不得少于半年一次)', () => {
    it.each([
      { name: 'assessed five months before the result qualifies', validFrom: '2025-10-01', expected: null },
      { name: 'assessed exactly six months before the result qualifies', validFrom: '2025-09-01', expected: null },
      {
        name: 'assessed more than six months before no longer qualifies',
        validFrom: '2025-08-31',
        expected: 'qualification.overdue',
      },
    ])('$name', ({ validFrom, expected }) => {
      const check = checkQualification(
        [{ ...chemistry, validFrom, validUntil: '2026-12-31' }],
        potassium,
        '2026-03-01',
        6,
      );
      expect(check.ok ? null : check.reason).toBe(expected);
    });

    it('without the rule the same assessment still qualifies', () => {
      expect(
        checkQualification(
          [{ ...chemistry, validFrom: '2025-01-01', validUntil: '2026-12-31' }],
          potassium,
          '2026-03-01',
          null,
        ).ok,
      ).toBe(true);
    });
  });
});

// 001_0b4a79971fa7303c.txt: "最近一次室间质评或盲样考核成绩合格,方可标注互认标识": a change's effect on stored
// results is the same check run before and after it.
describe('qualificationChangeEffect: what a qualification change does to stored results, before it is saved', () => {
  const results = [
    { item: potassium, resultDate: '2026-02-20' },
    { item: potassium, resultDate: '2026-03-05' },
    { item: creatinine, resultDate: '2026-03-05' },
  ];
  it('counts results that stop passing when a qualification is withdrawn from a day on, per item', () => {
    const withdrawn = { ...base, withdrawnOn: '2026-03-01' };
    const effect = qualificationChangeEffect(results, [base], [withdrawn], null);
    expect(effect).toMatchObject({ gained: 0, lost: 1 });
    expect([...effect.byItem]).toEqual([['LAB-K', { gained: 0, lost: 1 }]]);
  });
  it('counts results that start passing when a discipline-level qualification is added', () => {
    const effect = qualificationChangeEffect(results, [base], [base, chemistry], null);
    expect(effect).toMatchObject({ gained: 1, lost: 0 });
    expect([...effect.byItem]).toEqual([['LAB-CRE', { gained: 1, lost: 0 }]]);
  });
  it('counts nothing for a change that decides no result differently', () => {
    expect(qualificationChangeEffect(results, [base], [base], null)).toMatchObject({ gained: 0, lost: 0 });
  });
});
