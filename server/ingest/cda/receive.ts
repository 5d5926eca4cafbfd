import type { z } from 'zod';
import type { documentAnswerSchema } from '../../contract/sources';
import { sourceReading } from '../source-reading';
import type { Services } from '../../services';
import { quarantine, receivedBefore, recordReceived, type RegisteredSource } from '../../store/result-sources';
import { fileMessage } from '../file-bundle';
import { documentAsBundle } from './document';
import { child, readXml } from './xml';

/** 200 stored (or stored before), 400 unreadable, 422 read but not filed; both refusals quarantined. */
export type DocumentAnswer = z.infer<typeof documentAnswerSchema>;

/**
 * One WS/T 500 CDA document from a registered source: decoded by its XML declaration, DTDs refused,
 * read as 检验报告 or 检查报告 and filed through the same extraction as FHIR. Answered only once stored;
 * what cannot be read or filed is quarantined raw with the reason. A document id and version already
 * stored is answered as such, not stored twice.
 */
export async function receiveCda(
  services: Services,
  source: RegisteredSource,
  input: Buffer | { readonly replay: string },
): Promise<DocumentAnswer> {
  const now = services.clock();
  const read = Buffer.isBuffer(input) ? readXml(input, source.charset) : readXml(Buffer.from(input.replay), 'UTF-8');
  const raw = Buffer.isBuffer(input) ? (read.ok ? read.text : input.toString('latin1')) : input.replay;
  const refuse = async (
    status: 400 | 422,
    field: string,
    reason: string,
    documentId: string | null,
  ): Promise<DocumentAnswer> => {
    // A document stored before is answered as such, however it reads now: asked only on this path, so
    // the stored path pays no read for it (the group commit checks repeats in its transaction).
    if (documentId && (await receivedBefore(services.db, source.id, documentId)) === 'stored')
      return { status: 200, outcome: 'duplicate', documentId, field: null, reason: null };
    await quarantine(services.db, { sourceId: source.id, format: 'cda', controlId: documentId, reason, raw }, now);
    if (documentId) await recordReceived(services.db, source.id, documentId, 'quarantined', now);
    return { status, outcome: 'quarantined', documentId, field, reason };
  };
  if (!read.ok) return refuse(400, '/', read.reason, null);
  const document = child(read.root, 'ClinicalDocument');
  if (!document) return refuse(400, '/ClinicalDocument', '不是 CDA 文档：根元素须为 ClinicalDocument', null);
  const reference = await services.reference.current();
  const mapped = documentAsBundle(document, source, sourceReading(services, reference));
  if ('reason' in mapped) return refuse(mapped.status, mapped.field, mapped.reason, null);
  const filed = await fileMessage(
    services,
    { sourceId: source.id, controlId: mapped.documentId },
    mapped.bundle,
    reference,
  );
  if ('refused' in filed)
    return refuse(422, '/ClinicalDocument/component', filed.refused.join('；'), mapped.documentId);
  return { status: 200, outcome: filed.filed, documentId: mapped.documentId, field: null, reason: null };
}
