import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import iconv from 'iconv-lite';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { demoPatients } from '../../fixtures/patients/people';
import { localDate } from '../../rules';
import type { Config } from '../config';
import { MllpFramer, mllpFrame } from '../ingest/hl7v2/mllp';

/**
 * Sends one HL7 v2 message over MLLP to the running server, as a LIS would, and prints the ACK. Without a
 * file: the demo sample, a 血钾 of 梁伟 (who has no other external result) from 嘉陵江中心医院 yesterday,
 * in GB18030. A file is sent as it is (its MSH-18 names its charset).
 */
export async function sendHl7(config: Config, file: string | undefined): Promise<string> {
  if (!config.mllp) throw new Error('HL7_MLLP_PORT is 0: the server takes no MLLP connections');
  const { port, host } = config.mllp;
  const patient = demoPatients.find((candidate) => candidate.key === 'liang-wei');
  const bytes = file
    ? readFileSync(file)
    : iconv.encode(
        potassiumOru({
          nationalId: patient?.nationalId ?? '',
          name: patient?.name ?? '',
          today: localDate(new Date(), config.timeZone),
          controlId: `DEMO-${Date.now()}`,
        }),
        'gb18030',
      );
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: host === '0.0.0.0' ? '127.0.0.1' : host }, () =>
      socket.write(mllpFrame(bytes)),
    );
    const framer = new MllpFramer();
    socket.setTimeout(30_000, () => socket.destroy(new Error('no ACK within 30 s')));
    socket.on('data', (chunk: Buffer) => {
      const [ack] = framer.push(chunk);
      if (!ack) return;
      socket.end();
      // The ACK comes in the message's own charset.
      resolve(iconv.decode(ack, isUtf8(ack) ? 'utf8' : 'gb18030').replaceAll('\r', '\n'));
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('the server closed the connection without an ACK')));
  });
}
