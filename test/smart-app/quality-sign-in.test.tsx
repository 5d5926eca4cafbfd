// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { doctor, loadPage, mockNetwork } from './support/app';
import { ADMIN_TOKEN, FakeQualityApi, QUALITY_TOKEN } from './quality-fake-api';

const network = mockNetwork();

async function signIn(token: string) {
  const user = doctor();
  await user.type(await screen.findByLabelText(/API 令牌/), token);
  await user.click(screen.getByRole('button', { name: '登录' }));
}

const console = () => screen.findByRole('heading', { level: 1, name: '检查检验结果互认质控' });

describe('quality console: signing in with an API token', () => {
  it('asks for the token in Chinese, keeps it for the tab only, never in the address, and signs out', async () => {
    const api = new FakeQualityApi();
    network.use(...api.handlers());
    await loadPage('/app/quality');
    expect(await screen.findByRole('heading', { level: 1, name: '登录互认质控' })).toBeTruthy();
    // Whom to ask for a token, in the reader's terms, not a command line.
    expect(screen.getByText(/向本院信息科或互认平台管理员申请/)).toBeTruthy();
    await signIn(QUALITY_TOKEN);
    await console();
    // The header names the hospital the token speaks for (issue 23 point 10).
    expect(await screen.findByText('互认质控 · 山城医科大学附属第一医院')).toBeTruthy();
    expect(window.sessionStorage.getItem('huren.console.quality.token')).toBe(QUALITY_TOKEN);
    expect(window.localStorage.length).toBe(0);
    expect(window.location.href).not.toContain(QUALITY_TOKEN);
    expect(api.requests.every((request) => request.authorization === `Bearer ${QUALITY_TOKEN}`)).toBe(true);

    await doctor().click(screen.getByRole('button', { name: '退出登录' }));
    expect(await screen.findByRole('heading', { level: 1, name: '登录互认质控' })).toBeTruthy();
    expect(window.sessionStorage.getItem('huren.console.quality.token')).toBeNull();
  });

  it('refuses a wrong token at the field, and keeps nothing', async () => {
    network.use(...new FakeQualityApi().handlers());
    await loadPage('/app/quality');
    await signIn('hrn_not-a-token');
    expect(await screen.findByText('令牌无效或已被撤销，请检查后重试。')).toBeTruthy();
    expect(screen.getByLabelText(/API 令牌/).getAttribute('aria-invalid')).toBe('true');
    expect(window.sessionStorage.getItem('huren.console.quality.token')).toBeNull();
  });

  it("says so when the token is an administrator's, not the quality department's", async () => {
    network.use(...new FakeQualityApi().handlers());
    await loadPage('/app/quality');
    await signIn(ADMIN_TOKEN);
    expect(await screen.findByText('此令牌不能用于本页面，请使用质控科（医务部）的令牌。')).toBeTruthy();
  });

  it('asks for nothing when the token is empty', async () => {
    const api = new FakeQualityApi();
    network.use(...api.handlers());
    await loadPage('/app/quality');
    await doctor().click(await screen.findByRole('button', { name: '登录' }));
    expect(screen.getByText('请输入令牌')).toBeTruthy();
    expect(api.requests).toEqual([]);
  });

  it('a reload stays signed in; a token revoked meanwhile sends back to the form, saying why', async () => {
    const api = new FakeQualityApi();
    network.use(...api.handlers());
    window.sessionStorage.setItem('huren.console.quality.token', QUALITY_TOKEN);
    await loadPage('/app/quality?outcome=accepted');
    await console();
    api.revoked = true;
    await doctor().click(await screen.findByRole('button', { name: '月' }));
    expect(await screen.findByText('登录已失效（令牌可能已被撤销），请重新登录。')).toBeTruthy();
    expect(window.sessionStorage.getItem('huren.console.quality.token')).toBeNull();
  });
});
