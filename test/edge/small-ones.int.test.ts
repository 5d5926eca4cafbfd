import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '../../fixtures/clients';
import { mintClientToken } from '../../fixtures/clients/mint';
import { NATIONAL_ID_SYSTEM } from '../../fixtures/patients/bundles';
import { demoPatient, orderRequest } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SELECT = 'recognition-order-select';
const PUBLIC = 'http://huren.test';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const feedbackUrl = () => `${server.url}/cds-services/${SELECT}/feedback`;
const decisionOf = (promptId: string) => server.services.db('decisions').where('prompt_id', promptId).first();

async function freshCard(patient = 'zhang-wei', item = 'LAB-K'): Promise<any> {
  const { body } = await postJson(
    `${server.url}/cds-services/${SELECT}`,
    orderRequest('order-select', patient, [item]),
  );
  expect(body.cards).toHaveLength(1);
  return body.cards[0];
}

describe('point 9: the small ones', () => {
  it('refuses a JWT whose exp lies far beyond its iat, however fresh', async () => {
    const signed = await startServer({ env: { CDS_AUTH: 'on' } });
    try {
      const token = await mintClientToken({
        issuer: DEMO_CLIENTS[0].issuer,
        audience: `${PUBLIC}/cds-services/${SELECT}`,
        now: TEST_NOW,
        lifetimeSeconds: 24 * 3600,
      });
      const { status } = await postJson(
        `${signed.url}/cds-services/${SELECT}`,
        orderRequest('order-select', 'zhang-wei', ['LAB-K']),
        { authorization: `Bearer ${token}` },
      );
      expect(status).toBe(401);
      expect(await signed.services.metrics.registry.getSingleMetricAsString('huren_cds_auth_refused_total')).toContain(
        'reason="lifetime"',
      );
      const fine = await mintClientToken({
        issuer: DEMO_CLIENTS[0].issuer,
        audience: `${PUBLIC}/cds-services/${SELECT}`,
        now: TEST_NOW,
        lifetimeSeconds: 300,
      });
      expect(
        (
          await postJson(`${signed.url}/cds-services/${SELECT}`, orderRequest('order-select', 'zhang-wei', ['LAB-K']), {
            authorization: `Bearer ${fine}`,
          })
        ).status,
      ).toBe(200);
    } finally {
      await signed.close();
    }
  });

  it('does not let a future outcomeTimestamp freeze the decision against later feedback', async () => {
    const card = await freshCard();
    await postJson(feedbackUrl(), {
      feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2030-01-01T00:00:00Z' }],
    });
    expect((await decisionOf(card.uuid)).decided_at).toBe(TEST_NOW.toISOString());
    await postJson(feedbackUrl(), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: card.suggestions[0].uuid }],
          outcomeTimestamp: TEST_NOW.toISOString(),
        },
      ],
    });
    expect(await decisionOf(card.uuid)).toMatchObject({ outcome: 'accepted' });
  });

  it('does not let an outcomeTimestamp before the card existed backdate the decision', async () => {
    const card = await freshCard('wang-fang', 'CT-HEAD');
    await postJson(feedbackUrl(), {
      feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2020-01-01T00:00:00Z' }],
    });
    expect((await decisionOf(card.uuid)).decided_at).toBe(TEST_NOW.toISOString());
  });

  it('finds the patient whose national identifier arrives in full-width characters (NFKC)', async () => {
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    const ascii = demoPatient('zhang-wei').nationalId;
    const fullWidth = [...ascii].map((char) => String.fromCodePoint((char.codePointAt(0) ?? 0) + 0xfee0)).join('');
    expect(fullWidth).not.toBe(ascii);
    request.prefetch.patient.identifier = [{ system: NATIONAL_ID_SYSTEM, value: `\u3000${fullWidth}` }];
    const { body } = await postJson(`${server.url}/cds-services/${SELECT}`, request);
    expect(body.cards).toHaveLength(1);
  });

  it('believes X-Forwarded-For only with TRUST_PROXY', async () => {
    const calls = async (target: TestServer) => {
      const statuses: number[] = [];
      for (const address of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
        statuses.push((await fetch(`${target.url}/api/catalog`, { headers: { 'x-forwarded-for': address } })).status);
      }
      return statuses;
    };
    const untrusting = await startServer({ seed: false, env: { RATE_LIMIT_PER_MINUTE: '2' } });
    const trusting = await startServer({ seed: false, env: { RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' } });
    try {
      // Without the setting every call counts against the socket's address, whatever the header says.
      expect(await calls(untrusting)).toEqual([401, 401, 429]);
      expect(await calls(trusting)).toEqual([401, 401, 401]);
    } finally {
      await untrusting.close();
      await trusting.close();
    }
  });
});

describe('point 13: a feedback batch records each valid entry and names the refused ones', () => {
  it('records the valid entries next to an unknown card and a malformed entry, and says why each refused one was', async () => {
    const first = await freshCard('sun-li', 'US-THYROID');
    const second = await freshCard('ma-chao', 'MR-KNEE');
    const unknown = crypto.randomUUID();
    const { status, body } = await postJson(feedbackUrl(), {
      feedback: [
        { card: first.uuid, outcome: 'overridden', outcomeTimestamp: TEST_NOW.toISOString() },
        { card: unknown, outcome: 'overridden', outcomeTimestamp: TEST_NOW.toISOString() },
        { card: second.uuid, outcome: 'ignored', outcomeTimestamp: TEST_NOW.toISOString() },
        {
          card: second.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: second.suggestions[0].uuid }],
          outcomeTimestamp: TEST_NOW.toISOString(),
        },
      ],
    });
    expect(status).toBe(200);
    expect(await decisionOf(first.uuid)).toMatchObject({ outcome: 'overridden' });
    expect(await decisionOf(second.uuid)).toMatchObject({ outcome: 'accepted' });
    expect(body.refused.map((entry: { index: number; status: number }) => [entry.index, entry.status])).toEqual([
      [1, 404],
      [2, 400],
    ]);
    expect(body.refused[1].issue[0].expression).toEqual(['feedback[2].outcome']);
  });

  it('refuses a batch in which no entry is valid as a whole, as before', async () => {
    const { status, body } = await postJson(feedbackUrl(), {
      feedback: [{ card: crypto.randomUUID(), outcome: 'overridden', outcomeTimestamp: TEST_NOW.toISOString() }],
    });
    expect(status).toBe(404);
    expect(body.resourceType).toBe('OperationOutcome');
  });
});
