import { connect } from 'node:net';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import iconv from 'iconv-lite';
import knex from 'knex';
import { potassiumDocument } from '../../fixtures/cda/samples';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { localDate } from '../../rules';
import { MllpFramer, mllpFrame } from '../../server/ingest/hl7v2/mllp';
import { createApiToken } from '../../server/store/api-tokens';
import { freePort } from '../support/server';
import { startChild } from './processes';

/**
 * The ways results come in besides FHIR, measured on one process over SQLite (`npm run bench`,
 * BENCH_INGEST_SECONDS, 0 to skip): HL7 v2 ORU^R01 over MLLP with ACKs (each LIS connection waits for
 * its ACK, as LIS do), CDA 检验报告 documents over HTTP, and one 10 MB document (the server's peak memory
 * before and after). Prints figures; asserts nothing.
 */
export interface IngestFigures {
  /** ORU/s with ACKs, by the number of LIS connections sending at once. */
  readonly oruPerSecond: readonly { readonly connections: number; readonly rate: number }[];
  readonly cdaPerSecond: number;
  readonly cdaConcurrency: number;
  readonly bigDocumentMiB: number;
  readonly bigDocumentStatus: number;
  readonly peakMiBBefore: number;
  readonly peakMiBAfter: number;
}

/** One LIS connection sending one message after another for `seconds`; the ACKs it got. */
function lisLane(port: number, lane: number, seconds: number, today: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const framer = new MllpFramer();
    const until = Date.now() + seconds * 1000;
    let sent = 0;
    let acked = 0;
    const next = () => {
      if (Date.now() >= until) {
        socket.end();
        return;
      }
      sent += 1;
      const nationalId = syntheticNationalId('1980-01-01', (lane * 1_000_000 + sent) % 9999);
      const controlId = `B-${lane}-${sent}`;
      socket.write(mllpFrame(iconv.encode(potassiumOru({ nationalId, name: '压测', today, controlId }), 'gb18030')));
    };
    socket.on('connect', next);
    socket.on('data', (chunk: Buffer) => {
      for (const _ack of framer.push(chunk)) {
        acked += 1;
        next();
      }
    });
    socket.on('close', () => resolve(acked));
    socket.on('error', () => resolve(acked));
  });
}

/** A 检验报告 of `analytes` observations: about 10 MB at 18,000. */
function bigDocument(nationalId: string, today: string, analytes: number): string {
  const one = potassiumDocument({ nationalId, name: '大文档', today, documentId: 'BIG-1' });
  const observation = /<component>\s*<observation[\s\S]*?<\/observation>\s*<\/component>/.exec(one)?.[0] ?? '';
  return one.replace(observation, Array.from({ length: analytes }, () => observation).join('\n'));
}

export async function runIngestWays(seconds: number, log: (message: string) => void): Promise<IngestFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'huren-bench-ingest-'));
  const sqlite = join(folder, 'ingest.sqlite');
  const mllpPort = await freePort();
  const server = await startChild(
    'server/main.ts',
    {
      NODE_ENV: 'development',
      PORT: '0',
      SQLITE_FILE: sqlite,
      HL7_MLLP_PORT: String(mllpPort),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      UNAUTHENTICATED_PER_MINUTE: '0',
    },
    /demo data loaded/,
  );
  try {
    const today = localDate(new Date(), 'Asia/Shanghai');
    const direct = knex({ client: 'sqlite3', connection: { filename: sqlite }, useNullAsDefault: true });
    const { token: platform } = await createApiToken(
      direct,
      { name: 'bench', role: 'platform', hospitalId: null },
      new Date(),
    );
    await direct.destroy();
    const registration = await fetch(`${server.url}/api/platform/sources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform}` },
      body: JSON.stringify({ id: 'CDA-BENCH', name: '压测文档源', format: 'cda', institutions: ['H-CQ-002'] }),
    });
    const { token } = (await registration.json()) as { token: string };

    // One hospital's LIS connections, then a region's: with group commit the second shares its commits.
    const oruPerSecond: { connections: number; rate: number }[] = [];
    for (const lanes of [4, 32]) {
      log(`ingest: HL7 v2 over MLLP, ${lanes} connections × ${seconds} s`);
      const acked = await Promise.all(
        Array.from({ length: lanes }, (_, lane) => lisLane(mllpPort, lanes * 100 + lane, seconds, today)),
      );
      oruPerSecond.push({ connections: lanes, rate: acked.reduce((sum, count) => sum + count, 0) / seconds });
    }

    const concurrency = 8;
    log(`ingest: CDA documents over HTTP, ${concurrency} at a time × ${seconds} s`);
    let documents = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, lane) => {
        for (let sent = 0; Date.now() < until; sent++) {
          const nationalId = syntheticNationalId('1981-01-01', (lane * 100_000 + sent) % 9999);
          const body = potassiumDocument({ nationalId, name: '压测', today, documentId: `BENCH-${lane}-${sent}` });
          const response = await fetch(`${server.url}/ingest/cda`, {
            method: 'POST',
            headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
            body,
          });
          await response.arrayBuffer();
          if (response.ok) documents += 1;
        }
      }),
    );
    const peakMiBBefore = server.peakMemoryMiB();
    const big = bigDocument(syntheticNationalId('1982-02-02', 1), today, 18_000);
    log(`ingest: one ${(big.length / 1024 / 1024).toFixed(1)} MB document`);
    const response = await fetch(`${server.url}/ingest/cda`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${token}` },
      body: big,
    });
    await response.arrayBuffer();
    return {
      oruPerSecond,
      cdaPerSecond: documents / seconds,
      cdaConcurrency: concurrency,
      bigDocumentMiB: Buffer.byteLength(big) / 1024 / 1024,
      bigDocumentStatus: response.status,
      peakMiBBefore,
      peakMiBAfter: server.peakMemoryMiB(),
    };
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

export function ingestWaysTable(figures: IngestFigures): string {
  return [
    '| way in | load | rate | notes |',
    '| --- | --- | ---: | --- |',
    ...figures.oruPerSecond.map(
      ({ connections, rate }) =>
        `| HL7 v2 ORU^R01 over MLLP, ACK after store | ${connections} connections, one message in flight each | ${Math.round(rate)} ORU/s | GB18030 |`,
    ),
    `| CDA 检验报告 over HTTP | ${figures.cdaConcurrency} at a time | ${Math.round(figures.cdaPerSecond)} documents/s | UTF-8 |`,
    `| one CDA document of ${figures.bigDocumentMiB.toFixed(1)} MB | 1 | status ${figures.bigDocumentStatus} | peak RSS ${Math.round(figures.peakMiBBefore)} → ${Math.round(figures.peakMiBAfter)} MiB |`,
  ].join('\n');
}
