// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, mockNetwork } from './support/app';
import { FakeQualityApi, potassiumOrders, QUALITY_TOKEN } from './quality-fake-api';
import { addressQuery, captureDownloads, openQualityConsole, preloadQualityConsole } from './quality-console-page';

const network = mockNetwork();
preloadQualityConsole();

const grid = () => screen.getByRole('grid', { name: '申请明细' });
const ordersSection = () => screen.getByRole('region', { name: '申请明细' });
const firstItems = () =>
  within(grid())
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('[role="gridcell"][data-field="itemName"]')?.textContent);

describe('quality console: the orders list, a page at a time from the server', () => {
  it('sorts by a column through the API, both ways, and the address keeps it', async () => {
    const api = await openQualityConsole(network);
    await screen.findByText('钾');
    const user = doctor();
    // A header's title: finding the header by its role costs jsdom most of a second here.
    await user.click(within(grid()).getByText('项目'));
    await waitFor(() => expect(api.last('/api/quality/orders').get('sort')).toBe('item'));
    expect(api.last('/api/quality/orders').get('order')).toBe('asc');
    expect(Object.fromEntries(addressQuery())).toEqual({ sort: 'item', order: 'asc' });
    await waitFor(() => expect(firstItems()[0]).toBe('乙型肝炎病毒表面抗原'));

    await user.click(within(grid()).getByText('项目'));
    await waitFor(() => expect(api.last('/api/quality/orders').get('order')).toBe('desc'));
    expect(addressQuery().get('sort')).toBe('item');
    // Columns the API cannot sort by offer no sorting.
    await user.click(within(grid()).getByText('理由'));
    expect(Object.fromEntries(addressQuery())).toEqual({ sort: 'item' });
  });

  it('pages through the API; a new page size or a new filter starts again at the first page', async () => {
    const api = await openQualityConsole(network, '/app/quality', new FakeQualityApi(potassiumOrders(60)));
    await screen.findByText('钾 60');
    expect(within(ordersSection()).getByText('1–25 共 60')).toBeTruthy();
    const user = doctor();
    await user.click(within(ordersSection()).getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(api.last('/api/quality/orders').get('page')).toBe('2'));
    expect(addressQuery().get('page')).toBe('2');
    expect(await within(ordersSection()).findByText('26–50 共 60')).toBeTruthy();
    expect(firstItems()[0]).toBe('钾 35');

    await user.click(screen.getByRole('combobox', { name: '科室' }));
    await user.click(await screen.findByRole('option', { name: '心血管内科门诊' }));
    await waitFor(() =>
      expect(Object.fromEntries(api.last('/api/quality/orders'))).toMatchObject({ department: '0301', page: '1' }),
    );
    expect(Object.fromEntries(addressQuery())).toEqual({ department: '0301' });

    await user.click(within(ordersSection()).getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(addressQuery().get('page')).toBe('2'));
    await user.click(within(ordersSection()).getByRole('combobox', { name: /每页行数/ }));
    await user.click(await screen.findByRole('option', { name: '50' }));
    await waitFor(() =>
      expect(Object.fromEntries(api.last('/api/quality/orders'))).toMatchObject({ page: '1', pageSize: '50' }),
    );
    expect(Object.fromEntries(addressQuery())).toEqual({ department: '0301', pageSize: '50' });
  });

  it('exports the filtered list as the server writes it: fetched with the token, saved under its name', async () => {
    const api = await openQualityConsole(network, '/app/quality?department=0502&sort=item&order=asc');
    const saved = captureDownloads();
    await doctor().click(screen.getByRole('button', { name: '导出当前列表（CSV）' }));
    expect(await screen.findByText('已下载 huren-orders-2026-02-09-2026-03-10.csv')).toBeTruthy();
    const request = api.requests.filter((seen) => seen.path === '/api/quality/orders.csv').at(-1);
    expect(request?.authorization).toBe(`Bearer ${QUALITY_TOKEN}`);
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      department: '0502',
      granularity: 'day',
      sort: 'item',
      order: 'asc',
    });
    const [file] = saved;
    expect(file?.name).toBe('huren-orders-2026-02-09-2026-03-10.csv');
    const bytes = new Uint8Array((await file?.blob.arrayBuffer()) ?? new ArrayBuffer(0));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('提示时间');
  });

  it("downloads the monthly report of the month picked (last month by the server's clock unless changed)", async () => {
    const api = await openQualityConsole(network);
    const saved = captureDownloads();
    // The server's today is 2026-03-10 (facets), whatever the browser's clock says.
    const month = '2026-02';
    await doctor().click(screen.getByRole('button', { name: '下载月报（CSV）' }));
    expect(await screen.findByText(`已下载 huren-report-${month}.csv`)).toBeTruthy();
    expect(api.last('/api/quality/report.csv').get('month')).toBe(month);
    expect(
      api.requests
        .filter((seen) => seen.path === '/api/quality/report.csv')
        .every((seen) => seen.authorization === `Bearer ${QUALITY_TOKEN}`),
    ).toBe(true);
    expect(saved.map((file) => file.name)).toEqual([`huren-report-${month}.csv`]);
  });

  it("opens an order's full history: every card, every version of the decision, who, when, what, through which way", async () => {
    const api = await openQualityConsole(network);
    await doctor().click(await screen.findByRole('button', { name: '查看“胸部CT平扫”的处理记录' }));
    const dialog = await screen.findByRole('dialog', { name: '处理记录：胸部CT平扫' });
    await within(dialog).findByRole('heading', { name: /^第 1 次提示 · 开单时 · 2026-03-08 \d\d:00$/ });
    expect(
      api.requests.some(
        (seen) => seen.path === '/api/quality/orders/p-ct' && seen.authorization === `Bearer ${QUALITY_TOKEN}`,
      ),
    ).toBe(true);
    const versions = within(within(dialog).getByRole('table', { name: /^第 1 次提示/ }))
      .getAllByRole('row')
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      );
    expect(versions).toEqual([
      [
        '1',
        expect.stringMatching(/^2026-03-08 \d\d:01$/),
        '不采用，重新检查患者或家属要求复查',
        '赵华',
        '医生工作站卡片',
        '未记录',
      ],
      [
        '2',
        expect.stringMatching(/^2026-03-08 \d\d:05$/),
        '不采用，重新检查病情变化，原结果与当前临床表现不符说明：咯血加重，需复查',
        '赵华',
        '互认助手',
        expect.stringMatching(/^2026-03-08 \d\d:05 由赵华口头告知患者本人$/),
      ],
      // Accepting a result needs no notice to the patient: not "未记录" (issue 23 point 14).
      ['3', expect.stringMatching(/^2026-03-08 \d\d:07$/), '采用外院结果', '赵华', '互认助手', '无需告知'],
    ]);
    expect(within(dialog).getAllByText('嘉陵江中心医院 · 2026-02-18（18 天前，有效期剩余 72 天）')).toHaveLength(2);
    expect(within(dialog).getByRole('heading', { name: /^第 2 次提示 · 签署时/ })).toBeTruthy();
    expect(within(dialog).getByText('这次提示没有收到任何决定。')).toBeTruthy();
    await doctor().click(within(dialog).getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // A click anywhere on the row opens it too.
    await doctor().click(within(grid()).getByText('胸部CT平扫'));
    expect(await screen.findByRole('dialog', { name: '处理记录：胸部CT平扫' })).toBeTruthy();
  });
});
