import { describe, expect, it } from 'vitest';
import { checkMethod, type TestSystem } from '../../rules';
import { creatinine, noSystem, potassium } from './world';

const enzymatic: TestSystem = { method: '酶法', brand: 'Roche cobas' };
const jaffe: TestSystem = { method: '苦味酸法', brand: 'Roche cobas' };
const otherBrand: TestSystem = { method: '酶法', brand: 'Beckman AU' };

describe('method: items that require it show the test system; a difference from ours is flagged', () => {
  it.each([
    { name: 'items without the requirement ignore the method', item: potassium, result: noSystem, local: enzymatic, requireMatch: true, expected: { ok: true, warning: null } },
    { name: 'creatinine must state its method or brand', item: creatinine, result: noSystem, local: enzymatic, requireMatch: false, expected: { ok: false, reason: 'method.not-stated' } },
    { name: 'same method and brand: no warning', item: creatinine, result: enzymatic, local: enzymatic, requireMatch: false, expected: { ok: true, warning: null } },
    { name: 'comparison ignores case and spacing', item: creatinine, result: { method: '酶法', brand: ' roche  COBAS ' }, local: enzymatic, requireMatch: true, expected: { ok: true, warning: null } },
    { name: 'a different method warns, since reference intervals differ', item: creatinine, result: jaffe, local: enzymatic, requireMatch: false, expected: { ok: true, warning: 'method.differs' } },
    { name: 'a different brand warns', item: creatinine, result: otherBrand, local: enzymatic, requireMatch: false, expected: { ok: true, warning: 'method.differs' } },
    { name: 'where the hospital requires a match, a different method excludes', item: creatinine, result: jaffe, local: enzymatic, requireMatch: true, expected: { ok: false, reason: 'method.mismatch' } },
    { name: 'our own system unknown: nothing to compare, no warning', item: creatinine, result: jaffe, local: undefined, requireMatch: true, expected: { ok: true, warning: null } },
    { name: 'only the brand stated, ours has both: compared on what both state', item: creatinine, result: { method: null, brand: 'Roche cobas' }, local: enzymatic, requireMatch: true, expected: { ok: true, warning: null } },
  ])('$name', ({ item, result, local, requireMatch, expected }) => {
    expect(checkMethod(item, result, local, requireMatch)).toEqual(expected);
  });
});
