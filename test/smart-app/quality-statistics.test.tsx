// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, mockNetwork } from './support/app';
import { openQualityConsole, preloadQualityConsole } from './quality-console-page';

const network = mockNetwork();
preloadQualityConsole();

/** A description list as [term, value] pairs. */
const figures = (region: HTMLElement) =>
  within(region)
    .getAllByRole('term')
    .map((term) => [term.textContent, term.nextElementSibling?.textContent]);

const tableRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );

describe('quality console: the figures as the quality department reads and defends them', () => {
  it("shows the period's figures with the rate's definition, and how everything is counted", async () => {
    await openQualityConsole(network);
    const overview = screen.getByRole('region', { name: '总体情况' });
    expect(figures(overview)).toEqual([
      ['提示的申请', '5'],
      ['可互认的申请', '4'],
      ['互认', '1'],
      ['互认率', '25.0%'],
      ['不互认（计入）', '1'],
      ['不计入的理由', '1'],
      ['未说明理由的重复检查', '1'],
      ['节省费用', '¥5.00'],
    ]);
    expect(
      within(overview).getByText('互认率 = 互认 ÷ 可互认的申请；未处理的提示和未说明理由的重复检查都算未互认。'),
    ).toBeTruthy();
    expect(screen.getByText('统计期间：2026-02-09 至 2026-03-10')).toBeTruthy();

    await doctor().click(screen.getByRole('button', { name: '统计口径' }));
    expect(
      await screen.findByText(/^可互认的申请：上述申请中，除去以“未收到外院影像资料”或“特定疾病持续监测”为由/),
    ).toBeTruthy();
  });

  it('draws the trend and the reasons, counted and not counted kept apart, with the same numbers as a table', async () => {
    await openQualityConsole(network);
    const trend = screen.getByRole('region', { name: '互认趋势' });
    // jsdom lays nothing out, so axes have no ticks to show; the chart and its legend are there.
    expect(trend.querySelector('svg')).toBeTruthy();
    for (const series of ['可互认的申请', '互认', '互认率'])
      expect(within(trend).getAllByText(series).length).toBeGreaterThan(0);

    const reasons = screen.getByRole('region', { name: '不互认理由' });
    expect(within(reasons).getAllByText('计入不互认').length).toBeGreaterThan(0);
    expect(within(reasons).getAllByText('不计入不互认').length).toBeGreaterThan(0);
    expect(tableRows(within(reasons).getByRole('table', { name: '不互认理由' }))).toEqual([
      ['病情变化，原结果与当前临床表现不符', '1', '计入不互认'],
      ['未收到外院影像资料（不计入不互认）', '1', '不计入不互认'],
    ]);
  });

  it('names the doctors whose non-recognition rate stands far from their department, and marks them in the breakdown by doctor', async () => {
    await openQualityConsole(network);
    const flagged = screen.getByRole('region', { name: '需关注的医生' });
    expect(within(flagged).getByRole('alert').textContent).toBe(
      '明显高于科室 · 赵华（呼吸内科门诊）：不互认率 90.0%，科室 40.0%，可互认申请 6 个',
    );

    const breakdown = screen.getByRole('region', { name: '分组统计' });
    const grid = () => within(breakdown).getByRole('grid');
    const labels = () =>
      within(grid())
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('gridcell')[0]?.textContent);
    expect(labels()).toEqual(['心血管内科门诊', '呼吸内科门诊']);
    const user = doctor();
    await user.click(within(breakdown).getByRole('tab', { name: '按医生' }));
    expect(labels()).toEqual(['李明', '赵华明显高于科室', '钱进']);
    await user.click(within(breakdown).getByRole('tab', { name: '按类别' }));
    expect(labels()).toEqual(['检验', 'CT']);
    const [lab] = within(grid())
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('gridcell')
          .map((cell) => cell.textContent),
      );
    expect(lab).toEqual(['检验', '3', '3', '0', '0', '0', '0', '0', '0.0%', '0.00']);
  });

  it('shows emergencies and repeats of our own results apart from the rate, each with its own figures', async () => {
    await openQualityConsole(network);
    const apart = screen.getByRole('region', { name: '不计入互认率的申请' });
    expect(figures(within(apart).getByRole('region', { name: '本院结果的重复检查' }))).toEqual([
      ['申请', '2'],
      ['采用', '1'],
      ['重新检查（有理由）', '0'],
      ['未处理', '0'],
      ['未说明理由', '1'],
      ['提示', '3'],
      ['节省费用', '¥120.00'],
    ]);
    expect(figures(within(apart).getByRole('region', { name: '急诊' }))).toEqual([
      ['申请', '1'],
      ['采用', '0'],
      ['重新检查（有理由）', '0'],
      ['未处理', '1'],
      ['提示', '2'],
      ['节省费用', '¥0.00'],
    ]);
  });

  it('shows the figures the policy texts ask for: items against 200 and 300, repeats of the same patient, exceptions informed', async () => {
    await openQualityConsole(network);
    const items = screen.getByRole('region', { name: '本院互认的项目数' });
    expect(within(items).getByText('本期互认 1 项')).toBeTruthy();
    expect(within(items).getByText('地市域内目标：超过 200 项')).toBeTruthy();
    expect(
      Number(within(items).getByRole('progressbar', { name: '相对省域内目标的进度' }).getAttribute('aria-valuenow')),
    ).toBeCloseTo(100 / 300);
    const repeats = screen.getByRole('region', { name: '同一患者的重复检查检验' });
    expect(
      within(repeats).getByText('已有外院可互认结果仍重复检查 3 次，涉及患者 2 人，其中 1 人超过一次。'),
    ).toBeTruthy();
    expect(tableRows(within(repeats).getByRole('table'))).toEqual([
      ['3f9a0c1d', '胸部CT平扫', '2'],
      ['7be21d40', '乙型肝炎病毒表面抗原', '1'],
    ]);
    const informing = screen.getByRole('region', { name: '不互认的患者告知' });
    expect(within(informing).getByText('计入不互认的 4 个申请中，3 个已告知患者或家属（75.0%）。')).toBeTruthy();
    expect(within(informing).getByText(/^其中 1 个的理由缺少必需的说明/)).toBeTruthy();
  });
});
