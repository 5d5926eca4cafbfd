// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { doctor, mockNetwork, openCard } from './support/app';
import { FakeDecisionApi, ORIGIN } from './support/decision-api';
import { MockEhr } from './support/ehr';
import { DOCTOR, PROMPT_ID } from './support/fixtures';

const network = mockNetwork();

const NOW = new Date('2026-03-10T02:30:00Z');

/** The texts an element is described by (its error or hint), as a screen reader reads them. */
function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

async function openForm(api = new FakeDecisionApi('potassium'), ...more: RequestHandler[]) {
  const opened = await openCard(network, api, new MockEhr(), ...more);
  const user = doctor();
  await user.click(screen.getByRole('button', { name: '不采用，说明理由' }));
  const form = screen.getByRole('region', { name: '不采用外院结果，重新检查' });
  return { ...opened, user, form };
}

const save = () => screen.getByRole('button', { name: '保存决定' });

describe('recording an exception and the patient notification', () => {
  it('sends the reason, the explanation and the notification (now, by the launch user by default) exactly', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const { api, user, form } = await openForm();
    expect(document.activeElement).toBe(within(form).getByRole('heading', { name: '不采用外院结果，重新检查' }));
    // Who notified: the launch user, read from the EHR (its name may arrive after the form opened).
    await expect.poll(() => (within(form).getByLabelText(/^告知人/) as HTMLInputElement).value).toBe('王医生');
    await user.click(within(form).getByLabelText('病情变化，原结果与当前临床表现不符'));
    await user.click(within(form).getByLabelText(/^说明/));
    await user.paste('胸痛加重');
    expect(within(form).getByText('4/200')).toBeTruthy();
    await user.click(within(form).getByLabelText('家属'));
    await user.click(within(form).getByLabelText('书面'));
    await user.click(save());

    const decision = await screen.findByRole('region', { name: '当前决定' });
    expect(api.decisions).toEqual([
      {
        outcome: 'overridden',
        reason: 'condition-changed',
        explanation: '胸痛加重',
        notification: { party: 'family', method: 'written', notifiedAt: dayjs(NOW).format(), notifiedBy: '王医生' },
        practitioner: DOCTOR,
        orderSigned: false,
      },
    ]);
    expect(
      new Date((api.decisions[0] as { notification: { notifiedAt: string } }).notification.notifiedAt).getTime(),
    ).toBe(NOW.getTime());
    expect(within(decision).getByText('不采用外院结果，重新检查：病情变化，原结果与当前临床表现不符')).toBeTruthy();
    expect(within(decision).getByText(`${dayjs(NOW).format('YYYY-MM-DD HH:mm')} 由王医生书面告知家属`)).toBeTruthy();
  });

  it('marks the two reasons that do not count as non-recognition apart from the others', async () => {
    const { form } = await openForm();
    const group = within(form).getByRole('radiogroup', { name: '不互认理由' });
    const labels = within(group)
      .getAllByRole('radio')
      .map((radio) => radio.closest('label')?.textContent);
    const note = within(group).getByText('以下理由只作记录，不计入不互认：');
    const after = [...group.querySelectorAll('label')].filter(
      (label) => note.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING,
    );
    expect(labels).toHaveLength(10);
    expect(after.map((label) => label.textContent)).toEqual([
      '未收到外院影像资料（不计入不互认）',
      '特定疾病持续监测（不计入不互认，需注明疾病）',
    ]);
  });

  it('says what is missing, next to each field, and sends nothing', async () => {
    const { api, user, form } = await openForm();
    await user.click(save());
    expect(document.activeElement?.textContent).toBe('请先更正标出的各项。');
    expect(description(within(form).getByRole('radiogroup', { name: '不互认理由' }))).toBe('请选择不互认理由');
    expect(description(within(form).getByRole('radiogroup', { name: '告知对象' }))).toBe('请选择告知对象');
    expect(description(within(form).getByRole('radiogroup', { name: '告知方式' }))).toBe('请选择告知方式');
    expect(api.decisions).toEqual([]);
    // Corrections are confirmed as they are made.
    await user.click(within(form).getByLabelText('患者本人'));
    expect(description(within(form).getByRole('radiogroup', { name: '告知对象' }))).toBe('');
  });

  it('requires the explanation for "other"', async () => {
    const { api, user, form } = await openForm();
    await user.click(within(form).getByLabelText('其他（需说明）'));
    const explanation = within(form).getByLabelText(/^说明/);
    expect(explanation.hasAttribute('required')).toBe(true);
    await user.click(within(form).getByLabelText('患者本人'));
    await user.click(within(form).getByLabelText('口头'));
    await user.click(save());
    expect(description(explanation)).toContain('该理由需要填写说明');
    expect(api.decisions).toEqual([]);
  });

  it('refuses an explanation over the limit, counting as it is typed', async () => {
    const { api, user, form } = await openForm();
    await user.click(within(form).getByLabelText('患者或家属要求复查'));
    const explanation = within(form).getByLabelText(/^说明/);
    await user.click(explanation);
    await user.paste('复'.repeat(201));
    expect(within(form).getByText('201/200')).toBeTruthy();
    await user.click(within(form).getByLabelText('患者本人'));
    await user.click(within(form).getByLabelText('口头'));
    await user.click(save());
    expect(description(explanation)).toContain('说明不能超过200字');
    expect(api.decisions).toEqual([]);
  });

  it('requires the time and who notified', async () => {
    const { api, user, form } = await openForm();
    await user.click(within(form).getByLabelText('急诊、急救等紧急情况'));
    await user.click(within(form).getByLabelText('监护人'));
    await user.click(within(form).getByLabelText('电子'));
    const time = within(form).getByRole('group', { name: '告知时间' });
    await user.click(within(time.parentElement ?? form).getByRole('button', { name: '清除' }));
    await user.clear(within(form).getByLabelText(/^告知人/));
    await user.click(save());
    expect(description(time)).toBe('请填写告知时间');
    expect(description(within(form).getByLabelText(/^告知人/))).toBe('请填写告知人');
    expect(api.decisions).toEqual([]);
  });

  it("shows the server's refusal of a field next to that field", async () => {
    const { user, form } = await openForm(
      new FakeDecisionApi('potassium'),
      http.post(`${ORIGIN}/api/prompts/${PROMPT_ID}/decision`, () =>
        HttpResponse.json(
          { error: { code: 'invalid', message: 'notification.notifiedBy: Too big', field: 'notification.notifiedBy' } },
          { status: 400 },
        ),
      ),
    );
    await user.click(within(form).getByLabelText('急诊、急救等紧急情况'));
    await user.click(within(form).getByLabelText('患者本人'));
    await user.click(within(form).getByLabelText('口头'));
    await user.click(save());
    expect(await within(form).findByText('服务器未接受此项，请检查后重新提交')).toBeTruthy();
    expect(description(within(form).getByLabelText(/^告知人/))).toBe('服务器未接受此项，请检查后重新提交');
    expect(screen.queryByRole('region', { name: '当前决定' })).toBeNull();
  });

  it('prints the patient notification sheet in one click: patient, item, reason, the result not reused, signatures', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const { user, form } = await openForm();
    await user.click(within(form).getByLabelText('即将进行重大医疗干预（手术、输血等）'));
    await user.click(within(form).getByLabelText(/^说明/));
    await user.paste('术前评估');
    await user.click(within(form).getByRole('button', { name: '打印患者知情告知书' }));

    const sheet = await screen.findByRole('dialog', { name: '患者知情告知书' });
    const text = sheet.textContent ?? '';
    await within(sheet).findByText('张伟');
    expect(text).toContain('山城医科大学附属第一医院');
    expect(text).toContain(`年龄：${dayjs().diff('1968-03-12', 'year')}岁`);
    expect(text).toContain('性别：男');
    expect(text).toContain('检查检验项目：钾');
    // The result set aside by name: where, when and what it said (issue 23 point 8).
    expect(text).toContain('渝中区人民医院，2026-03-08：钾 5.6 mmol/L（↑ 偏高）');
    expect(text).toContain('即将进行重大医疗干预（手术、输血等）');
    expect(text).toContain('术前评估');
    expect(text).toContain('重新检查的目的和必要性');
    expect(text).toContain('医生建议重新进行该项检查');
    expect(text).toContain('患者或家属签字：');
    expect(text).toContain('医生签字：');
    expect(text).toContain(`日期：${dayjs().format('YYYY年M月D日')}`);
    // On paper, only the sheet.
    expect(
      [...document.querySelectorAll('style')].some((style) =>
        /@media print[^]*huren-notification-sheet/.test(style.textContent ?? ''),
      ),
    ).toBe(true);
    await user.click(within(sheet).getByRole('button', { name: '打印' }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('prints the sheet in Chinese when the screen is in English', async () => {
    window.localStorage.setItem('huren.language', 'en');
    const api = new FakeDecisionApi('potassium');
    await openCard(network, api, new MockEhr());
    const user = doctor();
    await user.click(screen.getByRole('button', { name: 'Do not use; give the reason' }));
    await user.click(screen.getByLabelText('The patient or family asks for a repeat'));
    await user.click(screen.getByRole('button', { name: 'Print the patient notification sheet' }));
    const sheet = await screen.findByRole('dialog', { name: '患者知情告知书' });
    expect(await within(sheet).findByText('患者或家属要求复查')).toBeTruthy();
    expect(api.viewLanguages.at(-1)).toBe('zh-CN');
    expect(sheet.textContent).toContain('检查检验项目：钾');
    // Asked for by the patient: the sheet does not put it in the doctor's mouth (issue 23 point 8).
    expect(sheet.textContent).not.toContain('医生建议');
    expect(sheet.textContent).toContain('应您（或家属）的要求重新进行该项检查');
  });
});
