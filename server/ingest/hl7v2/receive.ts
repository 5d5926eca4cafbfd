import { isUtf8 } from 'node:buffer';
import { Hl7Message, Hl7Segment } from '@medplum/core';
import iconv from 'iconv-lite';
import { sourceReading } from '../source-reading';
import type { Services } from '../../services';
import { quarantine, receivedBefore, recordReceived, type RegisteredSource } from '../../store/result-sources';
import { fileMessage } from '../file-bundle';
import { oruAsBundle, type MessageProblem } from './oru';

/** What the sender is answered: the ACK (MSA-1 AA, AE or AR), with an ERR naming the field when refused. */
export interface Acknowledgement {
  readonly code: 'AA' | 'AE' | 'AR';
  readonly text: string;
  /** The ACK in the charset the message came in. */
  readonly bytes: Buffer;
  readonly reason: string | null;
}

/** MSH-18 names as LIS send them, and the charset each means. */
function charsetOf(named: string, fallback: string): string | null {
  const name = named
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '');
  if (name === '') return fallback.toUpperCase() === 'UTF-8' ? 'utf8' : 'gb18030';
  if (['GB18030', 'GBK', 'GB2312', 'CP936'].includes(name)) return 'gb18030';
  if (['UNICODEUTF8', 'UTF8'].includes(name)) return 'utf8';
  if (['ASCII', 'USASCII', '8859/1', 'ISO88591', 'ISOIR100'].includes(name)) return 'latin1';
  return null;
}

/** MSH-18 read from the raw bytes (its separators and the field are ASCII in every charset we take). */
function namedCharset(bytes: Buffer): string {
  const head = bytes.subarray(0, 2048).toString('latin1');
  if (!head.startsWith('MSH') || head.length < 4) return '';
  const separator = head[3] ?? '|';
  return head.split(/\r|\n/)[0]?.split(separator)[17] ?? '';
}

function errSegment(problem: MessageProblem): Hl7Segment {
  const [segment = '', field = ''] = problem.field.split('-');
  // ERR-2 (2.5): segment^sequence^field; ERR-3: 207 application error or 101 required field missing.
  const location = field ? `${segment.replace(/\[\d+\]/, '')}^1^${field}` : segment;
  const code = problem.ack === 'AR' ? '200^Unsupported message type^HL70357' : '207^Application internal error^HL70357';
  return new Hl7Segment(['ERR', '', location, code, 'E', '', '', '', problem.reason]);
}

/** An ACK for bytes that are not an HL7 message at all: there is no MSH to answer from. */
function bareAck(problem: MessageProblem, now: Date): Acknowledgement {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const text = [`MSH|^~\\&|HUREN||||${stamp}||ACK|${stamp}|P|2.5.1`, 'MSA|AR|', errSegment(problem).toString()].join(
    '\r',
  );
  return { code: 'AR', text, bytes: Buffer.from(text, 'utf8'), reason: problem.reason };
}

function ackOf(
  message: Hl7Message,
  code: 'AA' | 'AE' | 'AR',
  problem: MessageProblem | null,
  charset: string,
): Acknowledgement {
  const ack = message.buildAck({ ackCode: code, ...(problem ? { errSegment: errSegment(problem) } : {}) });
  if (problem) ack.getSegment('MSA')?.setField(3, problem.reason);
  const text = ack.toString();
  return { code, text, bytes: iconv.encode(text, charset), reason: problem?.reason ?? null };
}

/**
 * One HL7 v2 message from a registered source, however it came (MLLP or HTTP): decoded by MSH-18 (or
 * the source's charset), read as ORU^R01, filed through the same extraction as FHIR. Acknowledged AA
 * only once stored; a message that cannot be read or mapped is quarantined raw, with the reason, and
 * answered AE or AR. A control id (MSH-10) already stored is answered AA again, not stored twice: the
 * group commit checks it in the transaction that would store it.
 */
export async function receiveHl7(
  services: Services,
  source: RegisteredSource,
  input: Buffer | { readonly replay: string },
): Promise<Acknowledgement> {
  const now = services.clock();
  // A replay from the quarantine is the text as it was decoded when it arrived.
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.replay, 'utf8');
  const raw = Buffer.isBuffer(input) ? bytes.toString('latin1') : input.replay;
  const named = Buffer.isBuffer(input) ? namedCharset(bytes) : 'UTF-8';
  const charset = charsetOf(named, source.charset);
  const refuse = async (
    problem: MessageProblem,
    controlId: string | null,
    text: string,
    message: Hl7Message | null,
  ) => {
    // A message stored before is answered as stored, however it reads now (a LIS resending after a lost
    // ACK, a mapping changed since): asked only here, so the stored path pays no read for it.
    if (controlId && message && (await receivedBefore(services.db, source.id, controlId)) === 'stored')
      return ackOf(message, 'AA', null, charset ?? 'utf8');
    await quarantine(
      services.db,
      { sourceId: source.id, format: 'hl7v2', controlId, reason: problem.reason, raw: text },
      now,
    );
    if (controlId) await recordReceived(services.db, source.id, controlId, 'quarantined', now);
    return message ? ackOf(message, problem.ack, problem, charset ?? 'utf8') : bareAck(problem, now);
  };
  if (!raw.startsWith('MSH'))
    return refuse({ ack: 'AR', field: 'MSH', reason: '不是 HL7 v2 消息：第一段须为 MSH' }, null, raw, null);
  if (!charset) return refuse({ ack: 'AR', field: 'MSH-18', reason: `不支持的字符集 ${named}` }, null, raw, null);
  if (charset === 'utf8' && !isUtf8(bytes))
    // Kept as GB18030 would read it: what a Chinese LIS most likely sent, readable in the quarantine.
    return refuse(
      { ack: 'AR', field: 'MSH-18', reason: '消息不是 UTF-8 编码：请在 MSH-18 注明 GB18030，或为数据源登记默认字符集' },
      null,
      iconv.decode(bytes, 'gb18030'),
      null,
    );
  const encoding = charset;
  const text = iconv.decode(bytes, encoding);
  let message: Hl7Message;
  try {
    message = Hl7Message.parse(text);
  } catch {
    return refuse({ ack: 'AR', field: 'MSH', reason: '消息无法解析为 HL7 v2' }, null, text, null);
  }
  const controlId = message.header.getField(10)?.getComponent(1).trim() ?? '';
  if (!controlId)
    return refuse({ ack: 'AR', field: 'MSH-10', reason: '缺少消息控制号（MSH-10）' }, null, text, message);
  const reference = await services.reference.current();
  const read = oruAsBundle(message, source, sourceReading(services, reference));
  if ('ack' in read) return refuse(read, controlId, text, message);
  const filed = await fileMessage(services, { sourceId: source.id, controlId }, read.bundle, reference);
  if ('refused' in filed)
    return refuse({ ack: 'AE', field: 'OBR-4', reason: filed.refused.join('；') }, controlId, text, message);
  return ackOf(message, 'AA', null, encoding);
}
