import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../server/fhir/systems';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
const hook = (service: string) => `${server.url}/cds-services/${service}`;
const feedbackUrl = (service = 'recognition-order-select') => `${server.url}/cds-services/${service}/feedback`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

async function freshCard(patient = 'zhang-wei', item = 'LAB-K'): Promise<any> {
  const { body } = await postJson(hook('recognition-order-select'), orderRequest('order-select', patient, [item]));
  expect(body.cards).toHaveLength(1);
  return body.cards[0];
}

const decisionOf = (promptId: string) => server.services.db('decisions').where('prompt_id', promptId).first();
const historyOf = (promptId: string) =>
  server.services.db('decision_history').where('prompt_id', promptId).orderBy('version');

describe('feedback: one decision per card, from the EHR', () => {
  it('accepted: records the accepted suggestion, hence the accepted result', async () => {
    const card = await freshCard();
    const { status } = await postJson(feedbackUrl(), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: card.suggestions[0].uuid }],
          outcomeTimestamp: '2026-03-10T02:01:00Z',
        },
      ],
    });
    expect(status).toBe(200);
    const prompt = await server.services.db('prompts').where('id', card.uuid).first();
    const decision = await decisionOf(card.uuid);
    expect(decision).toMatchObject({
      outcome: 'accepted',
      result_id: JSON.parse(prompt.candidates)[0].resultId,
      source: 'cds-feedback',
      version: 1,
      decided_at: '2026-03-10T02:01:00.000Z',
    });
    expect(Boolean(decision.complete)).toBe(true);
  });

  it('repeating the same feedback is harmless: still one decision, one version', async () => {
    const card = await freshCard();
    const body = {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: card.suggestions[0].uuid }],
          outcomeTimestamp: '2026-03-10T02:01:00Z',
        },
      ],
    };
    await postJson(feedbackUrl(), body);
    expect((await postJson(feedbackUrl(), body)).status).toBe(200);
    expect(await historyOf(card.uuid)).toHaveLength(1);
  });

  it('overridden with one of our reasons: reason and comment recorded, open until the patient notification is added', async () => {
    const card = await freshCard('wang-fang', 'CT-HEAD');
    const reason = card.overrideReasons.find((r: { code: string }) => r.code === 'condition-changed');
    await postJson(feedbackUrl(), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'overridden',
          overrideReason: { reason, userComment: '  头痛加重，需复查  ' },
          outcomeTimestamp: '2026-03-10T02:02:00Z',
        },
      ],
    });
    const decision = await decisionOf(card.uuid);
    expect(decision).toMatchObject({
      outcome: 'overridden',
      reason_system: SYSTEMS.exceptionReason,
      reason_code: 'condition-changed',
      explanation: '头痛加重，需复查',
      result_id: null,
      // Credited to the doctor the EHR named for the session the card was raised in (issue 23 point 2).
      practitioner_ref: 'Practitioner/dr-test',
      practitioner_name: '测试医生',
    });
    expect(Boolean(decision.complete)).toBe(false);
  });

  it("overridden with the EHR's own reason list: kept as sent", async () => {
    const card = await freshCard('ma-chao', 'DR-KNEE');
    await postJson(feedbackUrl(), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'overridden',
          overrideReason: { reason: { system: 'https://ehr.example/reasons', code: 'R9' } },
          outcomeTimestamp: '2026-03-10T02:03:00Z',
        },
      ],
    });
    expect(await decisionOf(card.uuid)).toMatchObject({
      reason_system: 'https://ehr.example/reasons',
      reason_code: 'R9',
    });
  });

  it('changing the decision keeps the earlier version in the history', async () => {
    const card = await freshCard('lin-tao', 'US-LGPS');
    await postJson(feedbackUrl(), {
      feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
    });
    await postJson(feedbackUrl(), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: card.suggestions[0].uuid }],
          outcomeTimestamp: '2026-03-10T02:04:00Z',
        },
      ],
    });
    const history = await historyOf(card.uuid);
    expect(history.map((row: { snapshot: string }) => JSON.parse(row.snapshot).outcome)).toEqual([
      'overridden',
      'accepted',
    ]);
    expect(await decisionOf(card.uuid)).toMatchObject({ outcome: 'accepted', version: 2 });
  });

  it('older news does not overwrite a newer decision', async () => {
    const card = await freshCard('lin-tao', 'CT-UABD-ENH');
    await postJson(feedbackUrl(), {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: card.suggestions[0].uuid }],
          outcomeTimestamp: '2026-03-10T02:04:00Z',
        },
      ],
    });
    await postJson(feedbackUrl(), {
      feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
    });
    expect(await decisionOf(card.uuid)).toMatchObject({ outcome: 'accepted', version: 1 });
  });

  it.each<{ name: string; body: (card: any) => unknown; status: number; field: string }>([
    {
      name: 'an unknown card',
      body: () => ({
        feedback: [{ card: crypto.randomUUID(), outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
      }),
      status: 404,
      field: 'feedback[0].card',
    },
    {
      name: 'accepted without acceptedSuggestions',
      body: (card) => ({
        feedback: [{ card: card.uuid, outcome: 'accepted', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
      }),
      status: 400,
      field: 'feedback[0].acceptedSuggestions',
    },
    {
      name: 'a suggestion that is not on the card',
      body: (card) => ({
        feedback: [
          {
            card: card.uuid,
            outcome: 'accepted',
            acceptedSuggestions: [{ id: 'nope' }],
            outcomeTimestamp: '2026-03-10T02:00:00Z',
          },
        ],
      }),
      status: 400,
      field: 'feedback[0].acceptedSuggestions[0].id',
    },
    {
      name: 'a code of our system that we never offered',
      body: (card) => ({
        feedback: [
          {
            card: card.uuid,
            outcome: 'overridden',
            overrideReason: { reason: { system: SYSTEMS.exceptionReason, code: 'because' } },
            outcomeTimestamp: '2026-03-10T02:00:00Z',
          },
        ],
      }),
      status: 400,
      field: 'feedback[0].overrideReason.reason.code',
    },
    {
      name: 'an unknown outcome',
      body: (card) => ({
        feedback: [{ card: card.uuid, outcome: 'ignored', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
      }),
      status: 400,
      field: 'feedback[0].outcome',
    },
    {
      name: 'no timestamp',
      body: (card) => ({ feedback: [{ card: card.uuid, outcome: 'overridden' }] }),
      status: 400,
      field: 'feedback[0].outcomeTimestamp',
    },
    { name: 'an empty feedback list', body: () => ({ feedback: [] }), status: 400, field: 'feedback' },
  ])('refuses $name ($status) and records nothing', async ({ body, status, field }) => {
    const card = await freshCard('sun-li', 'US-THYROID');
    const response = await postJson(feedbackUrl(), body(card));
    expect(response.status).toBe(status);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(response.body.issue.flatMap((issue: { expression?: string[] }) => issue.expression ?? [])).toContain(field);
    expect(await decisionOf(card.uuid)).toBeUndefined();
  });

  it('a request with one good and one unknown card records the good one and names the unknown one', async () => {
    const card = await freshCard('zhang-wei', 'LAB-CBC');
    const unknown = crypto.randomUUID();
    const { status, body } = await postJson(feedbackUrl(), {
      feedback: [
        { card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' },
        { card: unknown, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' },
      ],
    });
    expect(status).toBe(200);
    expect(await decisionOf(card.uuid)).toMatchObject({ outcome: 'overridden' });
    expect(body.refused).toEqual([
      {
        index: 1,
        card: unknown,
        status: 404,
        issue: [expect.objectContaining({ code: 'not-found', expression: ['feedback[1].card'] })],
      },
    ]);
  });

  it("feedback posted to another service's endpoint does not find the card", async () => {
    const card = await freshCard('zhang-wei', 'CT-CHEST');
    const { status } = await postJson(feedbackUrl('recognition-order-sign'), {
      feedback: [{ card: card.uuid, outcome: 'overridden', outcomeTimestamp: '2026-03-10T02:00:00Z' }],
    });
    expect(status).toBe(404);
  });
});
