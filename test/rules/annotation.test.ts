import { describe, expect, it } from 'vitest';
import { checkAnnotation, type TestSystem } from '../../rules';
import { afp, creatinine, noSystem, potassium } from './world';

const enzymatic: TestSystem = { method: '酶法', brand: 'Roche cobas' };
const jaffe: TestSystem = { method: '苦味酸法', brand: 'Roche cobas' };
const otherBrand: TestSystem = { method: '酶法', brand: 'Beckman AU' };

// 001_0b4a79971fa7303c.txt: "临床免疫、凝血试验项目应注明检测系统品牌；部分临床生化项目(如肌酐、白蛋白等)应注明检测方法"
describe('annotation: brand for immunology and coagulation, method for some chemistry, each its own rule (001_0b4a79971fa7303c.txt)', () => {
  it.each([
    {
      name: 'items without the requirement ignore the test system',
      item: potassium,
      result: noSystem,
      local: enzymatic,
      required: true,
      requireMatch: true,
      expected: { ok: true, warnings: [] },
    },
    {
      name: '应注明检测方法: creatinine without its method is excluded',
      item: creatinine,
      result: noSystem,
      local: enzymatic,
      required: true,
      requireMatch: false,
      expected: { ok: false, reasons: ['method.not-stated'] },
    },
    {
      name: '应注明检测方法: a brand alone does not state the method',
      item: creatinine,
      result: { method: null, brand: 'Roche cobas' },
      local: enzymatic,
      required: true,
      requireMatch: false,
      expected: { ok: false, reasons: ['method.not-stated'] },
    },
    {
      name: '应注明检测系统品牌: a method alone does not state the brand',
      item: afp,
      result: { method: '化学发光法', brand: null },
      local: undefined,
      required: true,
      requireMatch: false,
      expected: { ok: false, reasons: ['brand.not-stated'] },
    },
    {
      name: '应注明检测系统品牌: AFP with its brand is fine',
      item: afp,
      result: { method: null, brand: 'Roche cobas' },
      local: undefined,
      required: true,
      requireMatch: false,
      expected: { ok: true, warnings: [] },
    },
    {
      name: 'where the region does not require it, a missing annotation does not exclude',
      item: creatinine,
      result: noSystem,
      local: enzymatic,
      required: false,
      requireMatch: false,
      expected: { ok: true, warnings: [] },
    },
    {
      name: 'same method: no warning',
      item: creatinine,
      result: enzymatic,
      local: enzymatic,
      required: true,
      requireMatch: false,
      expected: { ok: true, warnings: [] },
    },
    {
      name: 'comparison ignores case and spacing',
      item: creatinine,
      result: { method: ' 酶法 ', brand: null },
      local: enzymatic,
      required: true,
      requireMatch: true,
      expected: { ok: true, warnings: [] },
    },
    {
      name: 'a different method warns, since reference intervals differ',
      item: creatinine,
      result: jaffe,
      local: enzymatic,
      required: true,
      requireMatch: false,
      expected: { ok: true, warnings: ['method.differs'] },
    },
    {
      name: 'for a method item a different brand is not the rule: no warning',
      item: creatinine,
      result: otherBrand,
      local: enzymatic,
      required: true,
      requireMatch: false,
      expected: { ok: true, warnings: [] },
    },
    {
      name: 'for a brand item a different brand warns',
      item: afp,
      result: otherBrand,
      local: enzymatic,
      required: true,
      requireMatch: false,
      expected: { ok: true, warnings: ['brand.differs'] },
    },
    {
      name: 'where the hospital requires a match, a different method excludes',
      item: creatinine,
      result: jaffe,
      local: enzymatic,
      required: true,
      requireMatch: true,
      expected: { ok: false, reasons: ['method.mismatch'] },
    },
    {
      name: 'our own system unknown: nothing to compare, no warning',
      item: creatinine,
      result: jaffe,
      local: undefined,
      required: true,
      requireMatch: true,
      expected: { ok: true, warnings: [] },
    },
  ])('$name', ({ item, result, local, required, requireMatch, expected }) => {
    expect(checkAnnotation(item, result, local, required, requireMatch)).toEqual(expected);
  });
});
