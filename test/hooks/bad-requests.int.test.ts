import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderRequest } from '../support/hook-requests';
import { postJson, startServer, type TestServer } from '../support/server';

let server: TestServer;
const url = (service = 'recognition-order-select') => `${server.url}/cds-services/${service}`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

type Mutation = (request: any) => unknown;

describe('bad hook requests get 400 with an OperationOutcome naming the field, and store nothing', () => {
  it.each<{ name: string; mutate: Mutation; field: string }>([
    {
      name: 'the wrong hook for this service',
      mutate: (r) => {
        r.hook = 'order-sign';
      },
      field: 'hook',
    },
    {
      name: 'no hookInstance',
      mutate: (r) => {
        delete r.hookInstance;
      },
      field: 'hookInstance',
    },
    {
      name: 'no context',
      mutate: (r) => {
        delete r.context;
      },
      field: 'context',
    },
    {
      name: 'no patientId',
      mutate: (r) => {
        delete r.context.patientId;
      },
      field: 'context.patientId',
    },
    {
      name: 'patientId of the wrong type',
      mutate: (r) => {
        r.context.patientId = 42;
      },
      field: 'context.patientId',
    },
    {
      name: 'order-select without selections',
      mutate: (r) => {
        delete r.context.selections;
      },
      field: 'context.selections',
    },
    {
      name: 'draftOrders that is not a Bundle',
      mutate: (r) => {
        r.context.draftOrders = { resourceType: 'List' };
      },
      field: 'context.draftOrders.resourceType',
    },
    {
      name: 'a draft entry without resourceType',
      mutate: (r) => {
        delete r.context.draftOrders.entry[0].resource.resourceType;
      },
      field: 'context.draftOrders.entry[0].resource.resourceType',
    },
    {
      name: 'a ServiceRequest whose code is not a CodeableConcept',
      mutate: (r) => {
        r.context.draftOrders.entry[0].resource.code = 'K';
      },
      field: 'context.draftOrders.entry[0].resource.code',
    },
    {
      name: 'fhirServer that is not a URL',
      mutate: (r) => {
        r.fhirServer = 'not a url';
      },
      field: 'fhirServer',
    },
    {
      name: 'fhirServer with a non-web scheme',
      mutate: (r) => {
        r.fhirServer = 'file:///etc/passwd';
      },
      field: 'fhirServer',
    },
    {
      name: 'fhirAuthorization without a token',
      mutate: (r) => {
        r.fhirAuthorization = { token_type: 'Bearer' };
      },
      field: 'fhirAuthorization.access_token',
    },
    {
      name: 'a prefetched patient that is not a Patient',
      mutate: (r) => {
        r.prefetch.patient = { resourceType: 'Practitioner' };
      },
      field: 'prefetch.patient',
    },
  ])('$name → 400 naming $field', async ({ mutate, field }) => {
    const before = await server.services.db('prompts').count({ n: '*' }).first();
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K']);
    mutate(request);
    const { status, body } = await postJson(url(), request);
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue.flatMap((issue: { expression?: string[] }) => issue.expression ?? [])).toContain(field);
    expect(await server.services.db('prompts').count({ n: '*' }).first()).toEqual(before);
  });

  it('a body that is not JSON → 400 OperationOutcome', async () => {
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"hook": ',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect(((await response.json()) as { issue: { diagnostics: string }[] }).issue[0]?.diagnostics).toContain(
      'not valid JSON',
    );
  });

  it('a body over the size limit → 413 OperationOutcome', async () => {
    const huge = JSON.stringify({ hook: 'order-select', padding: 'x'.repeat(6 * 1024 * 1024) });
    const response = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });

  it('an unknown service → 404 OperationOutcome', async () => {
    const { status, body } = await postJson(
      url('no-such-service'),
      orderRequest('order-select', 'zhang-wei', ['LAB-K']),
    );
    expect(status).toBe(404);
    expect(body.issue[0].code).toBe('not-found');
  });

  it('an encounter at an unregistered hospital → 412 naming the hospital', async () => {
    const { status, body } = await postJson(
      url(),
      orderRequest('order-select', 'zhang-wei', ['LAB-K'], { hospitalId: 'H-NOWHERE' }),
    );
    expect(status).toBe(412);
    expect(body.issue[0].diagnostics).toContain('H-NOWHERE');
  });

  it('never answers with a stack trace', async () => {
    const { body } = await postJson(url(), '{"hook": "order-select", "context": []}');
    expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+/);
  });
});
