import { describe, expect, it } from 'vitest';
import { checkMark, withoutMarks } from '../../rules';
import { chongqing, headCt, markedRegion, potassium } from './world';

// 001_0b4a79971fa7303c.txt: "在检验结果报告单相应检验项目名称前标注“京津冀鲁HR”标识(如报告单格式受限,可…标注“★”标识" and
// "在医学影像图像上医疗机构名称后增加“-JJJLHR”标识"
describe('mark: the result carries the recognition mark where the region requires one (001_0b4a79971fa7303c.txt)', () => {
  it.each([
    {
      name: 'region without a mark requirement accepts an unmarked result',
      policy: chongqing,
      mark: null,
      item: potassium,
      expected: null,
    },
    {
      name: 'marked lab result (京津冀鲁HR) is accepted',
      policy: markedRegion,
      mark: '京津冀鲁HR',
      item: potassium,
      expected: null,
    },
    { name: 'the ★ mark is accepted for lab items', policy: markedRegion, mark: '★', item: potassium, expected: null },
    {
      name: 'an unmarked result is refused where marks are required',
      policy: markedRegion,
      mark: null,
      item: potassium,
      expected: 'mark.missing',
    },
    {
      name: 'a lab mark does not mark an image (-JJJLHR is the imaging mark)',
      policy: markedRegion,
      mark: '京津冀鲁HR',
      item: headCt,
      expected: 'mark.missing',
    },
    {
      name: 'marked imaging result (-JJJLHR) is accepted',
      policy: markedRegion,
      mark: '-JJJLHR',
      item: headCt,
      expected: null,
    },
  ])('$name', ({ policy, mark, item, expected }) => {
    const check = checkMark(mark, item, policy);
    expect(check.ok ? null : check.reason).toBe(expected);
  });
});

// 001_0b4a79971fa7303c.txt: "在检验结果报告单相应检验项目名称前标注“京津冀鲁HR”标识" and
// "在医学影像图像上医疗机构名称后增加“-JJJLHR”标识": the mark is printed with the name, but is not part of it.
describe('withoutMarks: a name as printed, without the recognition mark (issue 23 point 7)', () => {
  const marks = ['京津冀鲁HR', '★', '-JJJLHR', '川渝HR'];
  it.each([
    ['京津冀鲁HR肌酐', '肌酐'],
    ['★钾', '钾'],
    ['头颅CT平扫-JJJLHR', '头颅CT平扫'],
    ['川渝HR 血常规', '血常规'],
    ['肌酐', '肌酐'],
    // A name that is only a mark is left alone rather than emptied.
    ['★', '★'],
  ])('%s → %s', (printed, plain) => {
    expect(withoutMarks(printed, marks)).toBe(plain);
  });
});
