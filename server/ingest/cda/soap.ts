import { declaresDtd, safeXmlParser } from '../../web/xml-parser';
import type { DocumentAnswer } from './receive';

/** The one operation: a CDA document (escaped or CDATA), or the same bytes in base64. */
export const SOAP_OPERATION = 'UploadDocument';
const NAMESPACE = 'urn:huren:ingest:cda';

const envelopeParser = safeXmlParser({ attributes: false, stripNamespaces: true });

/**
 * The document inside a SOAP 1.1 or 1.2 call, as bytes, or why there is none. The envelope itself is
 * refused when it carries a DTD (no external entity, no billion laughs), as a bare document is.
 */
export function documentInEnvelope(text: string): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  if (declaresDtd(text)) return { ok: false, reason: 'SOAP 消息含 DTD 或实体声明，已拒绝' };
  let parsed: Record<string, unknown>;
  try {
    parsed = envelopeParser.parse(text, true) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: '不是格式正确的 SOAP 消息' };
  }
  const body = (parsed.Envelope as Record<string, unknown> | undefined)?.Body as Record<string, unknown> | undefined;
  const call = body?.[SOAP_OPERATION] as Record<string, unknown> | undefined;
  if (!call) return { ok: false, reason: `SOAP Body 中没有 ${SOAP_OPERATION} 操作` };
  if (typeof call.documentBase64 === 'string') return { ok: true, bytes: Buffer.from(call.documentBase64, 'base64') };
  // Text inside the envelope is already decoded: its own declaration's charset no longer applies.
  if (typeof call.document === 'string' && call.document.trim())
    return {
      ok: true,
      bytes: Buffer.from(call.document.replace(/(<\?xml[^>]*encoding=["'])[\w-]+/i, '$1UTF-8'), 'utf8'),
    };
  return { ok: false, reason: `${SOAP_OPERATION} 缺少 document（CDA 文档）或 documentBase64` };
}

const escape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** SOAP 1.2 when the caller spoke it (application/soap+xml), else 1.1. */
export function soapVersion(contentType: string | undefined): '1.1' | '1.2' {
  return /application\/soap\+xml/i.test(contentType ?? '') ? '1.2' : '1.1';
}

function envelope(version: '1.1' | '1.2', body: string): string {
  const ns =
    version === '1.2' ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/';
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${ns}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export function soapAnswer(version: '1.1' | '1.2', answer: DocumentAnswer): string {
  return envelope(
    version,
    `<UploadDocumentResponse xmlns="${NAMESPACE}"><outcome>${answer.outcome}</outcome><documentId>${escape(answer.documentId ?? '')}</documentId></UploadDocumentResponse>`,
  );
}

/** A refusal as a SOAP Fault: Client (the sender's to fix), with the reason in Chinese and the field. */
export function soapFault(version: '1.1' | '1.2', reason: string, field: string | null): string {
  const detail = `<detail><field xmlns="${NAMESPACE}">${escape(field ?? '')}</field></detail>`;
  return envelope(
    version,
    version === '1.2'
      ? `<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="zh-CN">${escape(reason)}</soap:Text></soap:Reason>${detail.replace('detail>', 'soap:Detail>').replace('</detail>', '</soap:Detail>')}</soap:Fault>`
      : `<soap:Fault><faultcode>soap:Client</faultcode><faultstring xml:lang="zh-CN">${escape(reason)}</faultstring>${detail}</soap:Fault>`,
  );
}

/** The WSDL (1.1, document/literal, SOAP 1.1 and 1.2 bindings) of the one-operation upload service. */
export function wsdl(address: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions name="HurenCdaIngest" targetNamespace="${NAMESPACE}" xmlns="http://schemas.xmlsoap.org/wsdl/"
  xmlns:tns="${NAMESPACE}" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
  xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/">
  <types>
    <xsd:schema targetNamespace="${NAMESPACE}" elementFormDefault="qualified">
      <xsd:element name="UploadDocument">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="document" type="xsd:string" minOccurs="0"/>
          <xsd:element name="documentBase64" type="xsd:base64Binary" minOccurs="0"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="UploadDocumentResponse">
        <xsd:complexType><xsd:sequence>
          <xsd:element name="outcome" type="xsd:string"/>
          <xsd:element name="documentId" type="xsd:string"/>
        </xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name="UploadDocumentRequest"><part name="parameters" element="tns:UploadDocument"/></message>
  <message name="UploadDocumentResponse"><part name="parameters" element="tns:UploadDocumentResponse"/></message>
  <portType name="CdaIngestPort">
    <operation name="UploadDocument"><input message="tns:UploadDocumentRequest"/><output message="tns:UploadDocumentResponse"/></operation>
  </portType>
  <binding name="CdaIngestSoap11" type="tns:CdaIngestPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="UploadDocument"><soap:operation soapAction="${NAMESPACE}#UploadDocument"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <binding name="CdaIngestSoap12" type="tns:CdaIngestPort">
    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="UploadDocument"><soap12:operation soapAction="${NAMESPACE}#UploadDocument"/>
      <input><soap12:body use="literal"/></input><output><soap12:body use="literal"/></output></operation>
  </binding>
  <service name="HurenCdaIngest">
    <port name="CdaIngestSoap11" binding="tns:CdaIngestSoap11"><soap:address location="${address}"/></port>
    <port name="CdaIngestSoap12" binding="tns:CdaIngestSoap12"><soap12:address location="${address}"/></port>
  </service>
</definitions>`;
}
