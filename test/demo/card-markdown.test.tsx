// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CardMarkdown } from '../../smart-app/src/demo/cards/CardMarkdown';
import { escapeMarkdown, table } from '../../server/hooks/markdown';

afterEach(cleanup);

describe('card markdown in the demo workstation', () => {
  it('renders the service’s lab table as a table, cells unescaped, escaped pipes kept in their cell', () => {
    const detail = [
      '**申请项目**: 钾',
      '',
      table(
        ['项目', '结果', '提示'],
        [
          ['钾', '4.1', ''],
          ['a|b', '5*', ''],
        ],
      ),
      '',
      '> 急诊',
    ].join('\n');
    const { container } = render(<CardMarkdown markdown={detail} />);
    const tables = container.querySelectorAll('table');
    expect(tables).toHaveLength(1);
    const header = [...tables[0]!.querySelectorAll('thead th')].map((cell) => cell.textContent);
    expect(header).toEqual(['项目', '结果', '提示']);
    const rows = [...tables[0]!.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['钾', '4.1', ''],
      ['a|b', '5*', ''],
    ]);
    expect(container.querySelector('strong')?.textContent).toBe('申请项目');
    expect(container.querySelector('blockquote')?.textContent).toContain('急诊');
  });

  it('keeps emphasis and lists around and inside a table, and a pipe-less line is no table', () => {
    const detail = [
      '- 第一项',
      '- **第二项**',
      '',
      '| 项目 | 说明 |',
      '| :--- | ---: |',
      '| 钾 | *偏高* |',
      '',
      '项目 | 不是表格',
    ].join('\n');
    const { container } = render(<CardMarkdown markdown={detail} />);
    expect([...container.querySelectorAll('li')].map((item) => item.textContent)).toEqual(['第一项', '第二项']);
    expect(container.querySelector('li strong')?.textContent).toBe('第二项');
    expect(container.querySelector('td em')?.textContent).toBe('偏高');
    expect(container.querySelectorAll('table')).toHaveLength(1);
    expect(container.querySelector('th')?.style.textAlign).toBe('left');
    expect(container.textContent).toContain('项目 | 不是表格');
  });

  it('never renders raw HTML, images, or script links; links open in a new tab without an opener', () => {
    const hostile = [
      '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b>',
      '',
      '![pixel](https://tracker.example/p.png)',
      '',
      '[click](javascript:alert(3)) [viewer](https://pacs.example/viewer?study=1)',
      '',
      escapeMarkdown('<iframe src="https://evil.example">'),
    ].join('\n');
    const { container } = render(<CardMarkdown markdown={hostile} />);
    expect(container.querySelector('script, iframe, b, img')).toBeNull();
    expect(container.innerHTML).not.toContain('onerror');
    const links = [...container.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href') ?? '')).not.toContain('javascript:alert(3)');
    const viewer = links.find((link) => link.textContent === 'viewer');
    expect(viewer?.getAttribute('href')).toBe('https://pacs.example/viewer?study=1');
    expect(viewer?.getAttribute('target')).toBe('_blank');
    expect(viewer?.getAttribute('rel')).toContain('noopener');
    // Escaped HTML from another hospital's report stays text.
    expect(container.textContent).toContain('<iframe src="https://evil.example">');
  });
});
