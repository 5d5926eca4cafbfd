import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { excelCsv, neutralisedCell } from '../../server/csv/excel-csv';

/** The cells of a written CSV as a spreadsheet's importer would split them (byte-order mark dropped). */
const cells = (csv: string): string[][] =>
  parse(csv.replace(/^\uFEFF/, ''), { record_delimiter: '\r\n' }) as string[][];

describe('CSV cells cannot run as formulas (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")'],
    ["+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0"],
    ['\t=1+1'],
    ['\r=1+1'],
  ])('%j is written as text, behind a single quote', (formula) => {
    const [[cell]] = cells(excelCsv([[formula]])) as [[string]];
    expect(cell).toBe(`'${formula}`);
  });

  it('leaves ordinary text, numbers (negative ones too), empty cells and a formula sign inside the text alone', () => {
    expect(cells(excelCsv([['钾', 'a=b', '40.0%', 5, -3, null, undefined, '2026-03-10 10:00:00+08:00']]))).toEqual([
      ['钾', 'a=b', '40.0%', '5', '-3', '', '', '2026-03-10 10:00:00+08:00'],
    ]);
    expect(neutralisedCell(-3)).toBe(-3);
  });

  it('starts with a byte-order mark and ends lines with CRLF, for Excel', () => {
    const csv = excelCsv([
      ['项目', '次数'],
      ['钾', 1],
    ]);
    expect(csv).toBe('\uFEFF项目,次数\r\n钾,1\r\n');
  });
});
