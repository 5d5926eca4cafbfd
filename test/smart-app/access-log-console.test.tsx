// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { doctor, loadPage, mockNetwork } from './support/app';
import { ADMIN_TOKEN, FakeAccessLogApi, KEY_WANG, KEY_ZHANG, QUALITY_TOKEN, reads } from './access-log-fake-api';

const network = mockNetwork();
beforeAll(async () => {
  // The page's own chunk (grid, pickers), once per file, so the first test's time is its own.
  await import('../../smart-app/src/access-log/AccessLogConsole');
}, 60_000);

/** Opens the quality console's access log signed in (the token in the tab's storage, as after signing in). */
async function openAccessLog(api: FakeAccessLogApi): Promise<void> {
  network.use(...api.handlers());
  window.sessionStorage.setItem('huren.console.quality.token', QUALITY_TOKEN);
  await loadPage('/app/quality/access-log');
  await screen.findByRole('heading', { level: 1, name: '访问日志' });
}

const grid = () => screen.getByRole('grid', { name: '访问记录' });
const section = () => screen.getByRole('region', { name: '访问记录' });
/** The cells of the listed rows, by column, as the reader sees them. */
const listed = (field: string) =>
  Array.from(grid().querySelectorAll(`[role="row"] [role="gridcell"][data-field="${field}"]`)).map(
    (cell) => cell.textContent,
  );

