// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { SMART_SCOPE } from '../../server/web/routes';
import { doctor, loadPage, mockNetwork, returnFromAuthorization, startLaunch } from './support/app';
import { CARD_TOKEN, CLIENT_ID, FakeDecisionApi, ORIGIN } from './support/decision-api';
import { AUTH_CODE, MockEhr, ZHANG_WEI } from './support/ehr';
import { PROMPT_ID } from './support/fixtures';

const network = mockNetwork();

const problem = () => screen.findByRole('alert');

describe('the SMART launch', () => {
  it('EHR launch: PKCE challenge to the authorization server, verifier to the token endpoint, card from appContext, prompt loaded', async () => {
    const ehr = new MockEhr();
    const api = new FakeDecisionApi('potassium');
    network.use(...ehr.handlers(), ...api.handlers());

    // The card's smart link: /app/launch?launch=…&iss=… — the page goes on to the authorization server.
    await loadPage(`/app/launch?launch=${ehr.launch}&iss=${encodeURIComponent(ehr.iss)}`);
    const link = await screen.findByRole('link', { name: '没有自动跳转？点击这里继续' });
    const authorize = new URL(link.getAttribute('href') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(ehr.authorizeEndpoint);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      scope: SMART_SCOPE,
      redirect_uri: `${ORIGIN}/app/`,
      aud: ehr.iss,
      launch: ehr.launch,
      code_challenge_method: 'S256',
    });
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    cleanup();

    await returnFromAuthorization(authorize);
    expect(await screen.findByRole('heading', { level: 1, name: '钾' })).toBeTruthy();
    const [token] = ehr.tokenRequests;
    expect(token?.get('grant_type')).toBe('authorization_code');
    expect(token?.get('code')).toBe(AUTH_CODE);
    expect(token?.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(token?.get('redirect_uri')).toBe(`${ORIGIN}/app/`);
    // The card identity from appContext: its prompt, with its token.
    expect(new Set(api.authorizations)).toEqual(new Set([`Bearer ${CARD_TOKEN}`]));
    expect(new Set(api.viewLanguages)).toEqual(new Set(['zh-CN']));
    // The patient in context, read from the EHR's FHIR server with the access token.
    expect(await screen.findByText(`患者：张伟（男 · ${dayjs().diff(ZHANG_WEI.birthDate, 'year')}岁）`)).toBeTruthy();
    // The page mounts twice in StrictMode; the code is exchanged once.
    expect(ehr.tokenRequests).toHaveLength(1);
  });

  it("standalone launch (iss only) without a card: the launch patient's open cards to choose from (issue 23 point 18)", async () => {
    const ehr = new MockEhr({ appContext: null });
    const asked: unknown[] = [];
    network.use(
      ...ehr.handlers(),
      ...new FakeDecisionApi('potassium').handlers(),
      http.post(`${ORIGIN}/api/launch/prompts`, async ({ request }) => {
        asked.push(await request.json());
        return HttpResponse.json({
          prompts: [
            {
              promptId: PROMPT_ID,
              token: CARD_TOKEN,
              itemCode: 'LAB-K',
              itemName: '钾',
              createdAt: '2026-03-10T02:00:00.000Z',
              orderedBy: { ref: 'Practitioner/dr-li', name: '李明' },
              department: '心血管内科门诊',
            },
          ],
        });
      }),
    );
    const authorize = await startLaunch(ehr, `iss=${encodeURIComponent(ehr.iss)}`);
    expect(authorize.searchParams.has('launch')).toBe(false);
    expect(authorize.searchParams.get('code_challenge')).toBeTruthy();
    await returnFromAuthorization(authorize);
    await screen.findByRole('heading', { level: 1, name: '选择要处理的互认提示' });
    // The launch proves its patient with its own access token, at its own FHIR server.
    // (StrictMode mounts the page twice: each mount asks the same.)
    expect(asked.length).toBeGreaterThan(0);
    for (const body of asked) expect(body).toMatchObject({ fhirServer: ehr.iss, patientId: ZHANG_WEI.id });
    await doctor().click(screen.getByRole('button', { name: '处理：钾' }));
    expect(await screen.findByRole('heading', { level: 1, name: '钾' })).toBeTruthy();
  });

  it('without a card and with no open card for the patient, says so and names the EHR’s missing support, not "click again"', async () => {
    const ehr = new MockEhr({ appContext: null });
    network.use(
      ...ehr.handlers(),
      ...new FakeDecisionApi('potassium').handlers(),
      http.post(`${ORIGIN}/api/launch/prompts`, () => HttpResponse.json({ prompts: [] })),
    );
    await returnFromAuthorization(await startLaunch(ehr, `iss=${encodeURIComponent(ehr.iss)}`));
    const said = await screen.findByText(/近一天内没有待处理的互认提示/);
    expect(said.textContent).toContain('没有传递 appContext');
    expect(document.body.textContent).not.toContain('重新点击');
  });

  it.each([
    ['not JSON', '{promptId: 1'],
    ['without the token', JSON.stringify({ promptId: PROMPT_ID })],
  ])('a bad appContext (%s) is refused with a clear message', async (_case, appContext) => {
    const ehr = new MockEhr({ appContext });
    network.use(...ehr.handlers(), ...new FakeDecisionApi('potassium').handlers());
    await returnFromAuthorization(await startLaunch(ehr));
    expect((await problem()).textContent).toContain('互认提示卡片带来的信息无法识别');
  });

  it.each([
    [401, 'expired', '续期未获批准'],
    [401, 'unauthenticated', '授权无效或已失效'],
    [403, 'forbidden', '此授权不属于这张互认提示卡片'],
    [404, 'not-found', '找不到这张互认提示'],
    [409, 'not-an-order-card', '这张卡片只用于查看外院结果'],
    [429, 'rate-limited', '请求过于频繁'],
    [503, 'unavailable', '服务器暂时不可用'],
  ])(
    'our API answers %i %s: the doctor reads why, and to open the card again where that helps',
    async (status, code, text) => {
      const ehr = new MockEhr();
      network.use(
        http.get(`${ORIGIN}/api/prompts/${PROMPT_ID}`, () =>
          HttpResponse.json({ error: { code, message: 'refused', field: null } }, { status }),
        ),
        // An expired card is renewed with the launch's proof of the patient; here the server refuses.
        http.post(`${ORIGIN}/api/prompts/${PROMPT_ID}/renewal`, () =>
          HttpResponse.json({ error: { code: 'forbidden', message: 'another patient', field: null } }, { status: 403 }),
        ),
        ...ehr.handlers(),
        ...new FakeDecisionApi('potassium').handlers(),
      );
      await returnFromAuthorization(await startLaunch(ehr));
      const alert = await problem();
      expect(alert.textContent).toContain(text);
      // Opening the card again cannot cure an expired card (it carries the same token): the way is a new card.
      expect(alert.textContent?.includes('重新点击')).toBe(code === 'unauthenticated' || code === 'forbidden');
    },
  );

  it('our server cannot be reached: said so, with a retry that loads the card once it is back', async () => {
    const ehr = new MockEhr();
    const api = new FakeDecisionApi('potassium');
    let down = true;
    network.use(
      http.get(`${ORIGIN}/api/prompts/${PROMPT_ID}`, () => (down ? HttpResponse.error() : undefined)),
      ...ehr.handlers(),
      ...api.handlers(),
    );
    await returnFromAuthorization(await startLaunch(ehr));
    const alert = await problem();
    expect(alert.textContent).toContain('无法连接服务器');
    down = false;
    await doctor().click(within(alert).getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('heading', { level: 1, name: '钾' })).toBeTruthy();
  });

  it('the app settings cannot be fetched at launch: said so instead of a blank page', async () => {
    const ehr = new MockEhr();
    network.use(
      http.get(`${ORIGIN}/app/config.json`, () => HttpResponse.error()),
      ...ehr.handlers(),
    );
    await loadPage(`/app/launch?launch=${ehr.launch}&iss=${encodeURIComponent(ehr.iss)}`);
    expect((await problem()).textContent).toContain('无法连接服务器');
  });

  it('a launch address without iss, and /app/ opened without a launch, both say to open the card again', async () => {
    await loadPage('/app/launch?launch=abc');
    expect((await problem()).textContent).toContain('此地址缺少医生工作站的信息（iss）');
    cleanup();
    await loadPage('/app/');
    const alert = await problem();
    expect(alert.textContent).toContain('医生工作站的登录授权没有完成');
    expect(alert.textContent).toContain('重新点击');
  });

  it('the authorization server refuses the code (no PKCE verifier match): the launch says it did not complete', async () => {
    const ehr = new MockEhr();
    network.use(...ehr.handlers(), ...new FakeDecisionApi('potassium').handlers());
    const authorize = await startLaunch(ehr);
    await loadPage(`/app/?code=stolen-code&state=${authorize.searchParams.get('state') ?? ''}`);
    expect((await problem()).textContent).toContain('医生工作站的登录授权没有完成');
  });
});
