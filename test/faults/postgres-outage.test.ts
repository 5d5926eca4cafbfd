import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { orderRequest } from '../support/hook-requests';
import { startCluster, type Cluster } from '../support/postgres-cluster';
import { getJson, postJson, startServer, type TestServer } from '../support/server';

let cluster: Cluster;
let server: TestServer;

beforeAll(async () => {
  // A cluster of its own: this suite switches it off.
  cluster = await startCluster();
  server = await startServer({ env: { DATABASE_URL: cluster.adminUrl } });
}, 120_000);
afterAll(async () => {
  await server.close().catch(() => undefined);
  cluster.stop();
});

/** Asks until readiness says so, however long a busy machine takes to notice; only a hang ends it. */
async function waitForReady(expected: number): Promise<void> {
  await vi.waitFor(
    async () => expect((await fetch(`${server.url}/health/ready`)).status, '/health/ready').toBe(expected),
    { timeout: 60_000, interval: 250 },
  );
}

describe('PostgreSQL briefly unavailable', () => {
  it('reports unready, degrades hooks, answers 503 elsewhere, and recovers when it returns', async () => {
    const card = (
      await postJson(
        `${server.url}/cds-services/recognition-order-select`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
      )
    ).body.cards[0];
    const appContext = JSON.parse(card.links[0].appContext);
    await waitForReady(200);

    cluster.pause();
    try {
      await waitForReady(503);
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

      const hook = await fetch(`${server.url}/cds-services/recognition-order-select`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(orderRequest('order-select', 'zhang-wei', ['LAB-K'])),
      });
      expect(hook.status).toBe(200);
      expect(await hook.json()).toEqual({ cards: [] });
      expect(hook.headers.get('x-huren-degraded')).toMatch(/^(failure|timeout)$/);

      const view = await getJson(`${server.url}/api/prompts/${appContext.promptId}`, {
        authorization: `Bearer ${appContext.token}`,
      });
      expect(view.status).toBe(503);
      expect(view.body.error.code).toBe('unavailable');

      const ingest = await postJson(
        `${server.url}/fhir`,
        { resourceType: 'Bundle', type: 'batch', entry: [] },
        { authorization: `Bearer ${server.platformToken}` },
      );
      expect(ingest.status).toBe(503);
      expect(ingest.body.resourceType).toBe('OperationOutcome');
    } finally {
      cluster.resume();
    }
    await waitForReady(200);
    expect(
      (
        await postJson(
          `${server.url}/cds-services/recognition-order-select`,
          orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        )
      ).body.cards,
    ).toHaveLength(1);
    expect(
      (
        await getJson(`${server.url}/api/prompts/${appContext.promptId}`, {
          authorization: `Bearer ${appContext.token}`,
        })
      ).status,
    ).toBe(200);
  });
});
