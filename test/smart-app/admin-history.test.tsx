// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, mockNetwork } from './support/app';
import { ADMIN_TOKEN } from './admin-fake-api';
import { openAdminConsole, preloadAdminConsole } from './admin-console-page';

const network = mockNetwork();
preloadAdminConsole();

const history = () => screen.getByRole('region', { name: '变更记录' });
/** Each version as its heading line and its changes, newest first. */
const versions = () =>
  within(within(history()).getByRole('list', { name: '变更记录' }))
    .getAllByRole('listitem')
    .filter((item) => within(item).queryByRole('heading'))
    .map((item) => [
      within(item).getByRole('heading').textContent,
      ...within(item)
        .getAllByRole('listitem')
        .map((change) => change.textContent),
    ]);

describe('admin console: every version of the rules, and rolling back to one', () => {
  it('lists who changed what when, before → after in words, newest first', async () => {
    await openAdminConsole(network);
    expect(versions()).toEqual([
      [
        expect.stringMatching(/^第 2 版 · 保存 · 信息科 · 2026-03-09 \d\d:00$/),
        '恢复专业：超声',
        '胸部CT平扫 有效期：地区默认 (3 个月) → 60 天',
        '提示级别：地区默认 → 信息（蓝色，仅提示）',
      ],
      [expect.stringMatching(/^第 1 版 · 保存 · 信息科 · 2026-03-01 \d\d:00$/), '停用专业：超声'],
    ]);
    expect(within(history()).getByText('当前版本')).toBeTruthy();
    expect(within(history()).queryByRole('button', { name: '回滚到第 2 版' })).toBeNull();
  });

  it('rolls back to an earlier version after asking, and the rules in force and the history follow', async () => {
    const api = await openAdminConsole(network);
    const user = doctor();
    await user.click(within(history()).getByRole('button', { name: '回滚到第 1 版' }));
    const dialog = await screen.findByRole('dialog', { name: '回滚到第 1 版？' });
    expect(api.sent('POST', '/api/admin/rules/rollback')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: '回滚' }));
    expect(await screen.findByText('已回滚：第 1 版的规则现为第 3 版。')).toBeTruthy();
    const [rollback] = api.sent('POST', '/api/admin/rules/rollback');
    expect(JSON.parse(rollback?.body ?? '')).toEqual({ version: 1 });
    expect(rollback?.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    expect(
      within(screen.getByRole('region', { name: '当前规则' }))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['停用专业：超声']);
    await waitFor(() => expect(versions()[0]?.[0]).toMatch(/^第 3 版 · 回滚 · 信息科/));
    expect(versions()[0]?.slice(1)).toEqual([
      '停用专业：超声',
      '胸部CT平扫 有效期：60 天 → 地区默认 (3 个月)',
      '提示级别：信息（蓝色，仅提示） → 地区默认',
    ]);
    // The editor starts again from the rules now in force.
    expect(
      within(screen.getByRole('region', { name: '修改规则' })).getByRole('checkbox', { name: '停用超声' }),
    ).toHaveProperty('checked', true);
  });

  it("rolls back to the region's defaults: no hospital rules at all (issue 11 point 13)", async () => {
    const api = await openAdminConsole(network);
    const user = doctor();
    await user.click(within(history()).getByRole('button', { name: '恢复为区域默认规则（不设院内规则）' }));
    const dialog = await screen.findByRole('dialog', { name: '恢复为区域默认规则？' });
    await user.click(within(dialog).getByRole('button', { name: '回滚' }));
    expect(await screen.findByText('已恢复为区域默认规则（不设院内规则），现为第 3 版。')).toBeTruthy();
    expect(JSON.parse(api.sent('POST', '/api/admin/rules/rollback')[0]?.body ?? '')).toEqual({ version: 0 });
    await waitFor(() => expect(versions()[0]?.[0]).toMatch(/^第 3 版 · 回滚 · 信息科/));
    // At the defaults already: nothing more to go back to.
    expect(within(history()).queryByRole('button', { name: '恢复为区域默认规则（不设院内规则）' })).toBeNull();
  });

  it('cancelling asks nothing of the server', async () => {
    const api = await openAdminConsole(network);
    const user = doctor();
    await user.click(within(history()).getByRole('button', { name: '回滚到第 1 版' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.sent('POST', '/api/admin/rules/rollback')).toEqual([]);
  });
});
