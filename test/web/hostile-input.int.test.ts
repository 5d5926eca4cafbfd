import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_ID_SYSTEM, organizationResource } from '../../fixtures/patients/bundles';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { SYSTEMS } from '../../server/fhir/systems';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
let card: { uuid: string; suggestionId: string; promptId: string; token: string };
let adminToken: string;

beforeAll(async () => {
  server = await startServer();
  adminToken = await server.token('admin', 'H-CQ-001');
  const { body } = await postJson(
    `${server.url}/cds-services/recognition-order-select`,
    orderRequest('order-select', 'zhang-wei', ['LAB-K']),
  );
  const first = body.cards[0];
  const appContext = JSON.parse(first.links[0].appContext);
  card = {
    uuid: first.uuid,
    suggestionId: first.suggestions[0].uuid,
    promptId: appContext.promptId,
    token: appContext.token,
  };
});
afterAll(async () => {
  await server.close();
});

/** A fingerprint of everything a request could write: any change to these tables changes it. */
async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const table of [
    'results',
    'prompts',
    'decisions',
    'decision_history',
    'unexplained_repeats',
    'institutions',
    'items',
  ]) {
    const rows = await server.services.db(table).select('*');
    hash.update(JSON.stringify(rows.map((row) => Object.values(row).map(String)).sort()));
  }
  return hash.digest('hex');
}

type Json = unknown;
type Endpoint = { path: string; valid: () => Json; required: string[][]; headers?: () => Record<string, string> };

function validBundle(): Json {
  const patient = {
    resourceType: 'Patient',
    id: 'p',
    identifier: [{ system: NATIONAL_ID_SYSTEM, value: '990101199901010011' }],
  };
  const report = {
    resourceType: 'DiagnosticReport',
    id: 'r',
    identifier: [{ system: 's', value: 'hostile' }],
    status: 'final',
    code: { coding: [{ system: SYSTEMS.recognitionItem, code: 'LAB-K' }] },
    subject: { reference: 'Patient/p' },
    effectiveDateTime: '2026-03-09',
    performer: [{ reference: `Organization/${HOSPITALS.jialing}` }],
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [patient, organizationResource(HOSPITALS.jialing), report].map((resource) => ({ resource })),
  };
}

const ENDPOINTS: Endpoint[] = [
  {
    path: '/cds-services/recognition-order-select',
    valid: () => orderRequest('order-select', 'zhang-wei', ['LAB-K']),
    required: [
      ['hook'],
      ['hookInstance'],
      ['context'],
      ['context', 'patientId'],
      ['context', 'userId'],
      ['context', 'selections'],
      ['context', 'draftOrders'],
      ['context', 'draftOrders', 'resourceType'],
    ],
  },
  {
    path: '/cds-services/recognition-order-sign',
    valid: () => orderRequest('order-sign', 'zhang-wei', ['LAB-K']),
    required: [['hook'], ['hookInstance'], ['context', 'patientId'], ['context', 'draftOrders']],
  },
  {
    path: '/cds-services/recognition-order-select/feedback',
    valid: () => ({
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: card.suggestionId }],
          outcomeTimestamp: '2026-03-10T02:00:00Z',
        },
      ],
    }),
    required: [
      ['feedback'],
      ['feedback', '0', 'card'],
      ['feedback', '0', 'outcome'],
      ['feedback', '0', 'outcomeTimestamp'],
      ['feedback', '0', 'acceptedSuggestions'],
    ],
  },
  {
    path: '/fhir',
    headers: () => ({ authorization: `Bearer ${server.platformToken}` }),
    valid: validBundle,
    required: [
      ['resourceType'],
      ['type'],
      ['entry', '2', 'resource', 'status'],
      ['entry', '2', 'resource', 'code'],
      ['entry', '2', 'resource', 'subject'],
      ['entry', '2', 'resource', 'performer'],
      ['entry', '0', 'resource', 'identifier'],
    ],
  },
  {
    path: '/api/explain',
    headers: () => ({ authorization: `Bearer ${adminToken}` }),
    valid: () => orderRequest('order-select', 'zhang-wei', ['LAB-K']),
    required: [['hook'], ['context'], ['context', 'patientId']],
  },
  {
    path: '/api/prompts/:prompt/decision',
    valid: () => ({
      outcome: 'overridden',
      reason: 'other',
      explanation: '说明',
      notification: { party: 'patient', method: 'verbal', notifiedAt: '2026-03-10T02:00:00Z', notifiedBy: '王医生' },
      practitioner: { ref: 'Practitioner/x', name: null },
    }),
    required: [
      ['outcome'],
      ['reason'],
      ['explanation'],
      ['notification'],
      ['notification', 'party'],
      ['notification', 'notifiedAt'],
      ['practitioner'],
      ['practitioner', 'ref'],
    ],
    headers: () => ({ authorization: `Bearer ${card.token}` }),
  },
];

function withPath(value: Json, path: string[], mutate: (parent: Record<string, unknown>, key: string) => void): Json {
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  mutate(parent, path.at(-1) as string);
  return copy;
}

function nested(depth: number): unknown {
  return depth === 0 ? {} : [nested(depth - 1)];
}

