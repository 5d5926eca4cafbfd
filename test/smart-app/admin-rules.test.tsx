// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, loadPage, mockNetwork } from './support/app';
import { ADMIN_TOKEN, FakeAdminApi } from './admin-fake-api';
import { openAdminConsole, preloadAdminConsole } from './admin-console-page';

const network = mockNetwork();
preloadAdminConsole();

const editor = () => screen.getByRole('region', { name: '修改规则' });
const button = (name: string) => within(editor()).getByRole('button', { name });
const listed = (element: HTMLElement) =>
  within(element)
    .getAllByRole('listitem')
    .map((item) => item.textContent);

/** Narrows 头颅CT平扫 to `days` in the editor. */
async function narrowHeadCt(days: string) {
  const user = doctor();
  const windows = within(editor()).getByRole('region', { name: '缩短有效期' });
  await user.type(within(windows).getByRole('combobox', { name: '选择项目' }), '头颅CT平扫');
  await user.click(await screen.findByRole('option', { name: '头颅CT平扫 (CT-HEAD)' }));
  await user.click(within(windows).getByRole('button', { name: '添加' }));
  const field = within(windows).getByRole('textbox', { name: '头颅CT平扫 有效期（天）' });
  await user.clear(field);
  await user.type(field, days);
  return field;
}

const helpOf = (field: HTMLElement) =>
  document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent;

