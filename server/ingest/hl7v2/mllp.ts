import { createServer, type Server, type Socket } from 'node:net';
import type { Services } from '../../services';
import { listSources, type RegisteredSource } from '../../store/result-sources';
import { receiveHl7 } from './receive';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
/** A frame larger than this is not an ORU from a LIS: the connection is closed instead of buffering it. */
const MAX_FRAME_BYTES = 5 * 1024 * 1024;
/** A peer that sends nothing for this long (a slow-loris, a dead LIS) is disconnected. */
const IDLE_MS = 60_000;

/**
 * Cuts a TCP byte stream into MLLP frames (VT … FS CR): frames split across packets are joined, frames
 * glued into one packet are separated. @medplum/hl7's connection expects each frame to end a packet,
 * so the framing is ours; reading the message inside is the library's (server/ingest/hl7v2/receive.ts).
 */
export class MllpFramer {
  private buffered: Buffer = Buffer.alloc(0);

  /** The complete frames the new bytes finish; throws when a frame grows past its limit. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    for (;;) {
      const start = this.buffered.indexOf(VT);
      if (start < 0) {
        this.buffered = Buffer.alloc(0);
        break;
      }
      let end = this.buffered.indexOf(FS, start + 1);
      while (end >= 0 && end + 1 < this.buffered.length && this.buffered[end + 1] !== CR) {
        end = this.buffered.indexOf(FS, end + 1);
      }
      if (end < 0 || end + 1 >= this.buffered.length) {
        this.buffered = this.buffered.subarray(start);
        if (this.buffered.length > MAX_FRAME_BYTES) throw new Error('MLLP frame over the limit');
        break;
      }
      frames.push(this.buffered.subarray(start + 1, end));
      this.buffered = this.buffered.subarray(end + 2);
    }
    return frames;
  }
}

export const mllpFrame = (payload: Buffer): Buffer =>
  Buffer.concat([Buffer.from([VT]), payload, Buffer.from([FS, CR])]);

const plainAddress = (address: string | undefined) => (address ?? '').replace(/^::ffff:/, '');

/** The source a connection speaks for: the registered HL7 v2 source whose peer addresses include it. */
async function sourceOf(services: Services, socket: Socket): Promise<RegisteredSource | null> {
  const peer = plainAddress(socket.remoteAddress);
  const sources = await listSources(services.db);
  return (
    sources.find(
      (source) => source.format === 'hl7v2' && !source.revoked && (source.peers ?? []).map(plainAddress).includes(peer),
    ) ?? null
  );
}

/**
 * The MLLP listener (off unless HL7_MLLP_PORT is set): one connection per LIS, messages answered in
 * order, each ACK sent only once its message is stored or quarantined. A peer no source registered
 * is disconnected without a word; an idle or over-long one too.
 */
export function startMllp(
  services: Services,
  port: number,
  host: string,
  options: { readonly idleMs?: number } = {},
): Promise<Server> {
  const server = createServer((socket) => {
    socket.setTimeout(options.idleMs ?? IDLE_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    const framer = new MllpFramer();
    let source: Promise<RegisteredSource | null> | null = null;
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = framer.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        queue = queue
          .then(async () => {
            source ??= sourceOf(services, socket);
            const registered = await source;
            if (!registered) {
              socket.destroy();
              return;
            }
            const ack = await receiveHl7(services, registered, frame);
            if (!socket.destroyed) socket.write(mllpFrame(ack.bytes));
          })
          .catch((error: unknown) => {
            services.logger.error({ err: error }, 'an MLLP message could not be handled; the connection is closed');
            socket.destroy();
          });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
