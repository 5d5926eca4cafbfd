import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HIS_QIJIANG } from '../../fixtures/clients/his';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { hisCheckAnswerSchema } from '../../server/contract/his';
import { hisCheckBody, signedFetch, signedJson } from '../support/his';
import { expectMatchesOpenApi } from '../support/openapi';
import { orderRequest } from '../support/hook-requests';
import { getJson, postJson, startServer, type TestServer } from '../support/server';

/**
 * Issue 20 points 0 and 1: a HIS that knows nothing of FHIR gets, for the demo stories, the same
 * verdicts as the CDS Hooks cards, from the same stages and the same prompt records.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Demo stories: who, which items, where, and whether the visit is an emergency. */
const STORIES = [
  { patient: 'zhang-wei', items: ['LAB-K', 'LAB-CBC', 'CT-CHEST'] },
  { patient: 'wang-fang', items: ['CT-HEAD', 'MR-LSPINE'] },
  { patient: 'li-na', items: ['LAB-CRE'] },
  { patient: 'liu-yang', items: ['LAB-K', 'LAB-GLU'] },
  { patient: 'chen-jing', items: ['LAB-CBC'] },
  { patient: 'chen-jing', items: ['LAB-CBC'], his: DEMO_HIS_QIJIANG },
  { patient: 'yang-lei', items: ['LAB-K', 'LAB-ALT'] },
  { patient: 'zhao-min', items: ['LAB-AFP', 'LAB-CEA'] },
  { patient: 'huang-yong', items: ['DR-CHEST-PA'] },
  { patient: 'zhou-jie', items: ['CT-HEAD'] },
  { patient: 'wu-xiuying', items: ['LAB-CBC'], emergency: true },
  { patient: 'xu-qiang', items: ['LAB-HBA1C', 'LAB-GLU'] },
  { patient: 'liang-wei', items: ['LAB-K'] },
];

