import { describe, expect, it } from 'vitest';
import { checkItem, type HospitalOverride } from '../../rules';
import { configure, creatinine, headCt, potassium, retired } from './world';

const none: HospitalOverride = { disabledItems: [], disabledDisciplines: [], windowDays: {} };

describe('item: the order maps to an item of the active catalog, not disabled for the ordering hospital', () => {
  it.each([
    { name: 'a mapped active item is judged', code: potassium.code, override: none, expected: null },
    { name: 'an order whose codes map to nothing', code: null, override: none, expected: 'item.unmapped' },
    { name: 'a code that is not in the catalog', code: 'LAB-NOPE', override: none, expected: 'item.unmapped' },
    { name: 'an item withdrawn from the catalog', code: retired.code, override: none, expected: 'item.inactive' },
    {
      name: 'an item the hospital switched off',
      code: creatinine.code,
      override: { ...none, disabledItems: [creatinine.code] },
      expected: 'item.disabled',
    },
    {
      name: 'a whole discipline the hospital switched off',
      code: headCt.code,
      override: { ...none, disabledDisciplines: ['ct'] },
      expected: 'item.disabled',
    },
    {
      name: 'switching off one discipline leaves the others',
      code: potassium.code,
      override: { ...none, disabledDisciplines: ['ct'] },
      expected: null,
    },
  ] as const)('$name', ({ code, override, expected }) => {
    const check = checkItem(code, configure({ override }));
    expect(check.ok ? null : check.refusal).toBe(expected);
  });
});
