import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chestCtDocument, potassiumDocument } from '../../fixtures/cda/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { localDate } from '../../rules';
import { cardsForPerson, comparable, sameReportAsFhir } from '../support/incoming-results';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 1: WS/T 500 CDA documents (C0007 检验报告, C0006 检查报告) over HTTP, filed through the
 * same extraction as FHIR; hostile XML refused unread. Documents built from the standard's structure.
 */

let server: TestServer;
let token: string;
const today = localDate(TEST_NOW, 'Asia/Shanghai');
let sequence = 800;
const newPerson = () => {
  sequence += 1;
  return { nationalId: syntheticNationalId('1975-05-05', sequence), name: `文档${sequence}` };
};

beforeAll(async () => {
  server = await startServer();
  const registered = await postJson(
    `${server.url}/api/platform/sources`,
    { id: 'CDA-TEST', name: '嘉陵江中心医院 文档', format: 'cda', institutions: [HOSPITALS.jialing] },
    { authorization: `Bearer ${server.platformToken}` },
  );
  token = registered.body.token;
});
afterAll(() => server.close());

async function send(document: string | Buffer, encoding: 'utf8' | 'gb18030' = 'utf8') {
  const body = typeof document === 'string' ? iconv.encode(document, encoding) : document;
  const response = await fetch(`${server.url}/ingest/cda`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('WS/T 500 CDA documents in', () => {
  it('turns a 检验报告 (C0007) into the same card as the FHIR path, in UTF-8 or GB18030', async () => {
    const viaFhir = newPerson();
    const viaCda = newPerson();
    const viaGb = newPerson();
    await postJson(`${server.url}/fhir`, sameReportAsFhir(viaFhir, today), {
      authorization: `Bearer ${server.platformToken}`,
    });
    const stored = await send(potassiumDocument({ ...viaCda, today, documentId: 'LR-1' }));
    expect(stored).toMatchObject({ status: 200, body: { outcome: 'stored' } });
    await expectMatchesOpenApi(server.url, '/ingest/cda', 'post', 200, stored.body);
    const gb = await send(potassiumDocument({ ...viaGb, today, documentId: 'LR-2', encoding: 'GB18030' }), 'gb18030');
    expect(gb.body.outcome).toBe('stored');
    const [fromFhir] = await cardsForPerson(server, viaFhir.nationalId, 'LAB-K');
    const [fromCda] = await cardsForPerson(server, viaCda.nationalId, 'LAB-K');
    const [fromGb] = await cardsForPerson(server, viaGb.nationalId, 'LAB-K');
    expect(comparable(fromCda)).toEqual(comparable(fromFhir));
    expect(comparable(fromGb)).toEqual(comparable(fromFhir));
  });

  it('answers the same document id and version as stored before; a later version amends, -1 withdraws', async () => {
    const person = newPerson();
    const first = potassiumDocument({ ...person, today, documentId: 'LR-V' });
    expect((await send(first)).body.outcome).toBe('stored');
    expect((await send(first)).body.outcome).toBe('duplicate');
    expect(
      (await send(potassiumDocument({ ...person, today, documentId: 'LR-V', version: 1, value: 4.7 }))).body.outcome,
    ).toBe('stored');
    expect((await cardsForPerson(server, person.nationalId, 'LAB-K'))[0].detail).toContain('| 4.7 |');
    await send(potassiumDocument({ ...person, today, documentId: 'LR-V', version: -1 }));
    expect(await cardsForPerson(server, person.nationalId, 'LAB-K')).toEqual([]);
  });

  it('keeps the latest version when an earlier one arrives after it', async () => {
    const person = newPerson();
    await send(potassiumDocument({ ...person, today, documentId: 'LR-O', version: 2, value: 4.8 }));
    expect(
      (await send(potassiumDocument({ ...person, today, documentId: 'LR-O', version: 1, value: 4.1 }))).body.outcome,
    ).toBe('stored');
    expect((await cardsForPerson(server, person.nationalId, 'LAB-K'))[0].detail).toContain('| 4.8 |');
  });

  it('keeps 检查所见 apart from the conclusion, with the study’s viewer link, in a 检查报告 (C0006)', async () => {
    const person = newPerson();
    expect((await send(chestCtDocument({ ...person, today, documentId: 'CT-1' }))).body.outcome).toBe('stored');
    const [card] = await cardsForPerson(server, person.nationalId, 'CT-CHEST');
    expect(card.detail).toContain('双肺纹理清晰');
    expect(card.detail).toContain('pacs.example');
    // The other hospital's conclusion is shown apart, for reference only (never the recognised result).
    expect(card.detail.indexOf('胸部CT平扫未见明显异常')).toBeGreaterThan(card.detail.indexOf('双肺纹理清晰'));
  });

  it('refuses XML with a DTD or external entities unread, a billion laughs, no recordTarget, another institution; each named and quarantined', async () => {
    const person = newPerson();
    const good = potassiumDocument({ ...person, today, documentId: 'BAD-X' });
    const xxe = good
      .replace('<ClinicalDocument', '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ClinicalDocument')
      .replace('<name>', '<name>&xxe;');
    const laughs = good.replace(
      '<ClinicalDocument',
      `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n || ''};`.repeat(10)}">`).join('')}]>\n<ClinicalDocument`,
    );
    const noPatient = good.replace(/<recordTarget[\s\S]*<\/recordTarget>/, '');
    const otherHospital = good.replaceAll(`extension="${HOSPITALS.jialing}"`, `extension="${HOSPITALS.shancheng}"`);
    const prototypeName = good.replaceAll(`extension="${HOSPITALS.jialing}"`, 'extension="constructor"');
    const answers = [
      await send(xxe),
      await send(laughs),
      await send(noPatient),
      await send(otherHospital),
      await send('<notxml'),
      await send(prototypeName),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 422, 422, 400, 422]);
    expect(answers[5]!.body.field).toContain('custodian');
    expect(answers[0]!.body.reason).toContain('DTD');
    expect(answers[2]!.body.field).toContain('recordTarget');
    expect(answers[3]!.body.field).toContain('custodian');
    expect(JSON.stringify(answers)).not.toContain('root:');
    const waiting = await getJson(`${server.url}/api/platform/quarantine?sourceId=CDA-TEST`, {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(waiting.body.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a document larger than the index takes (over 10,000 results) as the sender’s to split, quarantined, not an error', async () => {
    const one = potassiumDocument({ ...newPerson(), today, documentId: 'HUGE-1' });
    const observation = /<component>\s*<observation[\s\S]*?<\/observation>\s*<\/component>/.exec(one)?.[0] ?? '';
    const huge = one.replace(observation, Array.from({ length: 10_001 }, () => observation).join(''));
    const { status, body } = await send(huge);
    expect(status).toBe(422);
    expect(body).toMatchObject({ outcome: 'quarantined' });
    expect(body.reason).toContain('请拆分');
  });

  it('refuses a 50 MB body with 413 and a caller without a source token with 401', async () => {
    const big = await fetch(`${server.url}/ingest/cda`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
      body: new Uint8Array(Buffer.alloc(50 * 1024 * 1024, 0x20)),
    });
    expect(big.status).toBe(413);
    const anonymous = await fetch(`${server.url}/ingest/cda`, { method: 'POST', body: '<ClinicalDocument/>' });
    expect(anonymous.status).toBe(401);
  });
});

describe('the same upload as SOAP', () => {
  const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const soap = (body: string, contentType = 'text/xml; charset=utf-8') =>
    fetch(`${server.url}/ingest/soap`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        authorization: `Bearer ${token}`,
        soapaction: 'urn:huren:ingest:cda#UploadDocument',
      },
      body,
    });

  it('serves its WSDL', async () => {
    const response = await fetch(`${server.url}/ingest/soap?wsdl`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('<operation name="UploadDocument">');
    expect(text).toContain('soap12:binding');
  });

  it('takes a document in a SOAP 1.1 call (escaped) and a SOAP 1.2 call (base64), and answers a refusal with a Fault in Chinese', async () => {
    const [first, second] = [newPerson(), newPerson()];
    const eleven = await soap(
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><UploadDocument xmlns="urn:huren:ingest:cda"><document>${escapeXml(potassiumDocument({ ...first, today, documentId: 'SOAP-1', encoding: 'GB18030' }))}</document></UploadDocument></soap:Body></soap:Envelope>`,
    );
    expect(eleven.status).toBe(200);
    expect(await eleven.text()).toContain('<outcome>stored</outcome>');
    const base64 = iconv
      .encode(potassiumDocument({ ...second, today, documentId: 'SOAP-2', encoding: 'GB18030' }), 'gb18030')
      .toString('base64');
    const twelve = await soap(
      `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><UploadDocument xmlns="urn:huren:ingest:cda"><documentBase64>${base64}</documentBase64></UploadDocument></env:Body></env:Envelope>`,
      'application/soap+xml; charset=utf-8',
    );
    expect(twelve.status).toBe(200);
    expect(twelve.headers.get('content-type')).toContain('application/soap+xml');
    for (const person of [first, second])
      expect(await cardsForPerson(server, person.nationalId, 'LAB-K')).toHaveLength(1);
    const noPatient = potassiumDocument({ ...newPerson(), today, documentId: 'SOAP-3' }).replace(
      /<recordTarget[\s\S]*<\/recordTarget>/,
      '',
    );
    const fault = await soap(
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><UploadDocument xmlns="urn:huren:ingest:cda"><document>${escapeXml(noPatient)}</document></UploadDocument></soap:Body></soap:Envelope>`,
    );
    expect(fault.status).toBe(422);
    const text = await fault.text();
    expect(text).toContain('<faultcode>soap:Client</faultcode>');
    expect(text).toContain('缺少患者信息');
    const dtd = await soap(
      '<!DOCTYPE x [<!ENTITY a "b">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
    );
    expect(dtd.status).toBe(400);
    expect(await dtd.text()).toContain('DTD');
  });
});
