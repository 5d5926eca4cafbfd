import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialBundle, NATIONAL_ID_SYSTEM } from '../../fixtures/patients/bundles';
import { localDate } from '../../rules';
import { orderRequest, demoPatient } from '../support/hook-requests';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

const SELECT = 'recognition-order-select';
const BAD_VIEWER = 'https://pacs.example/viewer?study=%E0%A4%A';
const OTHER_ID = '990101197001010015';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

type Entry = { resource: Record<string, any> };

/** 张伟's reports again, as another person's, with the imaging viewer address given. */
function bundleWithViewer(address: string): Record<string, unknown> {
  const bundle = initialBundle(demoPatient('zhang-wei'), localDate(TEST_NOW, 'Asia/Shanghai')) as { entry: Entry[] };
  for (const { resource } of bundle.entry) {
    if (resource.resourceType === 'Patient') resource.identifier = [{ system: NATIONAL_ID_SYSTEM, value: OTHER_ID }];
    if (resource.resourceType === 'DiagnosticReport')
      resource.identifier = [{ ...resource.identifier[0], value: `${resource.identifier[0].value}-other` }];
    if (resource.resourceType === 'Endpoint') resource.address = address;
  }
  return bundle;
}

function requestFor(nationalId: string) {
  const request = orderRequest('order-select', 'zhang-wei', ['LAB-K', 'CT-CHEST']);
  request.prefetch.patient.identifier = [{ system: NATIONAL_ID_SYSTEM, value: nationalId }];
  return request;
}

describe('point 5: one report with a malformed viewer address never takes the patient’s cards down', () => {
  it('drops the malformed address at ingest and still answers every card for the patient', async () => {
    const ingest = await postJson(`${server.url}/fhir`, bundleWithViewer(BAD_VIEWER), {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(ingest.status).toBe(200);
    const { status, body } = await postJson(`${server.url}/cds-services/${SELECT}`, requestFor(OTHER_ID));
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(2);
    expect(body.cards.map((card: { detail: string }) => card.detail).join('\n')).not.toContain('pacs.example');
  });

  it('renders a result stored before the check with its viewer address left out, next to the others', async () => {
    const rows = await server.services.db('results').where('item_code', 'CT-CHEST').select('id', 'report');
    for (const row of rows) {
      await server.services
        .db('results')
        .where('id', row.id)
        .update({ report: JSON.stringify({ ...JSON.parse(row.report), viewerUrl: BAD_VIEWER }) });
    }
    const request = orderRequest('order-select', 'zhang-wei', ['LAB-K', 'CT-CHEST']);
    const { status, body } = await postJson(`${server.url}/cds-services/${SELECT}`, request);
    expect(status).toBe(200);
    expect(body.cards).toHaveLength(2);
    const imaging = body.cards.find((card: { detail: string }) => card.detail.includes('嘉陵江'));
    expect(imaging).toBeDefined();
    // Checked at render with the decoder ingest uses (issue 18 point 11): no link to the malformed address.
    expect(imaging.detail).not.toContain('pacs.example');
  });

  it('keeps a well-formed viewer address, as the URL parser writes it', async () => {
    const request = orderRequest('order-select', 'wang-fang', ['CT-HEAD']);
    const { body } = await postJson(`${server.url}/cds-services/${SELECT}`, request);
    expect(body.cards[0].detail).toMatch(/\]\(https:\/\/pacs\.example\/[^)]+viewer\?study=/);
  });
});
