import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { saveCodeMappings } from '../../server/store/hospital-config';
import { mappedItemCode, ReferenceCache, type ReferenceData } from '../../server/store/reference';
import { startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 18 point 5: the reference data is read again only when the store's reference version moved,
 * and in the background: an unchanged registry is not rebuilt every half minute, and nobody waits.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const REFRESH_MS = 30_000;

/** Waits until the cache answers something other than `before` (the background read has landed). */
async function changedFrom(cache: ReferenceCache, before: ReferenceData): Promise<ReferenceData> {
  for (;;) {
    const now = await cache.current();
    if (now !== before) return now;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the reference data of a process', () => {
  it('keeps what it holds while the version stands, and reads again once a write moved it', async () => {
    let clock = TEST_NOW.getTime();
    const cache = new ReferenceCache(server.services.db, REFRESH_MS, () => new Date(clock));
    const first = await cache.current();

    // Past the refresh time, nothing changed: the same data, checked by version only, for as long as it stands.
    clock += REFRESH_MS + 1;
    expect(await cache.current()).toBe(first);
    for (let check = 0; check < 3; check++) {
      clock += REFRESH_MS + 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await cache.current()).toBe(first);
    }

    // A write elsewhere (another instance, the CLI) moves the version: answered from what is held, then the new data.
    await saveCodeMappings(server.services.db, [
      {
        institutionId: HOSPITALS.shancheng,
        system: 'https://his.example/H-CQ-001/order-item',
        localCode: 'REFRESH-1',
        localName: '刷新测试',
        itemCode: 'LAB-K',
      },
    ]);
    clock += REFRESH_MS + 1;
    expect(await cache.current()).toBe(first);
    const second = await changedFrom(cache, first);
    expect(mappedItemCode(second, HOSPITALS.shancheng, 'https://his.example/H-CQ-001/order-item', 'REFRESH-1')).toBe(
      'LAB-K',
    );
  });
});
