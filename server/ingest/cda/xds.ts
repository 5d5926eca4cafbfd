import { declaresDtd, safeXmlParser } from '../../web/xml-parser';
import type { DocumentAnswer } from './receive';

/**
 * IHE XDS.b Provide and Register Document Set-b (ITI-41), as a 互联互通 platform's document source
 * sends it: SOAP 1.2 with WS-Addressing, each document in an `xdsb:Document` element, either inline in
 * base64 or (MTOM/XOP, multipart/related) as an attachment the element points to with `xop:Include`.
 * Huren acts as the document repository for the CDA documents only: the registry metadata
 * (SubmitObjectsRequest) is not kept; each document is read as the plain CDA upload reads it.
 */

export const XDS_ACTION = 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b';

const parser = safeXmlParser({ attributes: true, stripNamespaces: true, isArray: (name) => name === 'Document' });

export interface XdsDocument {
  readonly id: string;
  readonly bytes: Buffer;
}

export type XdsRequest =
  | { readonly ok: true; readonly messageId: string | null; readonly documents: readonly XdsDocument[] }
  | { readonly ok: false; readonly reason: string };

interface Part {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The parts of a multipart/related body (RFC 2387), with their headers in lower case. */
function multipartParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, from);
    if (next === -1) break;
    // Each part: CRLF, headers, a blank line, the content, CRLF before the next delimiter.
    const part = body.subarray(from, next);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = Object.fromEntries(
        part
          .subarray(0, split)
          .toString('latin1')
          .split('\r\n')
          .filter((line) => line.includes(':'))
          .map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
          }),
      );
      const content = part.subarray(split + 4);
      parts.push({ headers, body: content.subarray(0, Math.max(0, content.length - 2)) });
    }
    start = next;
  }
  return parts;
}

const parameter = (contentType: string, name: string): string | undefined =>
  new RegExp(`${name}="?([^";]+)"?`, 'i').exec(contentType)?.[1];

const contentId = (value: string): string => value.replace(/^cid:/i, '').replace(/^<|>$/g, '');

/** The envelope and its attachments: one part for a plain SOAP call, the root and the rest for MTOM. */
function envelopeOf(
  contentType: string,
  body: Buffer,
): { envelope: string; attachments: Map<string, Buffer> } | { reason: string } {
  if (!/multipart\/related/i.test(contentType)) return { envelope: body.toString('utf8'), attachments: new Map() };
  const boundary = parameter(contentType, 'boundary');
  if (!boundary) return { reason: 'multipart/related 缺少 boundary 参数' };
  const parts = multipartParts(body, boundary);
  const start = parameter(contentType, 'start');
  const root =
    (start && parts.find((part) => contentId(part.headers['content-id'] ?? '') === contentId(start))) ?? parts[0];
  if (!root) return { reason: 'MTOM 消息中没有 SOAP 部分' };
  const attachments = new Map(
    parts.filter((part) => part !== root).map((part) => [contentId(part.headers['content-id'] ?? ''), part.body]),
  );
  return { envelope: root.body.toString('utf8'), attachments };
}

/** The documents of an ITI-41 request, as bytes each, or why they cannot be read. DTDs are refused unread. */
export function xdsDocuments(contentType: string, body: Buffer): XdsRequest {
  const unpacked = envelopeOf(contentType, body);
  if ('reason' in unpacked) return { ok: false, reason: unpacked.reason };
  if (declaresDtd(unpacked.envelope)) return { ok: false, reason: 'SOAP 消息含 DTD 或实体声明，已拒绝' };
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(unpacked.envelope, true) as Record<string, unknown>;
  } catch {
    return { ok: false, reason: '不是格式正确的 SOAP 消息' };
  }
  const envelope = parsed.Envelope as Record<string, unknown> | undefined;
  const header = envelope?.Header as Record<string, unknown> | undefined;
  const messageId = textOf(header?.MessageID);
  const request = (envelope?.Body as Record<string, unknown> | undefined)?.ProvideAndRegisterDocumentSetRequest as
    Record<string, unknown> | undefined;
  if (!request) return { ok: false, reason: 'SOAP Body 中没有 ProvideAndRegisterDocumentSetRequest（ITI-41）' };
  const documents: XdsDocument[] = [];
  for (const [position, element] of ((request.Document as unknown[] | undefined) ?? []).entries()) {
    const node = (typeof element === 'object' && element !== null ? element : { '#text': element }) as Record<
      string,
      unknown
    >;
    const id = typeof node['@id'] === 'string' ? node['@id'] : `Document${position + 1}`;
    const include = node.Include as Record<string, unknown> | undefined;
    if (include) {
      const href = typeof include['@href'] === 'string' ? contentId(include['@href']) : '';
      const attachment = unpacked.attachments.get(href);
      if (!attachment) return { ok: false, reason: `文档 ${id} 引用的 MTOM 附件 ${href} 不存在` };
      documents.push({ id, bytes: attachment });
      continue;
    }
    const base64 = textOf(node);
    if (!base64) return { ok: false, reason: `文档 ${id} 为空` };
    documents.push({ id, bytes: Buffer.from(base64.replace(/\s+/g, ''), 'base64') });
  }
  if (documents.length === 0) return { ok: false, reason: 'ProvideAndRegisterDocumentSetRequest 中没有 Document' };
  return { ok: true, messageId, documents };
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['#text'] === 'string')
    return (value as Record<string, string>)['#text'] ?? null;
  return null;
}

const escape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

const STATUS = {
  success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
  partial: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
  failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
};

/**
 * The RegistryResponse: Success when every document was stored (or already was), PartialSuccess when
 * some were quarantined, Failure when none was filed; each quarantined document is a RegistryError
 * with its reason in Chinese. Sent only after every document is durably stored or quarantined.
 */
export function xdsResponse(
  messageId: string | null,
  answers: readonly { readonly id: string; readonly answer: DocumentAnswer }[] | string,
): string {
  const refused =
    typeof answers === 'string'
      ? [{ id: '', reason: answers }]
      : answers.flatMap(({ id, answer }) =>
          answer.outcome === 'quarantined' ? [{ id, reason: answer.reason ?? '' }] : [],
        );
  const filed = typeof answers === 'string' ? 0 : answers.length - refused.length;
  const status = refused.length === 0 ? STATUS.success : filed > 0 ? STATUS.partial : STATUS.failure;
  const errors =
    refused.length === 0
      ? ''
      : `<rs:RegistryErrorList>${refused
          .map(
            ({ id, reason }) =>
              `<rs:RegistryError errorCode="XDSRepositoryError" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error" location="${escape(id)}" codeContext="${escape(reason)}"/>`,
          )
          .join('')}</rs:RegistryErrorList>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://www.w3.org/2005/08/addressing"><soap:Header><wsa:Action soap:mustUnderstand="1">${XDS_ACTION}Response</wsa:Action>${messageId ? `<wsa:RelatesTo>${escape(messageId)}</wsa:RelatesTo>` : ''}</soap:Header><soap:Body><rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="${status}">${errors}</rs:RegistryResponse></soap:Body></soap:Envelope>`;
}
