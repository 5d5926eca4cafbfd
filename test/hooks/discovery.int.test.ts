import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server';

let server: TestServer;
let corsServer: TestServer;

beforeAll(async () => {
  server = await startServer({ seed: false });
  corsServer = await startServer({ seed: false, env: { CDS_CORS_ORIGINS: 'https://ehr.example' } });
});
afterAll(async () => {
  await server.close();
  await corsServer.close();
});

describe('discovery: GET /cds-services', () => {
  it('lists the three services with prefetch templates for the patient, the encounter and the user', async () => {
    const response = await fetch(`${server.url}/cds-services`);
    expect(response.status).toBe(200);
    const { services } = (await response.json()) as {
      services: { id: string; hook: string; title: string; description: string; prefetch: Record<string, string> }[];
    };
    expect(services.map((service) => [service.id, service.hook])).toEqual([
      ['recognition-patient-view', 'patient-view'],
      ['recognition-order-select', 'order-select'],
      ['recognition-order-sign', 'order-sign'],
    ]);
    expect(services[1]?.prefetch).toEqual({
      patient: 'Patient/{{context.patientId}}',
      encounter: 'Encounter/{{context.encounterId}}',
      user: '{{context.userId}}',
    });
    for (const service of services) expect(service.title && service.description).toBeTruthy();
  });

  it('describes the services in English on request', async () => {
    const response = await fetch(`${server.url}/cds-services`, { headers: { 'accept-language': 'en' } });
    const { services } = (await response.json()) as { services: { title: string }[] };
    expect(services[0]?.title).toBe('Recognisable external results');
  });

  it('answers CORS preflight only for the configured browser origins', async () => {
    const preflight = (origin: string, base: string) =>
      fetch(`${base}/cds-services/recognition-order-select`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://ehr.example', corsServer.url);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ehr.example');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const stranger = await preflight('https://evil.example', corsServer.url);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const noneConfigured = await preflight('https://ehr.example', server.url);
    expect(noneConfigured.headers.get('access-control-allow-origin')).toBeNull();
  });
});
