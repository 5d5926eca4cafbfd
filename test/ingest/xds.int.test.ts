import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chestCtDocument, potassiumDocument } from '../../fixtures/cda/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { localDate } from '../../rules';
import { cardsForPerson, comparable, sameReportAsFhir } from '../support/incoming-results';
import { postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 1: CDA documents inside an IHE XDS.b Provide and Register Document Set-b (ITI-41), as
 * a 互联互通 platform's document source sends them: base64 inline, or MTOM/XOP attachments. Each
 * document becomes the same card as the FHIR path; a document that cannot be filed is named in the
 * RegistryResponse and quarantined. Envelopes built from the ITI-41 message structure.
 */

let server: TestServer;
let token: string;
const today = localDate(TEST_NOW, 'Asia/Shanghai');
let sequence = 900;
const newPerson = () => {
  sequence += 1;
  return { nationalId: syntheticNationalId('1977-07-07', sequence), name: `共享${sequence}` };
};

beforeAll(async () => {
  server = await startServer();
  const registered = await postJson(
    `${server.url}/api/platform/sources`,
    { id: 'XDS-TEST', name: '区域平台文档源', format: 'cda', institutions: [HOSPITALS.jialing] },
    { authorization: `Bearer ${server.platformToken}` },
  );
  token = registered.body.token;
});
afterAll(() => server.close());

const MESSAGE_ID = 'urn:uuid:6a1c6f3e-2d55-4f3a-9b0e-5f0f1f7a0001';

function envelope(documents: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing">
  <soap:Header>
    <wsa:Action soap:mustUnderstand="1">urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b</wsa:Action>
    <wsa:MessageID>${MESSAGE_ID}</wsa:MessageID>
  </soap:Header>
  <soap:Body>
    <xdsb:ProvideAndRegisterDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007" xmlns:xop="http://www.w3.org/2004/08/xop/include">
      <lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"><rim:RegistryObjectList xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"/></lcm:SubmitObjectsRequest>
      ${documents}
    </xdsb:ProvideAndRegisterDocumentSetRequest>
  </soap:Body>
</soap:Envelope>`;
}

async function send(body: Buffer | string, contentType = 'application/soap+xml; charset=utf-8') {
  const response = await fetch(`${server.url}/ingest/xds`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${token}` },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('IHE XDS.b ProvideAndRegisterDocumentSet-b', () => {
  it('files base64 documents as the same cards as the FHIR path, and answers Success to the message', async () => {
    const viaFhir = newPerson();
    const viaXds = newPerson();
    await postJson(`${server.url}/fhir`, sameReportAsFhir(viaFhir, today), {
      authorization: `Bearer ${server.platformToken}`,
    });
    const documents = [
      potassiumDocument({ ...viaXds, today, documentId: 'XDS-K-1' }),
      chestCtDocument({ ...viaXds, today, documentId: 'XDS-CT-1' }),
    ].map(
      (document, index) =>
        `<xdsb:Document id="Document0${index + 1}">${Buffer.from(document).toString('base64')}</xdsb:Document>`,
    );
    const answer = await send(envelope(documents.join('\n')));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"');
    expect(answer.text).toContain(`<wsa:RelatesTo>${MESSAGE_ID}</wsa:RelatesTo>`);
    expect(answer.text).toContain('ProvideAndRegisterDocumentSet-bResponse');
    const [fromFhir] = await cardsForPerson(server, viaFhir.nationalId, 'LAB-K');
    const [fromXds] = await cardsForPerson(server, viaXds.nationalId, 'LAB-K');
    expect(comparable(fromXds)).toEqual(comparable(fromFhir));
    expect((await cardsForPerson(server, viaXds.nationalId, 'CT-CHEST'))[0].detail).toContain('双肺纹理清晰');
  });

  it('reads MTOM/XOP attachments, and names the document it could not file (PartialSuccess, quarantined)', async () => {
    const person = newPerson();
    const boundary = 'MIMEBoundary_huren_test';
    const good = potassiumDocument({ ...person, today, documentId: 'XDS-MTOM-1' });
    const bad = good.replace(/<recordTarget[\s\S]*<\/recordTarget>/, '').replace('XDS-MTOM-1', 'XDS-MTOM-2');
    const root = envelope(
      '<xdsb:Document id="Doc1"><xop:Include href="cid:doc1@huren.test"/></xdsb:Document>\n<xdsb:Document id="Doc2"><xop:Include href="cid:doc2@huren.test"/></xdsb:Document>',
    );
    const part = (id: string, type: string, content: string) =>
      `--${boundary}\r\nContent-Type: ${type}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${id}>\r\n\r\n${content}\r\n`;
    const body = Buffer.from(
      part('root.message@huren.test', 'application/xop+xml; charset=UTF-8; type="application/soap+xml"', root) +
        part('doc1@huren.test', 'text/xml', good) +
        part('doc2@huren.test', 'text/xml', bad) +
        `--${boundary}--\r\n`,
    );
    const answer = await send(
      body,
      `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<root.message@huren.test>"; start-info="application/soap+xml"`,
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess"');
    expect(answer.text).toMatch(/<rs:RegistryError [^>]*location="Doc2"[^>]*codeContext="[^"]*recordTarget/);
    expect(await cardsForPerson(server, person.nationalId, 'LAB-K')).toHaveLength(1);
    const quarantined = await server.services
      .db('quarantine')
      .where('source_id', 'XDS-TEST')
      .andWhereLike('reason', '%recordTarget%');
    expect(quarantined).toHaveLength(1);
  });

  it('refuses what is not an ITI-41 request, or carries a DTD, with a Failure response', async () => {
    const empty = await send(envelope(''));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('ResponseStatusType:Failure');
    const dtd = await send(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${envelope('&e;').replace(/^<\?xml[^>]*>/, '')}`,
    );
    expect(dtd.status).toBe(400);
    expect(dtd.text).toContain('DTD');
    const other = await send(
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><Ping/></soap:Body></soap:Envelope>',
    );
    expect(other.status).toBe(400);
    expect(other.text).toContain('ProvideAndRegisterDocumentSetRequest');
  });

  it('needs a source token', async () => {
    const response = await fetch(`${server.url}/ingest/xds`, { method: 'POST', body: envelope('') });
    expect(response.status).toBe(401);
  });
});
