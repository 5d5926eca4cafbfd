import { describe, expect, it } from 'vitest';
import { checkQualification, type Qualification } from '../../rules';
import { creatinine, headCt, potassium } from './world';

const base: Qualification = {
  institutionId: 'X', scope: { kind: 'item', itemCode: potassium.code }, kind: 'eqa', passed: true,
  validFrom: '2026-01-01', validUntil: '2026-06-30', withdrawnOn: null,
};

describe('qualification: the performing institution passed QC for the item or its discipline, valid at the result time, not withdrawn', () => {
  it.each([
    { name: 'item qualification valid on the day', quals: [base], item: potassium, day: '2026-03-01', expected: null },
    { name: 'discipline qualification covers every item of the discipline', quals: [{ ...base, scope: { kind: 'discipline', discipline: 'chemistry' } } as Qualification], item: creatinine, day: '2026-03-01', expected: null },
    { name: 'a qualification for another discipline does not cover the item', quals: [{ ...base, scope: { kind: 'discipline', discipline: 'ct' } } as Qualification], item: potassium, day: '2026-03-01', expected: 'qualification.none' },
    { name: 'a qualification for another item does not cover it', quals: [base], item: creatinine, day: '2026-03-01', expected: 'qualification.none' },
    { name: 'a qualification that starts on the result date covers it', quals: [base], item: potassium, day: '2026-01-01', expected: null },
    { name: 'a qualification that ends on the result date covers it', quals: [base], item: potassium, day: '2026-06-30', expected: null },
    { name: 'the day before it starts is not covered', quals: [base], item: potassium, day: '2025-12-31', expected: 'qualification.not-valid-on-date' },
    { name: 'expired: the day after it ends is not covered', quals: [base], item: potassium, day: '2026-07-01', expected: 'qualification.not-valid-on-date' },
    { name: 'withdrawn mark: withdrawn before the result', quals: [{ ...base, withdrawnOn: '2026-02-01' }], item: potassium, day: '2026-03-01', expected: 'qualification.withdrawn' },
    { name: 'withdrawn mark: withdrawn on the result date', quals: [{ ...base, withdrawnOn: '2026-03-01' }], item: potassium, day: '2026-03-01', expected: 'qualification.withdrawn' },
    { name: 'a withdrawal after the result does not reach back', quals: [{ ...base, withdrawnOn: '2026-03-02' }], item: potassium, day: '2026-03-01', expected: null },
    { name: 'the mark is restored after a pass: a later passed qualification covers again', quals: [{ ...base, withdrawnOn: '2026-02-01' }, { ...base, validFrom: '2026-02-20', kind: 'blind-sample' }], item: potassium, day: '2026-03-01', expected: null },
    { name: 'a failed EQA does not qualify', quals: [{ ...base, passed: false }], item: potassium, day: '2026-03-01', expected: 'qualification.failed' },
    { name: 'no qualification at all', quals: [], item: headCt, day: '2026-03-01', expected: 'qualification.none' },
  ] as const)('$name', ({ quals, item, day, expected }) => {
    const check = checkQualification(quals, item, day);
    expect(check.ok ? null : check.reason).toBe(expected);
  });
});
