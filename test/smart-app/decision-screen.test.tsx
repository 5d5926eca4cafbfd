// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, mockNetwork, openCard } from './support/app';
import { FakeDecisionApi } from './support/decision-api';

const network = mockNetwork();

const resultCard = (institution: string) => screen.getByRole('article', { name: institution });

describe('the decision screen', () => {
  it('shows the ordered item and the best result with everything needed to accept it, its 采用 button first and focused', async () => {
    await openCard(network, new FakeDecisionApi('potassium'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('钾');
    expect(screen.getByRole('heading', { level: 2, name: '可互认的外院结果（1）' })).toBeTruthy();
    const card = resultCard('渝中区人民医院');
    expect(within(card).getByText('二级甲等')).toBeTruthy();
    // 重庆 requires no mark: its absence is not worth a chip there (issue 23 point 7).
    expect(within(card).queryByText('无互认标识')).toBeNull();
    expect(within(card).getByText('检查日期 2026-03-08（2天前）')).toBeTruthy();
    expect(within(card).getByText('有效期剩余5天（至2026-03-15）')).toBeTruthy();
    // The lab table: value, unit, reference range, and the abnormal flag in words.
    const row = within(card).getByRole('row', { name: /钾/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['5.6', 'mmol/L', '3.5-5.3', '↑ 偏高']);
    const accept = within(card).getByRole('button', { name: '采用此结果：渝中区人民医院 2026-03-08' });
    expect(document.activeElement).toBe(accept);
    // The first button in the card: before the report and anything else to press.
    expect(within(card).getAllByRole('button')[0]).toBe(accept);
  });

  it('says a result carries no recognition mark where the region requires one', async () => {
    await openCard(network, new FakeDecisionApi('potassium', { markRequired: true }));
    expect(within(resultCard('渝中区人民医院')).getByText('无互认标识')).toBeTruthy();
  });

  it('says in an emergency, as the card does, that the results are for reference and the doctor decides', async () => {
    await openCard(network, new FakeDecisionApi('potassium', { encounterKind: 'emergency' }));
    expect(screen.getByText('急诊就诊：以下结果可供参考，是否重新检查由接诊医生根据病情决定。')).toBeTruthy();
  });

  it('says nothing of an emergency at an outpatient visit', async () => {
    await openCard(network, new FakeDecisionApi('potassium'));
    expect(screen.queryByText(/急诊就诊/)).toBeNull();
  });

  it('shows the method and brand where the item needs them, and warns when they differ from ours', async () => {
    await openCard(network, new FakeDecisionApi('creatinine'));
    const card = resultCard('渝中区人民医院');
    expect(within(card).getByText('互认标识：★')).toBeTruthy();
    expect(within(card).getByText('检测系统：方法 苦味酸法，品牌 Beckman AU5800')).toBeTruthy();
    const warning = within(card).getByRole('alert');
    expect(warning.textContent).toContain('检测方法与本院不同，参考区间可能不同');
    expect(warning.textContent).toContain('本院：方法 酶法，品牌 Roche cobas c702');
  });

  it('shows an imaging report (检查所见, 诊断意见) with its image viewer in a new tab', async () => {
    await openCard(network, new FakeDecisionApi('chest-ct'));
    const card = resultCard('嘉陵江中心医院');
    expect(within(card).getByText('检查所见').nextElementSibling?.textContent).toBe(
      '右肺上叶见一直径约4mm的实性小结节，边界清。',
    );
    // The external impression only under its own heading, apart from the findings (issue 9 point 6).
    const impression = within(card).getByRole('complementary', { name: '外院诊断意见（仅供参考）' });
    expect(within(impression).getByText('右肺上叶微小结节，建议年度随访。')).toBeTruthy();
    expect(within(impression).getByText('外院医师出具的诊断结论，不属于互认内容。')).toBeTruthy();
    expect(within(card).getByText('检查所见').nextElementSibling?.textContent).not.toContain('建议年度随访');
    const viewer = within(card).getByRole('link', { name: '查看影像（在新窗口打开）' });
    expect(viewer.getAttribute('href')).toBe('https://pacs.example/H-CQ-002/viewer?study=2.25.421549154');
    expect(viewer.getAttribute('target')).toBe('_blank');
    expect(viewer.getAttribute('rel')).toContain('noopener');
  });

  it('keeps excluded results closed until asked, then lists each with its reasons', async () => {
    await openCard(network, new FakeDecisionApi('chest-ct'));
    const toggle = screen.getByRole('button', { name: '未纳入互认的结果（1）' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('出具机构的质控资质在结果日期不在有效期内')).toBeNull();
    await doctor().click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('heading', { level: 3, name: '南岸区第二人民医院（二级乙等） · 胸部CT平扫' })).toBeTruthy();
    expect(screen.getByText('出具机构的质控资质在结果日期不在有效期内')).toBeTruthy();
    expect(screen.getByText('下级机构结果：本院仅认可同一医联体内下级机构的结果')).toBeTruthy();
  });

  it('switches to English: the screen, and the server texts asked for with Accept-Language, and remembers it', async () => {
    const api = new FakeDecisionApi('creatinine');
    await openCard(network, api);
    const user = doctor();
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Creatinine' })).toBeTruthy();
    expect(api.viewLanguages.at(-1)).toBe('en');
    expect(screen.getByRole('heading', { level: 2, name: 'Recognisable external results (1)' })).toBeTruthy();
    const card = resultCard('渝中区人民医院');
    expect(within(card).getByRole('alert').textContent).toContain('Ours: method 酶法, brand Roche cobas c702');
    expect(within(card).getByRole('button', { name: 'Use this result: 渝中区人民医院 2026-03-05' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Language' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem('huren.language')).toBe('en');
    await user.click(screen.getByRole('button', { name: '中文' }));
    expect(await screen.findByRole('heading', { level: 1, name: '肌酐' })).toBeTruthy();
    expect(api.viewLanguages.at(-1)).toBe('zh-CN');
  });

  it('opens in English when English was chosen before', async () => {
    window.localStorage.setItem('huren.language', 'en');
    const api = new FakeDecisionApi('potassium');
    await openCard(network, api);
    expect(screen.getByRole('heading', { level: 1, name: 'Potassium' })).toBeTruthy();
    expect(new Set(api.viewLanguages)).toEqual(new Set(['en']));
    expect(screen.getByText('Done 2026-03-08 (2 days ago)')).toBeTruthy();
  });
});
