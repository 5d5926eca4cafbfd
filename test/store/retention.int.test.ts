import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { pruneExpiredResults } from '../../server/store/retention';
import { upsertResult } from '../../server/store/results';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('retention: the index keeps only results that can still be recognised', () => {
  it('prunes results older than the longest window in force (3 calendar months, at most 93 days, + 1), keeps younger ones, prompts and decisions', async () => {
    const base = {
      patientKey: 'r'.repeat(64),
      itemCode: 'CT-HEAD',
      institutionId: HOSPITALS.jialing,
      status: 'final' as const,
      issuedAt: null,
      mark: null,
      method: null,
      brand: null,
      report: { kind: 'lab' as const, title: 't', values: [] },
    };
    const day = 86_400_000;
    await upsertResult(
      server.services.db,
      { ...base, reportKey: 's|old', effectiveAt: new Date(TEST_NOW.getTime() - 96 * day).toISOString() },
      TEST_NOW,
    );
    // 92 days can still be inside three calendar months (06-01 → 09-01).
    await upsertResult(
      server.services.db,
      { ...base, reportKey: 's|edge', effectiveAt: new Date(TEST_NOW.getTime() - 92 * day).toISOString() },
      TEST_NOW,
    );
    const card = (
      await postJson(
        `${server.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      )
    ).body.cards[0];
    const cutoff = new Date(TEST_NOW.getTime() - 94 * day).toISOString();
    const tooOld = await server.services.db('results').where('effective_at', '<', cutoff).pluck('report_key');
    // Ours, and 王芳's lumbar MRI of 100 days ago from the demo.
    expect(tooOld).toHaveLength(2);

    const { pruned } = await pruneExpiredResults(server.services.db, TEST_NOW);

    expect(pruned).toBe(2);
    expect(await server.services.db('results').where('report_key', 's|old')).toEqual([]);
    expect(await server.services.db('results').where('report_key', 's|edge')).toHaveLength(1);
    // Every demo result is younger than three months: the demo still works after pruning.
    expect(
      (
        await postJson(
          `${server.url}/cds-services/recognition-order-select`,
          orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        )
      ).body.cards,
    ).toHaveLength(1);
    expect(await server.services.db('prompts').where('id', card.uuid)).toHaveLength(1);
  });

  it('follows the longest window of the active catalog', async () => {
    await server.services
      .db('items')
      .whereIn('discipline', ['radiography', 'ct', 'mr', 'nuclear-medicine'])
      .update({ active: false });
    const { cutoff } = await pruneExpiredResults(server.services.db, TEST_NOW);
    // HBsAg and other hepatitis serology: 90 days; every imaging item switched off here.
    expect(cutoff).toBe(new Date(TEST_NOW.getTime() - 91 * 86_400_000).toISOString());
    await server.services.db('items').update({ active: true });
  });
});
