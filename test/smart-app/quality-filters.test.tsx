// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, mockNetwork } from './support/app';
import { addressQuery, openQualityConsole, preloadQualityConsole } from './quality-console-page';

const network = mockNetwork();
preloadQualityConsole();

const orderItems = () =>
  within(screen.getByRole('grid', { name: '申请明细' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('[role="gridcell"][data-field="itemName"]')?.textContent);

async function choose(label: string, option: string) {
  const user = doctor();
  await user.click(screen.getByRole('combobox', { name: label }));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('quality console: the filters live in the address and go to the API as they stand', () => {
  it('a shared link (or a reload) shows its view: every filter to the statistics, the order and page to the list', async () => {
    const api = await openQualityConsole(
      network,
      '/app/quality?from=2026-03-01&to=2026-03-10&department=0502&outcome=overridden&granularity=week&sort=item&order=asc',
    );
    await waitFor(() =>
      expect(Object.fromEntries(api.last('/api/quality/statistics'))).toEqual({
        from: '2026-03-01',
        to: '2026-03-10',
        department: '0502',
        outcome: 'overridden',
        granularity: 'week',
      }),
    );
    expect(Object.fromEntries(api.last('/api/quality/orders'))).toEqual({
      from: '2026-03-01',
      to: '2026-03-10',
      department: '0502',
      outcome: 'overridden',
      sort: 'item',
      order: 'asc',
      page: '1',
      pageSize: '25',
    });
    // The filters' choices depend on the period only.
    expect(Object.fromEntries(api.last('/api/quality/facets'))).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(screen.getByRole('combobox', { name: '科室' }).textContent).toBe('呼吸内科门诊');
    expect(screen.getByRole('combobox', { name: '处理结果' }).textContent).toBe('不互认（有理由）');
    expect(screen.getByRole('button', { name: '周' }).getAttribute('aria-pressed')).toBe('true');
    // In the list (the repeats of the same patient name the item too).
    await waitFor(() => expect(orderItems()).toEqual(['胸部CT平扫']));
  });

  it('an outdated or hand-edited link still opens, with what cannot be read left at its default', async () => {
    const api = await openQualityConsole(
      network,
      '/app/quality?outcome=maybe&from=March&page=zero&pageSize=7&department=0301',
    );
    await waitFor(() =>
      expect(Object.fromEntries(api.last('/api/quality/orders'))).toEqual({
        department: '0301',
        sort: 'createdAt',
        order: 'desc',
        page: '1',
        pageSize: '25',
      }),
    );
  });

  it('choosing a filter updates the address, asks the API again, and the list changes', async () => {
    const api = await openQualityConsole(network);
    await screen.findByText('钾');
    expect(orderItems()).toHaveLength(5);

    await choose('处理结果', '不计入（影像未收到/持续监测）');
    await waitFor(() => expect(addressQuery().get('outcome')).toBe('not-counted'));
    await waitFor(() => expect(api.last('/api/quality/statistics').get('outcome')).toBe('not-counted'));
    await waitFor(() => expect(orderItems()).toEqual(['头颅CT平扫']));

    await choose('处理结果', '全部');
    await choose('科室', '呼吸内科门诊');
    await waitFor(() => expect(orderItems()).toEqual(['胸部CT平扫', '头颅CT平扫']));
    expect(Object.fromEntries(addressQuery())).toEqual({ department: '0502' });
    expect(api.last('/api/quality/orders').get('department')).toBe('0502');
    expect(api.last('/api/quality/orders').has('outcome')).toBe(false);
  });

  it('finds an item by pinyin initials in the item filter, the closest first (issue 23 point 5)', async () => {
    const api = await openQualityConsole(network);
    await screen.findByText('钾');
    const user = doctor();
    await user.type(screen.getByRole('combobox', { name: '项目' }), 'xcg');
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['血常规 (LAB-CBC)']);
    await user.click(options[0] as HTMLElement);
    await waitFor(() => expect(api.last('/api/quality/orders').get('item')).toBe('LAB-CBC'));
  });

  it("the trend's step is asked for and kept in the address, also when the filters are cleared", async () => {
    const api = await openQualityConsole(network, '/app/quality?department=0502&outcome=overridden&pageSize=50');
    await doctor().click(screen.getByRole('button', { name: '月' }));
    await waitFor(() => expect(api.last('/api/quality/statistics').get('granularity')).toBe('month'));
    expect(addressQuery().get('granularity')).toBe('month');
    await doctor().click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(Object.fromEntries(addressQuery())).toEqual({ granularity: 'month', pageSize: '50' }));
    await waitFor(() =>
      expect(Object.fromEntries(api.last('/api/quality/statistics'))).toEqual({ granularity: 'month' }),
    );
  });

  it('a day picked from the calendar becomes the period', async () => {
    const api = await openQualityConsole(network);
    const user = doctor();
    await user.click(within(screen.getByRole('group', { name: '开始日期' })).getByRole('button'));
    await user.click(within(await screen.findByRole('dialog')).getByRole('gridcell', { name: '1' }));
    await waitFor(() => expect(addressQuery().get('from')).toMatch(/^2026-\d\d-01$/));
    await waitFor(() => expect(api.last('/api/quality/statistics').get('from')).toBe(addressQuery().get('from')));
  });
});