/** Values of the wrong type for any field we require: none of them is a valid string, array or object of ours. */
const wrongValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  fc.constant(''),
  fc.constant('   '),
  fc.string({ minLength: 100_001, maxLength: 100_050 }).map((s) => `x${s}`),
  fc.constant(nested(40)),
);

type Attack = { endpoint: Endpoint; body: string | Buffer; contentType: string; label: string };

const attack: fc.Arbitrary<Attack> = fc.constantFrom(...ENDPOINTS).chain((endpoint) =>
  fc.oneof(
    fc.constantFrom(...endpoint.required).map((path) => ({
      endpoint,
      label: `without ${path.join('.')}`,
      contentType: 'application/json',
      body: JSON.stringify(
        withPath(endpoint.valid(), path, (parent, key) => {
          delete parent[key];
        }),
      ),
    })),
    fc.tuple(fc.constantFrom(...endpoint.required), wrongValue).map(([path, value]) => ({
      endpoint,
      label: `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`,
      contentType: 'application/json',
      body: JSON.stringify(
        withPath(endpoint.valid(), path, (parent, key) => {
          parent[key] = value;
        }),
      ),
    })),
    fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 })).map((value) => ({
      endpoint,
      label: `body ${JSON.stringify(value)?.slice(0, 40)}`,
      contentType: 'application/json',
      body: JSON.stringify(value),
    })),
    fc
      .string({ minLength: 1, maxLength: 200 })
      .filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      })
      .map((text) => ({ endpoint, label: 'not JSON', contentType: 'application/json', body: text })),
    fc.constant({
      endpoint,
      label: 'invalid UTF-8',
      contentType: 'application/json',
      body: Buffer.concat([Buffer.from('{"hook":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    }),
    fc.integer({ min: 2_000, max: 200_000 }).map((depth) => ({
      endpoint,
      label: `nested ${depth} deep`,
      contentType: 'application/json',
      body: `${'['.repeat(depth)}${']'.repeat(depth)}`,
    })),
  ),
);

async function send(a: Attack): Promise<number> {
  const path = a.endpoint.path.replace(':prompt', card.promptId);
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': a.contentType, ...(a.endpoint.headers?.() ?? {}) },
    body: typeof a.body === 'string' ? a.body : new Uint8Array(a.body),
    // A hang would fail here, long before the test's own timeout.
    signal: AbortSignal.timeout(10_000),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('hostile and malformed input: always a clear 4xx, never a 5xx, a crash or a hang, and nothing written', () => {
  it('holds for generated requests to every endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        const before = await fingerprint();
        const status = await send(a);
        expect(status, `${a.endpoint.path} ${a.label}`).toBeGreaterThanOrEqual(400);
        expect(status, `${a.endpoint.path} ${a.label}`).toBeLessThan(500);
        expect(await fingerprint(), `${a.endpoint.path} ${a.label} changed the store`).toBe(before);
      }),
      { numRuns: 120, seed: 20261123 },
    );
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
  }, 180_000);

  it('refuses a body over the size limit with 413', async () => {
    for (const endpoint of ENDPOINTS) {
      const status = await send({
        endpoint,
        label: 'huge',
        contentType: 'application/json',
        body: JSON.stringify({ padding: 'x'.repeat(6 * 1024 * 1024) }),
      });
      expect(status, endpoint.path).toBe(413);
    }
  });

  it('stores SQL and markdown injection in free text verbatim, as data, and shows report text escaped', async () => {
    const hostile = "'); DROP TABLE results; -- [点我](javascript:alert(1)) <script>alert(1)</script>";
    const decision = {
      outcome: 'overridden',
      reason: 'other',
      explanation: hostile,
      notification: {
        party: 'family',
        method: 'written',
        notifiedAt: '2026-03-10T02:00:00Z',
        notifiedBy: hostile.slice(0, 90),
      },
      practitioner: { ref: 'Practitioner/x', name: null },
    };
    const { status, body } = await postJson(`${server.url}/api/prompts/${card.promptId}/decision`, decision, {
      authorization: `Bearer ${card.token}`,
    });
    expect(status).toBe(200);
    expect(body.decision.explanation).toBe(hostile);
    expect(await server.services.db('results').count({ n: '*' }).first()).toBeDefined();

    const bundle = validBundle() as { entry: { resource: Record<string, unknown> }[] };
    const report = bundle.entry[2]?.resource as Record<string, unknown>;
    report.identifier = [{ system: 's', value: 'injection' }];
    report.result = [{ reference: 'Observation/o' }];
    bundle.entry.push({
      resource: {
        resourceType: 'Observation',
        id: 'o',
        status: 'final',
        code: { text: hostile },
        valueString: '![x](https://evil.example/x.png) | broken',
      },
    });
    expect(
      (await postJson(`${server.url}/fhir`, bundle, { authorization: `Bearer ${server.platformToken}` })).status,
    ).toBe(200);
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    request.prefetch.patient.identifier = [{ system: NATIONAL_ID_SYSTEM, value: '990101199901010011' }];
    const detail: string = (await postJson(`${server.url}/cds-services/recognition-order-select`, request)).body
      .cards[0].detail;
    expect(detail).not.toContain('<script>');
    expect(detail).not.toContain('](javascript');
    expect(detail).not.toContain('![x](');
    expect(detail).toContain('\\[点我\\]');
  });
});
