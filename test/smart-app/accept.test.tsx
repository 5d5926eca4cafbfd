// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { doctor, mockNetwork, openCard } from './support/app';
import { FakeDecisionApi, ORIGIN } from './support/decision-api';
import { MockEhr, ZHANG_WEI } from './support/ehr';
import { DOCTOR, PROMPT_ID, RESULT_IDS, writeBackResource } from './support/fixtures';

const network = mockNetwork();

const acceptButton = () => screen.getByRole('button', { name: '采用此结果：渝中区人民医院 2026-03-08' });
const currentDecision = () => screen.getByRole('region', { name: '当前决定' });

describe('accepting an external result', () => {
  it('records the decision, writes the report to the EHR for this patient, and reports it written', async () => {
    const { ehr, api } = await openCard(network, new FakeDecisionApi('potassium'));
    await doctor().click(acceptButton());

    const decision = currentDecision();
    expect(await within(decision).findByText('已写入病历。')).toBeTruthy();
    // The EHR's id for it is for support, folded behind the technical toggle.
    expect(within(decision).getByText('DiagnosticReport/dr-report-1').closest('details')).not.toBeNull();
    // The EHR shows the order still as a draft: the decision is made before signing, and the server is told so.
    expect(api.decisions).toEqual([
      { outcome: 'accepted', resultId: RESULT_IDS.potassium, practitioner: DOCTOR, orderSigned: false },
    ]);

    // What reached the EHR: our report, for the patient of the launch, with the EHR's access token.
    expect(ehr.created).toHaveLength(1);
    const [created] = ehr.created;
    const resource = writeBackResource(RESULT_IDS.potassium);
    expect(created?.body).toMatchObject({
      resourceType: 'DiagnosticReport',
      subject: { reference: `Patient/${ZHANG_WEI.id}` },
    });
    expect(created?.body.performer).toEqual(resource.performer);
    expect(created?.body.identifier).toEqual(resource.identifier);
    expect(created?.authorization).toBe(`Bearer ${ehr.accessToken}`);
    expect(api.writeBacks).toEqual([{ status: 'written', detail: 'DiagnosticReport/dr-report-1' }]);

    expect(within(decision).getByText('已采用 渝中区人民医院 2026-03-08 的结果，不重复检查')).toBeTruthy();
    expect(within(decision).getByText('请在医生工作站撤销本次“钾”申请：互认助手不修改医嘱。')).toBeTruthy();
    expect(document.activeElement).toBe(within(decision).getByRole('heading', { name: '当前决定' }));
  });

  it('when the EHR refuses the write: the decision stands, the screen says the record was NOT updated and why, and a retry writes it', async () => {
    const ehr = new MockEhr();
    ehr.refuseWrites = true;
    const { api } = await openCard(network, new FakeDecisionApi('potassium'), ehr);
    const user = doctor();
    await user.click(acceptButton());

    const decision = currentDecision();
    const refusal = await within(decision).findByText('病历未更新：医生工作站拒绝写入该结果。互认决定仍然有效。');
    expect(
      within(decision).getByText('原因：HTTP 403 Forbidden: DiagnosticReport.write is not granted to this app'),
    ).toBeTruthy();
    expect(api.writeBacks).toEqual([
      { status: 'refused', detail: 'HTTP 403 Forbidden: DiagnosticReport.write is not granted to this app' },
    ]);
    expect(within(decision).getByText('已采用 渝中区人民医院 2026-03-08 的结果，不重复检查')).toBeTruthy();
    expect(api.current?.outcome).toBe('accepted');

    ehr.refuseWrites = false;
    const alert = refusal.closest('[role="alert"]');
    if (!(alert instanceof HTMLElement)) throw new Error('the refusal is not in an alert');
    await user.click(within(alert).getByRole('button', { name: '重试写入' }));
    expect(await within(decision).findByText('已写入病历。')).toBeTruthy();
    // The EHR's id for it is for support, folded behind the technical toggle.
    expect(within(decision).getByText('DiagnosticReport/dr-report-2').closest('details')).not.toBeNull();
    expect(api.writeBacks.at(-1)).toEqual({ status: 'written', detail: 'DiagnosticReport/dr-report-2' });
    expect(api.decisions).toHaveLength(1);
  });

  it('when our server cannot take the write report: the EHR is not written twice, the report is repeated', async () => {
    let down = true;
    const { ehr, api } = await openCard(
      network,
      new FakeDecisionApi('potassium'),
      new MockEhr(),
      http.post(`${ORIGIN}/api/prompts/${PROMPT_ID}/write-back`, () => (down ? HttpResponse.error() : undefined)),
    );
    const user = doctor();
    await user.click(acceptButton());
    const decision = currentDecision();
    expect(await within(decision).findByText('写入病历的结果未能告知互认服务器。')).toBeTruthy();
    expect(within(decision).getByText('已写入病历。')).toBeTruthy();
    expect(within(decision).getByText('DiagnosticReport/dr-report-1').closest('details')).not.toBeNull();
    down = false;
    await user.click(within(decision).getByRole('button', { name: '重新上报' }));
    await expect.poll(() => api.writeBacks).toEqual([{ status: 'written', detail: 'DiagnosticReport/dr-report-1' }]);
    expect(ehr.created).toHaveLength(1);
    expect(within(decision).queryByText('写入病历的结果未能告知互认服务器。')).toBeNull();
  });

  it('a result that left its window meanwhile: the server refuses, the screen says so and shows the card as it is now', async () => {
    const api = new FakeDecisionApi('potassium');
    await openCard(
      network,
      api,
      new MockEhr(),
      http.post(`${ORIGIN}/api/prompts/${PROMPT_ID}/decision`, () =>
        HttpResponse.json({ error: { code: 'not-recognisable', message: 'gone', field: 'resultId' } }, { status: 409 }),
      ),
    );
    const loads = api.viewLanguages.length;
    await doctor().click(acceptButton());
    expect((await screen.findByRole('alert')).textContent).toContain('该结果已不再符合互认条件');
    await expect.poll(() => api.viewLanguages.length).toBeGreaterThan(loads);
  });

  it('without fhirUser in the launch, the decision names the user the card was raised for', async () => {
    const { api } = await openCard(network, new FakeDecisionApi('potassium'), new MockEhr({ fhirUser: null }));
    await doctor().click(acceptButton());
    await expect
      .poll(() => api.decisions)
      .toEqual([
        {
          outcome: 'accepted',
          resultId: RESULT_IDS.potassium,
          practitioner: { ref: 'Practitioner/dr-li', name: '李明' },
          orderSigned: false,
        },
      ]);
  });
});
