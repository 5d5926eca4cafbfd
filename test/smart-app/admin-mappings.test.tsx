// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { doctor, mockNetwork } from './support/app';
import { ADMIN_TOKEN } from './admin-fake-api';
import { openAdminConsole, preloadAdminConsole } from './admin-console-page';

const network = mockNetwork();
preloadAdminConsole();

/** jsdom's files lack `arrayBuffer()` (browsers have had it since 2019): read them the older way, with a FileReader. */
beforeAll(() => {
  if (typeof Blob.prototype.arrayBuffer === 'function') return;
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () =>
        typeof reader.result === 'string' || reader.result === null
          ? reject(new Error('not read as bytes'))
          : resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
});

const mappingsRegion = () => screen.getByRole('region', { name: '本院项目对照' });
const unmappedRegion = () => screen.getByRole('region', { name: '未对照的本院编码' });
const gridColumn = (region: HTMLElement, column: number) =>
  within(within(region).getByRole('grid'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('gridcell')[column]?.textContent);

const CSV = '\uFEFF本院编码,本院名称,互认项目编码\r\nJY9999,铁蛋白,LAB-FER\r\nJY9997,不存在,NOPE\r\n,空,LAB-K\r\n';

/** Chooses the file and the way: the console checks it at once (a preview), saving nothing yet. */
async function choose(file: File, how: '合并' | '替换') {
  const user = doctor();
  await user.click(within(mappingsRegion()).getByRole('radio', { name: new RegExp(`^${how}`) }));
  await user.upload(within(mappingsRegion()).getByLabelText('选择 CSV 文件'), file);
  return within(mappingsRegion()).findByRole('region', { name: '上传结果' });
}

const save = () => within(mappingsRegion()).getByRole('button', { name: '保存对照表' });

describe('admin console: local order codes', () => {
  it('lists the mappings with the catalog item each means, and the codes seen in orders that map to nothing', async () => {
    await openAdminConsole(network);
    await within(mappingsRegion()).findByText('血钾');
    expect(gridColumn(mappingsRegion(), 0)).toEqual(['JY0001', 'JC1001']);
    expect(gridColumn(mappingsRegion(), 3)).toEqual(['钾', '胸部CT平扫']);
    // Each code under its code system: the HIS's order items and the RIS's exam codes (issue 23 point 15).
    expect(gridColumn(mappingsRegion(), 4)).toEqual([
      'https://his.example/H-CQ-001/order-item',
      'https://his.example/H-CQ-001/ris-exam',
    ]);
    await within(unmappedRegion()).findByText('铁蛋白');
    expect(gridColumn(unmappedRegion(), 0)).toEqual(['JY9999', 'JY9998']);
    expect(gridColumn(unmappedRegion(), 2)).toEqual(['12', '3']);
  });

  it('checks a CSV first: a file with refused rows is saved not at all, each refusal shown by its row (issue 23 point 12)', async () => {
    const api = await openAdminConsole(network);
    const report = await choose(new File([CSV], 'mappings.csv', { type: 'text/csv' }), '替换');
    const [sent] = api.sent('PUT', '/api/admin/code-mappings');
    expect(sent?.query.get('replace')).toBe('true');
    expect(sent?.query.get('preview')).toBe('true');
    expect(sent?.contentType).toBe('text/csv; charset=utf-8');
    expect(sent?.authorization).toBe(`Bearer ${ADMIN_TOKEN}`);
    expect(sent?.body).toBe(CSV.slice(1));
    expect(within(report).getByRole('status').textContent).toBe(
      '2 行有误，整个文件未保存（对照表只整体保存）；其余 1 行无误。请按下表改正后重新选择文件。',
    );
    expect(
      within(within(report).getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((cell) => cell.textContent),
        ),
    ).toEqual([
      ['第 2 行（表格第 3 行）', '互认项目编码', '互认目录中没有项目编码 NOPE'],
      ['第 3 行（表格第 4 行）', '本院编码', '本院编码为空'],
    ]);
    expect(save().hasAttribute('disabled')).toBe(true);
    expect(gridColumn(mappingsRegion(), 0)).toEqual(['JY0001', 'JC1001']);
  });

  it("says what a clean file would save and drop, and saves it whole on request, replacing its code system's table", async () => {
    const api = await openAdminConsole(network);
    const clean = '\uFEFF本院编码,本院名称,互认项目编码\r\nJY9999,铁蛋白,LAB-FER\r\n';
    const report = await choose(new File([clean], 'mappings.csv', { type: 'text/csv' }), '替换');
    expect(within(report).getByRole('status').textContent).toBe(
      '文件检查无误：将保存 1 行，并删除文件中没有的 1 条原有对照。尚未保存，请点击“保存对照表”。',
    );
    await waitFor(() => expect(save().hasAttribute('disabled')).toBe(false));
    await doctor().click(save());
    const saved = await within(mappingsRegion()).findByText('已保存 1 行，并删除文件中没有的 1 条原有对照。');
    expect(saved).toBeTruthy();
    const [, sent] = api.sent('PUT', '/api/admin/code-mappings');
    expect(sent?.query.has('preview')).toBe(false);
    expect(sent?.query.get('replace')).toBe('true');
    const report2 = within(mappingsRegion()).getByRole('region', { name: '上传结果' });
    expect(within(report2).getByText('最近开单中仍未对照的编码（1 个）：')).toBeTruthy();
    expect(within(report2).getByText('JY9998 降钙素原')).toBeTruthy();
    // Both lists are read again: the file's code system is the file's (the RIS's codes stay), and JY9999
    // is no longer unmapped.
    await waitFor(() => expect(gridColumn(mappingsRegion(), 0)).toEqual(['JY9999', 'JC1001']));
    await waitFor(() => expect(gridColumn(unmappedRegion(), 0)).toEqual(['JY9998']));
  });

  it('merges by default, and reads a file Excel saved in GB18030 without garbling the names', async () => {
    const api = await openAdminConsole(network);
    const gbk = new Uint8Array([
      ...new TextEncoder().encode('local_code,local_name,item_code\r\nJY9999,'),
      0xcc,
      0xfa,
      0xb5,
      0xb0,
      0xb0,
      0xd7,
      ...new TextEncoder().encode(',LAB-FER\r\n'),
    ]);
    await choose(new File([gbk], 'excel.csv'), '合并');
    await waitFor(() => expect(save().hasAttribute('disabled')).toBe(false));
    await doctor().click(save());
    await within(mappingsRegion()).findByText('已保存 1 行。');
    const [, sent] = api.sent('PUT', '/api/admin/code-mappings');
    expect(sent?.query.has('replace')).toBe(false);
    expect(sent?.body).toBe('local_code,local_name,item_code\r\nJY9999,铁蛋白,LAB-FER\r\n');
    await waitFor(() => expect(gridColumn(mappingsRegion(), 0)).toEqual(['JY0001', 'JY9999', 'JC1001']));
  });

  it('maps an unmapped code in place by picking its catalog item, found by pinyin initials (issue 11 points 14, 7)', async () => {
    const api = await openAdminConsole(network);
    const user = doctor();
    await user.click(within(unmappedRegion()).getByRole('button', { name: '对照 JY9998' }));
    const dialog = await screen.findByRole('dialog', { name: '对照本院编码 JY9998（降钙素原）' });
    await user.type(within(dialog).getByRole('combobox', { name: '互认项目（名称或编码）' }), 'tdb');
    await user.click(await screen.findByRole('option', { name: /^铁蛋白/ }));
    const readsBefore = api.sent('GET', '/api/admin/code-mappings').length;
    await user.click(within(dialog).getByRole('button', { name: '保存对照' }));
    expect(await screen.findByText('已将本院编码 JY9998 对照到 铁蛋白。')).toBeTruthy();
    const [sent] = api.sent('POST', '/api/admin/code-mappings');
    // Mapped in the code system the order sent it in.
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      system: 'https://his.example/H-CQ-001/order-item',
      localCode: 'JY9998',
      localName: '降钙素原',
      itemCode: 'LAB-FER',
    });
    // Both lists are read again: the mapping table, and the unmapped codes without JY9998.
    await waitFor(() => expect(api.sent('GET', '/api/admin/code-mappings').length).toBeGreaterThan(readsBefore));
    await waitFor(() => expect(gridColumn(unmappedRegion(), 0)).toEqual(['JY9999']));
  });

  it('asks for unmapped codes over a longer span', async () => {
    const api = await openAdminConsole(network);
    const user = doctor();
    await user.click(within(unmappedRegion()).getByRole('combobox', { name: '最近' }));
    await user.click(await screen.findByRole('option', { name: '90 天' }));
    await waitFor(() => expect(api.sent('GET', '/api/admin/unmapped-codes').at(-1)?.query.get('days')).toBe('90'));
  });
});