describe('the HIS check and the CDS Hooks cards agree', () => {
  it.each(STORIES)('$patient $items', async (story) => {
    const hospitalId = story.his?.hospitalId ?? HOSPITALS.shancheng;
    const hook = await postJson(
      `${server.url}/cds-services/recognition-order-select`,
      orderRequest('order-select', story.patient, story.items, {
        hospitalId,
        ...(story.emergency ? { encounterClass: 'EMER' } : {}),
      }),
    );
    expect(hook.status).toBe(200);
    const check = await signedJson(
      server,
      '/his/v1/check',
      hisCheckBody(story.patient, story.items, { kind: story.emergency ? '急诊' : '门诊' }),
      story.his,
    );
    expect(check.status).toBe(200);
    expect(() => hisCheckAnswerSchema.parse(check.body)).not.toThrow();
    expect(check.body.hospital.id).toBe(hospitalId);
    const cards: any[] = hook.body.cards;
    const shown = check.body.orders.filter((order: any) => order.popupText !== '');
    expect(shown).toHaveLength(cards.length);
    for (const order of check.body.orders) {
      const card = cards.find((candidate) => candidate.summary.includes(order.item?.name ?? '\u0000'));
      if (!card) {
        expect(['none', 'unmapped']).toContain(order.verdict);
        expect(order.promptId).toBeNull();
        continue;
      }
      expect(['recognisable', 'inform', 'panel']).toContain(order.verdict);
      // The popup says what the card's summary says, in plain text: no markdown.
      expect(order.popupText.split('\n')).toContain(card.summary);
      expect(order.popupText).not.toMatch(/\*\*|\|---/);
      if (order.verdict !== 'recognisable') expect(card.indicator).toBe('info');
      if (story.emergency) expect(order.verdict).toBe('inform');
      expect(order.promptId).toMatch(/^[0-9a-f-]{36}$/);
      expect(order.results.length).toBeGreaterThan(0);
    }
  });

  it('gives values with units and reference ranges, one line per result, and the reason codes', async () => {
    const check = await signedJson(server, '/his/v1/check', hisCheckBody('zhang-wei', ['LAB-K']));
    await expectMatchesOpenApi(server.url, '/his/v1/check', 'post', 200, check.body);
    const [order] = check.body.orders;
    expect(order.verdict).toBe('recognisable');
    const [result] = order.results;
    expect(result.institution.name).toBe('渝中区人民医院');
    expect(result.values[0]).toMatchObject({ unit: 'mmol/L' });
    expect(result.values[0].referenceRange).toBeTruthy();
    const lines = order.popupText.split('\n');
    expect(lines.filter((line: string) => /^\d+\. /.test(line))).toHaveLength(order.results.length);
    expect(lines.find((line: string) => line.startsWith('1. '))).toContain('mmol/L');
    expect(order.decisionUrl).toMatch(/^http:\/\/huren\.test\/his\/v1\/decision-page\?ticket=/);
    expect(check.body.reasons.map((reason: any) => reason.code)).toContain('condition-changed');
    expect(check.body.reasons.every((reason: any) => typeof reason.text === 'string' && reason.text)).toBe(true);
  });

  it('maps the hospital’s local codes, and answers unmapped for a code it does not know (listed for the administrator)', async () => {
    // JY0001 is of the HIS's order items, JC1001 of the RIS's exam codes: each system is tried in turn.
    const body = hisCheckBody('zhang-wei', ['JY0001', 'JC1001', 'ZZ9999']);
    const check = await signedJson(server, '/his/v1/check', body);
    expect(check.body.orders.map((order: any) => [order.code, order.verdict, order.item?.code ?? null])).toEqual([
      ['JY0001', 'recognisable', 'LAB-K'],
      ['JC1001', 'recognisable', 'CT-CHEST'],
      ['ZZ9999', 'unmapped', null],
    ]);
    // A HIS that names the code system is read in that one only; one the platform never registered is refused.
    const named = (codeSystem: string) => ({
      ...body,
      orders: [{ orderId: 'zhang-wei-named', code: 'JC1001', codeSystem }],
    });
    const inRis = await signedJson(server, '/his/v1/check', named('https://his.example/H-CQ-001/ris-exam'));
    expect(inRis.body.orders[0]).toMatchObject({ verdict: 'recognisable', item: { code: 'CT-CHEST' } });
    const inItems = await signedJson(server, '/his/v1/check', named('https://his.example/H-CQ-001/order-item'));
    expect(inItems.body.orders[0]).toMatchObject({ verdict: 'unmapped', item: null });
    const unknown = await signedJson(server, '/his/v1/check', named('https://pacs.example/codes'));
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('orders[0].codeSystem');
    await server.services.unmappedCodes.flush();
    const admin = await server.token('admin', HOSPITALS.shancheng);
    const unmapped = await getJson(`${server.url}/api/admin/unmapped-codes`, { authorization: `Bearer ${admin}` });
    expect(JSON.stringify(unmapped.body)).toContain('ZZ9999');
  });

  it('records the same prompts as the hooks, under the HIS channel, and logs the read', async () => {
    const check = await signedJson(server, '/his/v1/check', hisCheckBody('li-na', ['LAB-CRE']));
    const promptId = check.body.orders[0].promptId;
    const row = await server.services.db('prompts').where('id', promptId).first();
    expect(row).toMatchObject({
      service_id: 'his-check',
      hospital_id: HOSPITALS.shancheng,
      user_ref: 'his-doctor/D0123',
    });
    expect(row.practitioner_name).toBe('李明');
    await server.services.accessLog.flush();
    const logged = await server.services
      .db('access_log')
      .where({ actor_kind: 'his-client', actor: 'HIS-H-CQ-001', endpoint: 'POST /his/v1/check' })
      .first();
    expect(logged).toBeDefined();
  });

  it('takes the same fields as XML and answers in XML', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<HurenCheck>
  <patient><idType>resident-id</idType><idNumber>${hisCheckBody('zhang-wei', []).patient.idNumber}</idNumber></patient>
  <visit><kind>门诊</kind><doctorId>D0123</doctorId><doctorName>李明</doctorName></visit>
  <orders><order><orderId>X-1</orderId><code>JY0001</code><name>血钾</name></order></orders>
</HurenCheck>`;
    const response = await signedFetch(server, '/his/v1/check', { body: xml, contentType: 'application/xml' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/xml');
    const text = await response.text();
    expect(text).toContain('<HurenCheckResult>');
    expect(text).toMatch(/<orders>\s*<order>\s*<orderId>X-1<\/orderId>/);
    expect(text).toContain('<verdict>recognisable</verdict>');
    expect(text).toContain('<reasons>');
  });

  it('refuses bad input with the field named, and an XML body with a DTD unread', async () => {
    const missing = await signedJson(server, '/his/v1/check', { patient: { idNumber: '1' }, orders: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid');
    const unknownType = await signedJson(server, '/his/v1/check', {
      ...hisCheckBody('zhang-wei', ['LAB-K']),
      patient: { idType: 'passport-of-nowhere', idNumber: 'X1' },
    });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error.field).toBe('patient.idType');
    const dtd = await signedFetch(server, '/his/v1/check', {
      body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><HurenCheck>&x;</HurenCheck>',
      contentType: 'application/xml',
    });
    expect(dtd.status).toBe(400);
    expect((await dtd.json()).error.message).toContain('DTD');
  });
});
