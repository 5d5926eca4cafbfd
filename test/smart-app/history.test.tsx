// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../server/fhir/systems';
import { messages } from '../../server/i18n';
import { doctor, mockNetwork, openCard } from './support/app';
import { FakeDecisionApi } from './support/decision-api';
import { decisionView, DOCTOR, RESULT_IDS } from './support/fixtures';

const network = mockNetwork();

const currentDecision = () => screen.getByRole('region', { name: '当前决定' });
const historyRows = () =>
  within(screen.getByRole('table', { name: '决定记录' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );

const acceptedAndWritten = decisionView({
  outcome: 'accepted',
  resultId: RESULT_IDS.potassium,
  writeBack: { status: 'written', detail: 'DiagnosticReport/dr-report-7' },
});

/** Overridden through the EHR's card feedback: the reason only, no notification yet. */
const fromCardFeedback = decisionView({
  outcome: 'overridden',
  reason: { system: SYSTEMS.exceptionReason, code: 'patient-request', display: null },
  reasonText: messages('zh-CN').exceptionReasons['patient-request'],
  practitioner: { ref: 'Practitioner/dr-li', name: '李明' },
  source: 'cds-feedback',
  complete: false,
});

describe('the decision after the fact', () => {
  it('shows the decision in force, who took it when and through which way, and its history', async () => {
    await openCard(network, new FakeDecisionApi('potassium', { decision: acceptedAndWritten }));
    const decision = currentDecision();
    expect(within(decision).getByText('已采用 渝中区人民医院 2026-03-08 的结果，不重复检查')).toBeTruthy();
    expect(within(decision).getByText(/^王医生 · 2026-03-10 \d\d:10 · 来源：互认助手$/)).toBeTruthy();
    expect(within(decision).getByText('已写入病历。')).toBeTruthy();
    expect(within(decision).getByText('DiagnosticReport/dr-report-7').closest('details')).not.toBeNull();
    expect(historyRows()).toEqual([
      ['1', expect.stringMatching(/^2026-03-10 \d\d:10$/), '采用外院结果', '王医生', '互认助手', '完整已写入病历'],
    ]);
    // Decided already: no result offered for accepting again until the doctor asks to change.
    expect(screen.queryByRole('button', { name: /^采用此结果/ })).toBeNull();
  });

  it('takes the decision back: the card is open again, and the record written before is pointed out', async () => {
    const api = new FakeDecisionApi('potassium', { decision: acceptedAndWritten });
    await openCard(network, api);
    await doctor().click(within(currentDecision()).getByRole('button', { name: '撤销决定' }));
    expect(await screen.findByText('之前的决定已撤销，请重新选择。')).toBeTruthy();
    expect(api.decisions).toEqual([{ outcome: 'withdrawn', practitioner: DOCTOR }]);
    expect(screen.getByText('撤销前已写入病历的外院结果不会自动删除，请在医生工作站处理。')).toBeTruthy();
    expect(screen.getByText('DiagnosticReport/dr-report-7').closest('details')).not.toBeNull();
    expect(screen.getByRole('button', { name: '采用此结果：渝中区人民医院 2026-03-08' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: '当前决定' })).toBeNull();
    expect(historyRows().map((row) => row[2])).toEqual(['撤销', '采用外院结果']);
  });

  it('changes an exception into accepting the result', async () => {
    const overridden = decisionView({
      outcome: 'overridden',
      reason: { system: SYSTEMS.exceptionReason, code: 'emergency', display: null },
      reasonText: messages('zh-CN').exceptionReasons.emergency,
      notification: {
        party: 'patient',
        method: 'verbal',
        notifiedAt: '2026-03-10T02:05:00.000Z',
        notifiedBy: '王医生',
      },
    });
    const { api } = await openCard(network, new FakeDecisionApi('potassium', { decision: overridden }));
    const user = doctor();
    expect(within(currentDecision()).getByText('不采用外院结果，重新检查：急诊、急救等紧急情况')).toBeTruthy();
    await user.click(within(currentDecision()).getByRole('button', { name: '更改决定' }));
    await user.click(screen.getByRole('button', { name: '采用此结果：渝中区人民医院 2026-03-08' }));
    expect(
      await within(await screen.findByRole('region', { name: '当前决定' })).findByText(
        '已采用 渝中区人民医院 2026-03-08 的结果，不重复检查',
      ),
    ).toBeTruthy();
    expect(api.decisions[0]).toMatchObject({ outcome: 'accepted', resultId: RESULT_IDS.potassium });
  });

  it('a decision from the card feedback shows as incomplete, and is completed from its own reason', async () => {
    const { api } = await openCard(network, new FakeDecisionApi('potassium', { decision: fromCardFeedback }));
    const decision = currentDecision();
    expect(within(decision).getByText('此决定来自医生工作站卡片，尚缺患者告知记录。')).toBeTruthy();
    expect(within(decision).getByText(/^李明 · .* · 来源：医生工作站卡片$/)).toBeTruthy();
    expect(historyRows()[0]?.slice(2)).toEqual([
      '不采用，重新检查患者或家属要求复查',
      '李明',
      '医生工作站卡片',
      '待补充',
    ]);

    const user = doctor();
    await user.click(within(decision).getByRole('button', { name: '补充告知信息' }));
    const form = screen.getByRole('region', { name: '不采用外院结果，重新检查' });
    expect((within(form).getByLabelText('患者或家属要求复查') as HTMLInputElement).checked).toBe(true);
    await user.click(within(form).getByLabelText('患者本人'));
    await user.click(within(form).getByLabelText('口头'));
    await user.click(within(form).getByRole('button', { name: '保存决定' }));

    // The region was there before the save: wait for what the save changes, not for the region to
    // appear (support/app sets testing-library's one bound, for a busy machine).
    await waitFor(() =>
      expect(api.decisions[0]).toMatchObject({
        outcome: 'overridden',
        reason: 'patient-request',
        notification: { party: 'patient', method: 'verbal', notifiedBy: '王医生' },
        practitioner: DOCTOR,
      }),
    );
    await waitFor(() =>
      expect(within(currentDecision()).queryByText('此决定来自医生工作站卡片，尚缺患者告知记录。')).toBeNull(),
    );
  });

  it('a decision of an earlier day is locked: shown, not changeable', async () => {
    await openCard(network, new FakeDecisionApi('potassium', { decision: acceptedAndWritten, editable: false }));
    const decision = currentDecision();
    expect(within(decision).getByText('决定已锁定：只能在做出决定的当天修改。')).toBeTruthy();
    expect(within(decision).queryByRole('button', { name: '撤销决定' })).toBeNull();
    expect(within(decision).queryByRole('button', { name: '更改决定' })).toBeNull();
  });
});
