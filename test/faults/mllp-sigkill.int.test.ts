import { connect } from 'node:net';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import knex, { type Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { localDate } from '../../rules';
import { MllpFramer, mllpFrame } from '../../server/ingest/hl7v2/mllp';
import { tempDir } from '../support/config';
import { freePort, freshPostgresDatabase } from '../support/server';
import { launch, type Running } from '../support/server-process';

/**
 * Issue 19 point 6: a kill -9 in the middle of an MLLP burst loses no acknowledged message. Three LIS
 * connections send one message after another (each waits for its ACK, as LIS do); the server is killed
 * once some are acknowledged; every acknowledged control id is then found stored, with its report.
 */

const postgres = process.env.HUREN_TEST_STORE === 'postgres';
let running: Running | undefined;
let db: Knex | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

afterAll(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  await db?.destroy();
  await dropDatabase?.();
});

/** One LIS connection: sends its messages in turn, each after the last ACK, until the socket dies. */
function lis(port: number, messages: { controlId: string; bytes: Buffer }[], acknowledged: string[]): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const framer = new MllpFramer();
    let next = 0;
    const sendNext = () => {
      const message = messages[next++];
      if (message) socket.write(mllpFrame(message.bytes));
      else socket.end();
    };
    socket.on('connect', sendNext);
    socket.on('data', (chunk: Buffer) => {
      for (const ack of framer.push(chunk)) {
        const [, code, controlId] = /MSA\|(\w+)\|([\w-]+)/.exec(ack.toString('latin1')) ?? [];
        if (code === 'AA' && controlId) acknowledged.push(controlId);
        sendNext();
      }
    });
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

describe('the process killed (SIGKILL) during an MLLP burst', () => {
  it('keeps every message it acknowledged', async () => {
    const store: Record<string, string> = postgres
      ? await freshPostgresDatabase().then((database) => {
          dropDatabase = database.drop;
          return { DATABASE_URL: database.url };
        })
      : { SQLITE_FILE: join(tempDir(), 'mllp-killed.sqlite') };
    const port = await freePort();
    running = await launch({ ...store, HL7_MLLP_PORT: String(port) }, 'demo data loaded');
    const today = localDate(new Date(), 'Asia/Shanghai');
    const acknowledged: string[] = [];
    const connections = [0, 1, 2].map((lane) =>
      Array.from({ length: 60 }, (_, index) => {
        const controlId = `KILL-${lane}-${index}`;
        const nationalId = syntheticNationalId('1990-09-09', lane * 100 + index);
        return {
          controlId,
          bytes: iconv.encode(potassiumOru({ nationalId, name: '测试', today, controlId }), 'gb18030'),
        };
      }),
    );
    const senders = connections.map((messages) => lis(port, messages, acknowledged));
    // Killed once some are acknowledged, while the others are in flight.
    while (acknowledged.length < 15) await new Promise((resolve) => setTimeout(resolve, 5));
    running.child.kill('SIGKILL');
    await Promise.all(senders);
    const seen = [...acknowledged];
    expect(seen.length).toBeGreaterThanOrEqual(15);
    db = knex(
      postgres
        ? { client: 'pg', connection: store.DATABASE_URL }
        : { client: 'sqlite3', connection: { filename: store.SQLITE_FILE as string }, useNullAsDefault: true },
    );
    const stored = await db('received_messages')
      .whereIn('control_id', seen)
      .andWhere('outcome', 'stored')
      .pluck('control_id');
    expect(new Set(stored)).toEqual(new Set(seen));
    const reports = await db('results').where('report_key', 'like', '%LIS-%').count({ n: '*' }).first();
    expect(Number(reports?.n)).toBeGreaterThanOrEqual(seen.length);
  });
});