describe("admin console: the hospital's rules, changed only after a dry run", () => {
  it('signs in with an admin token and shows the rules in force: version, who, when, and how they depart from the defaults', async () => {
    const api = new FakeAdminApi();
    network.use(...api.handlers());
    await loadPage('/app/admin');
    const user = doctor();
    await user.type(await screen.findByLabelText(/API 令牌/), 'hrn_wrong');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('令牌无效或已被撤销，请检查后重试。')).toBeTruthy();
    await user.clear(screen.getByLabelText(/API 令牌/));
    await user.type(screen.getByLabelText(/API 令牌/), ADMIN_TOKEN);
    await user.click(screen.getByRole('button', { name: '登录' }));
    const current = await screen.findByRole('region', { name: '当前规则' });
    expect(within(current).getByText(/^第 2 版，信息科 于 2026-03-09 \d\d:00 修改$/)).toBeTruthy();
    expect(listed(current)).toEqual([
      '胸部CT平扫 有效期：地区默认 (3 个月) → 60 天',
      '提示级别：地区默认 → 信息（蓝色，仅提示）',
    ]);
    expect(screen.getByText('医院编码：H-CQ-001')).toBeTruthy();
    expect(window.sessionStorage.getItem('huren.console.admin.token')).toBe(ADMIN_TOKEN);
  });

  it('shows the dry run before anything can be saved, then saves exactly what was replayed', async () => {
    const api = await openAdminConsole(network);
    const user = doctor();
    expect(within(editor()).getByRole('status').textContent).toBe('规则没有修改。');
    await user.click(within(editor()).getByRole('checkbox', { name: '停用CT' }));
    await narrowHeadCt('30');
    await user.click(within(editor()).getByRole('switch', { name: /急诊就诊时不弹出互认提示/ }));
    expect(listed(within(editor()).getByRole('list', { name: '本次修改：' }))).toEqual([
      '停用专业：CT',
      '头颅CT平扫 有效期：地区默认 (3 个月) → 30 天',
      '急诊不弹出提示：地区默认 → 是',
    ]);
    expect(within(editor()).getByRole('status').textContent).toBe('保存前请先试运行，查看这次修改对过去提示的影响。');
    expect(button('保存').hasAttribute('disabled')).toBe(true);

    await user.click(button('试运行'));
    const report = await within(editor()).findByRole('region', { name: '试运行结果：最近 30 天' });
    const proposed = {
      disabledItems: [],
      disabledDisciplines: ['ct'],
      windowDays: { 'CT-CHEST': 60, 'CT-HEAD': 30 },
      indicator: 'info',
      silenceInEmergency: true,
    };
    expect(JSON.parse(api.sent('POST', '/api/admin/rules/dry-run')[0]?.body ?? '')).toEqual({
      override: proposed,
      days: 30,
    });
    expect(
      within(report)
        .getAllByRole('term')
        .map((term) => [term.textContent, term.nextElementSibling?.textContent]),
    ).toEqual([
      ['重放的提示', '14'],
      ['不受影响', '10'],
      ['将不再提示', '4'],
      ['其中医生曾经互认的', '1'],
      ['提示级别改变', '0'],
    ]);
    expect(within(report).getByText('本院停用了该项目或专业：3 条')).toBeTruthy();
    expect(within(report).getByText('超过有效期、下级医院结果不在认可范围：1 条')).toBeTruthy();
    expect(within(report).getByText(/^说明：系统只保存了曾经弹出提示的申请，试运行只能重放这些提示/)).toBeTruthy();
    expect(api.sent('PUT', '/api/admin/rules')).toEqual([]);

    await user.click(button('保存'));
    expect(await screen.findByText('已保存为第 3 版。')).toBeTruthy();
    expect(JSON.parse(api.sent('PUT', '/api/admin/rules')[0]?.body ?? '')).toEqual(proposed);
    expect(api.sent('PUT', '/api/admin/rules')[0]?.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: '当前规则' })).getByText(/^第 3 版/)).toBeTruthy(),
    );
    // The history is read again and shows the new version on top.
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: '变更记录' })).getAllByRole('heading', { level: 3 })[0]?.textContent,
      ).toMatch(/^第 3 版 · 保存 · 信息科/),
    );
    expect(within(editor()).getByRole('status').textContent).toBe('规则没有修改。');
  });

  it('an edit after the dry run needs a new dry run, and says the report is out of date', async () => {
    await openAdminConsole(network);
    const user = doctor();
    await user.click(within(editor()).getByRole('checkbox', { name: '停用CT' }));
    await user.click(button('试运行'));
    await within(editor()).findByRole('region', { name: '试运行结果：最近 30 天' });
    expect(button('保存').hasAttribute('disabled')).toBe(false);
    await user.click(within(editor()).getByRole('checkbox', { name: '停用超声' }));
    expect(button('保存').hasAttribute('disabled')).toBe(true);
    expect(within(editor()).getByText('规则又修改过，请重新试运行。')).toBeTruthy();
  });

  it("refuses a window longer than the region's bound at its field, before asking the server", async () => {
    const api = await openAdminConsole(network);
    const field = await narrowHeadCt('120');
    expect(helpOf(field)).toBe('不能超过地区上限 89 天');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(button('试运行').hasAttribute('disabled')).toBe(true);
    expect(within(editor()).getByRole('status').textContent).toBe('请先更正标出的各项。');
    expect(api.sent('POST', '/api/admin/rules/dry-run')).toEqual([]);
  });

  it("shows the server's out-of-bounds refusal at the field it names (the region narrowed the bound since the page loaded)", async () => {
    const api = new FakeAdminApi();
    api.serverBounds.set('CT-HEAD', 30);
    await openAdminConsole(network, api);
    const field = await narrowHeadCt('60');
    expect(helpOf(field)).toBe('地区上限 89 天');
    await doctor().click(button('试运行'));
    await waitFor(() =>
      expect(helpOf(field)).toBe("超出地区政策允许的范围。 windowDays.CT-HEAD: beyond the region's bound (30)"),
    );
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(within(editor()).queryByRole('region', { name: /试运行结果/ })).toBeNull();
    expect(button('保存').hasAttribute('disabled')).toBe(true);
    // Changing the field clears the refusal: the next dry run will judge it.
    await doctor().type(field, '{Backspace}');
    expect(helpOf(field)).toBe('地区上限 89 天');
  });

  it('offers only the lower-level acceptance the region allows', async () => {
    const narrow = new FakeAdminApi();
    narrow.lowerLevelAcceptance = { default: 'alliance', max: 'alliance' };
    await openAdminConsole(network, narrow);
    const group = within(editor()).getByRole('group', { name: '认可下级医院的结果' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual(['仅认可同一医联体（医共体）内下级医院的结果']);
    expect(within(group).getByText('地区政策最宽允许：仅认可同一医联体（医共体）内下级医院的结果')).toBeTruthy();
  });
});