describe('the access log page (quality console)', () => {
  it("lists the hospital's reads newest first: when in local time, who, endpoint, the patient key shortened with copy, results, hospital", async () => {
    const api = new FakeAccessLogApi(reads(3));
    await openAccessLog(api);
    await waitFor(() => expect(listed('at')).toHaveLength(3));
    expect(listed('at')).toEqual(
      [2, 1, 0].map((minute) => dayjs(Date.UTC(2026, 2, 10, 2, minute)).format('YYYY-MM-DD HH:mm:ss')),
    );
    // Who looked, as people know them: the doctor the EHR named, not the EHR's issuer (issue 23 point 9).
    expect(listed('actor')).toEqual([
      '医生工作站 · 李明（Practitioner/dr-li）',
      'API 令牌 · 质控科 王敏',
      '医生工作站 · 李明（Practitioner/dr-li）',
    ]);
    expect(listed('endpoint')).toEqual(['开单时的提示', '结果说明（explain）', '开单时的提示']);
    expect(listed('patientKey')).toEqual([KEY_ZHANG, KEY_ZHANG, KEY_WANG].map((key) => `${key.slice(0, 10)}…`));
    expect(listed('results')).toEqual(['3', '2', '1']);
    expect(listed('hospitalId')).toEqual(Array.from({ length: 3 }, () => '山城医科大学附属第一医院'));
    expect(api.last().get('limit')).toBe('25');

    const user = doctor();
    await user.click(
      within(grid()).getAllByRole('button', { name: `复制患者标识 ${KEY_WANG.slice(0, 10)}…` })[0] as HTMLElement,
    );
    expect(await screen.findByText('已复制患者标识')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(KEY_WANG);

    // Reached from the console's navigation, beside the console's own page; nothing on it changes the log.
    const navigation = screen.getByRole('navigation', { name: '控制台页面' });
    expect(within(navigation).getByRole('link', { name: '质控统计' }).getAttribute('href')).toBe('/app/quality');
    expect(within(navigation).getByRole('link', { name: '访问日志' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('button', { name: /删除|修改|编辑/ })).toBeNull();
  });

  it('sends the endpoint and the patient filters in the query string; a row takes its patient as the filter', async () => {
    const api = new FakeAccessLogApi(reads(6));
    await openAccessLog(api);
    await waitFor(() => expect(listed('at')).toHaveLength(6));
    const user = doctor();
    await user.click(screen.getByRole('combobox', { name: '访问途径' }));
    await user.click(await screen.findByRole('option', { name: '结果说明（explain）' }));
    await waitFor(() => expect(api.last().get('endpoint')).toBe('POST /api/explain'));
    await waitFor(() =>
      expect(listed('endpoint')).toEqual(['结果说明（explain）', '结果说明（explain）', '结果说明（explain）']),
    );

    await user.type(screen.getByRole('textbox', { name: '患者' }), `${KEY_WANG}{Enter}`);
    await waitFor(() =>
      expect(Object.fromEntries(api.last())).toEqual({
        endpoint: 'POST /api/explain',
        patientKey: KEY_WANG,
        limit: '25',
      }),
    );
    await waitFor(() => expect(listed('patientKey')).toEqual([`${KEY_WANG.slice(0, 10)}…`]));

    // A national ID goes as one (the server turns it into the key); the filter button on a row takes the row's key.
    await user.clear(screen.getByRole('textbox', { name: '患者' }));
    await user.type(screen.getByRole('textbox', { name: '患者' }), '500101198001010011{Enter}');
    await waitFor(() => expect(api.last().get('nationalId')).toBe('500101198001010011'));
    expect(api.last().get('patientKey')).toBeNull();

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(Object.fromEntries(api.last())).toEqual({ limit: '25' }));
    await waitFor(() => expect(listed('at')).toHaveLength(6));
    await user.click(
      within(grid()).getAllByRole('button', { name: `只看患者 ${KEY_ZHANG.slice(0, 10)}… 的记录` })[0] as HTMLElement,
    );
    await waitFor(() => expect(api.last().get('patientKey')).toBe(KEY_ZHANG));
  });

  it("pages over the API's cursor: the next page asks for entries before the last one shown, and back again", async () => {
    const api = new FakeAccessLogApi(reads(60));
    await openAccessLog(api);
    await waitFor(() => expect(listed('at')).toHaveLength(25));
    // The total from the first page on, not "more than 25" (issue 23 point 9).
    expect(await within(section()).findByText('1–25 共 60')).toBeTruthy();
    const user = doctor();
    const nextPage = () => within(section()).getByRole('button', { name: '下一页' });
    await user.click(nextPage());
    await waitFor(() => expect(api.last().get('before')).toBe('36'));
    await waitFor(() =>
      expect(listed('at')[0]).toBe(dayjs(Date.UTC(2026, 2, 10, 2, 34)).format('YYYY-MM-DD HH:mm:ss')),
    );
    await user.click(nextPage());
    await waitFor(() => expect(api.last().get('before')).toBe('11'));
    await waitFor(() => expect(listed('at')).toHaveLength(10));
    // The last page: the total kept from the first, and no further page.
    expect(await within(section()).findByText('51–60 共 60')).toBeTruthy();
    expect(nextPage().hasAttribute('disabled')).toBe(true);

    await user.click(within(section()).getByRole('button', { name: '上一页' }));
    await waitFor(() =>
      expect(listed('at')[0]).toBe(dayjs(Date.UTC(2026, 2, 10, 2, 34)).format('YYYY-MM-DD HH:mm:ss')),
    );
    expect(api.last().get('before')).toBe('36');

    // A new filter starts again at the newest entries.
    await user.click(screen.getByRole('combobox', { name: '访问途径' }));
    await user.click(await screen.findByRole('option', { name: '开单时的提示' }));
    await waitFor(() =>
      expect(Object.fromEntries(api.last())).toEqual({
        endpoint: 'POST /cds-services/recognition-order-select',
        limit: '25',
      }),
    );
  });

  it('says so when no read matches', async () => {
    await openAccessLog(new FakeAccessLogApi([]));
    expect(await screen.findByText('所选条件下没有访问记录。')).toBeTruthy();
  });

  it('shows a failure in words with a retry that recovers', async () => {
    const api = new FakeAccessLogApi(reads(2));
    api.failing = true;
    await openAccessLog(api);
    expect(await screen.findByText('服务器出现意外错误，请稍后重试。')).toBeTruthy();
    api.failing = false;
    await doctor().click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(listed('at')).toHaveLength(2));
    expect(screen.queryByText('服务器出现意外错误，请稍后重试。')).toBeNull();
  });

  it('sends a period of local days as instants: from the first day’s midnight to the midnight after the last', async () => {
    const api = new FakeAccessLogApi(reads(2));
    await openAccessLog(api);
    const user = doctor();
    await user.click(within(screen.getByRole('group', { name: '开始日期' })).getByRole('button'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('gridcell', { name: '1' }));
    await waitFor(() => expect(api.last().get('from')).not.toBeNull());
    const from = dayjs(api.last().get('from'));
    expect(from.date()).toBe(1);
    expect(from.format('HH:mm:ss')).toBe('00:00:00');
    await user.click(within(screen.getByRole('group', { name: '结束日期' })).getByRole('button'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('gridcell', { name: '2' }));
    await waitFor(() => expect(api.last().get('to')).not.toBeNull());
    expect(dayjs(api.last().get('to')).diff(from, 'hour')).toBe(48);
    expect(api.last().get('from')).toBe(from.toISOString());
  });
});

describe('the access log page (admin console)', () => {
  it('an administrator signs in on it with an admin token, and its navigation leads back to the rules', async () => {
    const api = new FakeAccessLogApi(reads(2));
    network.use(...api.handlers());
    await loadPage('/app/admin/access-log');
    expect(await screen.findByRole('heading', { level: 1, name: '登录院内互认规则管理' })).toBeTruthy();
    const user = doctor();
    await user.type(screen.getByLabelText(/API 令牌/), ADMIN_TOKEN);
    await user.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByRole('heading', { level: 1, name: '访问日志' });
    await waitFor(() => expect(listed('at')).toHaveLength(2));
    expect(window.sessionStorage.getItem('huren.console.admin.token')).toBe(ADMIN_TOKEN);
    const navigation = screen.getByRole('navigation', { name: '控制台页面' });
    expect(within(navigation).getByRole('link', { name: '规则管理' }).getAttribute('href')).toBe('/app/admin');
    expect(within(navigation).getByRole('link', { name: '访问日志' }).getAttribute('href')).toBe(
      '/app/admin/access-log',
    );
  });
});
