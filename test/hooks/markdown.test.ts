import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeParagraph, fitSummary, table } from '../../server/hooks/markdown';

describe('markdown from other hospitals stays text', () => {
  it.each([
    ['a link', '[点我](https://evil.example)', '\\[点我\\]\\(https\\://evil.example\\)'],
    ['an image', '![x](https://evil.example/t.png)', '\\!\\[x\\]\\(https\\://evil.example/t.png\\)'],
    ['HTML', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    [
      'a bare web address',
      'see https://evil.example or www.evil.example',
      'see https\\://evil.example or www\\.evil.example',
    ],
    ['emphasis and code', '*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['control characters', 'a\u0000b\u0007c', 'abc'],
  ])('escapes %s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps numbers, dates and ranges readable', () => {
    expect(escapeMarkdown('4.1 mmol/L 3.5-5.3 2026-03-08')).toBe('4.1 mmol/L 3.5-5.3 2026-03-08');
  });

  it('turns each line of free text into an escaped line, so a heading marker cannot start one', () => {
    expect(escapeParagraph('# 标题\n正文')).toBe('\\# 标题  \n正文');
  });

  it('builds a table whose cells cannot break it', () => {
    expect(table(['项目', '结果'], [['钾|钠', '4.1\n5']])).toBe('| 项目 | 结果 |\n| --- | --- |\n| 钾\\|钠 | 4.1 5 |');
  });

  it('fits the CDS Hooks summary under 140 characters, counting Chinese characters as one each', () => {
    const long = '很'.repeat(300);
    expect([...fitSummary(long)].length).toBe(139);
    expect(fitSummary(long).endsWith('…')).toBe(true);
    expect(fitSummary('短')).toBe('短');
  });
});
