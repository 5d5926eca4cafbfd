import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeFrom } from '../../server/i18n';
import { startServer, type TestServer } from '../support/server';

/** Issue 17 point 2: the locale is negotiated once, honouring q-values, and `?lang` overrides it on every route. */

const ENGLISH_TITLE = 'Recognisable external results';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const titleOf = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${path}`, { headers });
  const { services } = (await response.json()) as { services: { title: string }[] };
  return services[0]?.title;
};

describe('the language of an answer', () => {
  it('weighs Accept-Language by its q-values, not by which tag comes first', async () => {
    expect(await titleOf('/cds-services', { 'accept-language': 'en;q=0.2, zh-CN;q=0.9' })).not.toBe(ENGLISH_TITLE);
    expect(await titleOf('/cds-services', { 'accept-language': 'zh-CN;q=0.1, en-US;q=0.8' })).toBe(ENGLISH_TITLE);
  });

  it('takes ?lang over the header', async () => {
    expect(await titleOf('/cds-services?lang=en', { 'accept-language': 'zh-CN' })).toBe(ENGLISH_TITLE);
    expect(await titleOf('/cds-services?lang=zh-CN', { 'accept-language': 'en' })).not.toBe(ENGLISH_TITLE);
  });

  it('accepts ?lang on an /api route whose own query is strict (the access log)', async () => {
    const token = await server.token('quality', 'H-CQ-001');
    const response = await fetch(`${server.url}/api/access-log?lang=en&limit=5`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
  });

  it('reads Chinese variants as Chinese and anything unknown as Simplified Chinese', () => {
    expect(localeFrom('zh-TW,en;q=0.5')).toBe('zh-CN');
    expect(localeFrom('zh')).toBe('zh-CN');
    expect(localeFrom('fr, en;q=0.7')).toBe('en');
    expect(localeFrom('fr')).toBe('zh-CN');
    expect(localeFrom('*')).toBe('zh-CN');
    expect(localeFrom(undefined)).toBe('zh-CN');
  });
});
