import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signatureMatches, signatureOf, stringToSign } from '../../server/his/signature';

/** The signature recipe as docs/his-integration.md gives it: its worked example is what the server computes. */

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'his-integration.md'), 'utf8');

describe('the HIS signature recipe', () => {
  it('computes the worked example of the integration guide', () => {
    const body = /and the body \(UTF-8, exactly these bytes\):\n\n```\n(.+)\n```/.exec(DOC)?.[1] ?? '';
    const key = /The key is `([^`]+)`/.exec(DOC)?.[1] ?? '';
    const timestamp = /the timestamp `(\d+)`/.exec(DOC)?.[1] ?? '';
    const nonce = /the nonce\s+`([^`]+)`/.exec(DOC)?.[1] ?? '';
    const documented = /X-Huren-Signature: ([A-Za-z0-9+/=]+)`/.exec(DOC)?.[1];
    expect(body).toContain('"orderId":"A1"');
    const parts = { method: 'POST', path: '/his/v1/check', timestamp, nonce, body: Buffer.from(body, 'utf8') };
    expect(signatureOf(key, parts)).toBe(documented);
    expect(DOC).toContain(stringToSign(parts).replaceAll('\n', '\\n'));
  });

  it('changes with every signed part, and only the right key matches', () => {
    const parts = {
      method: 'POST',
      path: '/his/v1/check',
      timestamp: '1773108000',
      nonce: 'abcdefabcdefabcd',
      body: Buffer.from('{}'),
    };
    const signature = signatureOf('hk_a', parts);
    expect(signatureMatches('hk_a', parts, signature)).toBe(true);
    expect(signatureMatches('hk_b', parts, signature)).toBe(false);
    for (const changed of [
      { ...parts, method: 'GET' },
      { ...parts, path: '/his/v1/decisions' },
      { ...parts, timestamp: '1773108001' },
      { ...parts, nonce: 'abcdefabcdefabce' },
      { ...parts, body: Buffer.from('{ }') },
    ])
      expect(signatureMatches('hk_a', changed, signature)).toBe(false);
  });
});
