import { describe, expect, it } from 'vitest';
import { ownOriginOf, pageMayCall } from '../../server/web/page-origin';

/** The one rule both the CDS Hooks routes and the HIS channel's browser calls decide by. */
describe('which pages may call with a client’s credentials', () => {
  const own = ownOriginOf('https://huren.example/base');

  it('takes Huren’s origin from its public URL, path aside', () => {
    expect(own).toBe('https://huren.example');
  });

  it('allows a server-to-server call, Huren’s own pages and the client’s registered origins', () => {
    expect(pageMayCall(undefined, own, [])).toBe(true);
    expect(pageMayCall('https://huren.example', own, undefined)).toBe(true);
    expect(pageMayCall('https://emr.example', own, ['https://emr.example'])).toBe(true);
  });

  it('refuses a page the client did not register, even one another client registered', () => {
    expect(pageMayCall('https://emr.other.example', own, ['https://emr.example'])).toBe(false);
    expect(pageMayCall('https://emr.example', own, undefined)).toBe(false);
    expect(pageMayCall('http://huren.example', own, [])).toBe(false);
  });
});
