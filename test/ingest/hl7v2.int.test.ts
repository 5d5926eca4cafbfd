import { connect, type Server } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { potassiumOru } from '../../fixtures/hl7v2/samples';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { localDate } from '../../rules';
import { MllpFramer, mllpFrame, startMllp } from '../../server/ingest/hl7v2/mllp';
import { cardsForPerson, comparable, registerJialingLis, sameReportAsFhir } from '../support/incoming-results';
import { expectMatchesOpenApi } from '../support/openapi';
import { getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 2: HL7 v2 ORU^R01 from a LIS, over HTTP and MLLP, filed through the same extraction as
 * FHIR. Messages are built from the standard's segments (MSH, PID, ORC, OBR, OBX, NTE) as Chinese LIS
 * send them. Loopback only.
 */

let server: TestServer;
let mllp: Server;
let token: string;
const today = localDate(TEST_NOW, 'Asia/Shanghai');
let sequence = 700;

const newPerson = () => {
  sequence += 1;
  return { nationalId: syntheticNationalId('1980-04-04', sequence), name: `测试${sequence}` };
};

beforeAll(async () => {
  server = await startServer();
  mllp = await startMllp(server.services, 0, '127.0.0.1');
  const registered = await registerJialingLis(server, 'LIS-TEST', '嘉陵江中心医院 检验科 LIS（HTTP）');
  expect(registered.status).toBe(201);
  await expectMatchesOpenApi(server.url, '/api/platform/sources', 'post', 201, registered.body);
  token = registered.body.token;
});
afterAll(async () => {
  await new Promise((resolve) => mllp.close(resolve));
  await server.close();
});

async function sendHttp(message: string | Buffer, charset: 'utf8' | 'gb18030' = 'utf8') {
  const body = typeof message === 'string' ? iconv.encode(message, charset) : message;
  const response = await fetch(`${server.url}/ingest/hl7v2`, {
    method: 'POST',
    headers: { 'content-type': 'x-application/hl7-v2+er7', authorization: `Bearer ${token}` },
    body: new Uint8Array(body),
  });
  return { status: response.status, ack: (await response.text()).split('\r') };
}

/** Writes the bytes in the given pieces (each its own TCP write) and collects `count` ACKs. */
function sendMllp(pieces: Buffer[], count: number): Promise<string[]> {
  const { port } = mllp.address() as { port: number };
  return new Promise((resolve, reject) => {
    const acks: string[] = [];
    const framer = new MllpFramer();
    const socket = connect({ port, host: '127.0.0.1' }, async () => {
      for (const piece of pieces) {
        socket.write(piece);
        await new Promise((next) => setTimeout(next, 5));
      }
    });
    socket.on('data', (chunk: Buffer) => {
      for (const frame of framer.push(chunk)) acks.push(iconv.decode(frame, 'gb18030'));
      if (acks.length === count) {
        socket.end();
        resolve(acks);
      }
    });
    socket.on('error', reject);
  });
}

const cardsFor = (nationalId: string) => cardsForPerson(server, nationalId, 'LAB-K');

describe('HL7 v2 ORU^R01 in, as a LIS sends it', () => {
  it('turns a message into the same card as the FHIR path', async () => {
    const viaFhir = newPerson();
    const viaHl7 = newPerson();
    const fhir = await postJson(`${server.url}/fhir`, sameReportAsFhir(viaFhir, today), {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(fhir.status).toBe(200);
    const { status, ack } = await sendHttp(potassiumOru({ ...viaHl7, today, controlId: 'PARITY-1' }), 'gb18030');
    expect(status).toBe(200);
    expect(ack.find((segment) => segment.startsWith('MSA'))).toMatch(/^MSA\|AA\|PARITY-1/);
    const [fromFhir] = await cardsFor(viaFhir.nationalId);
    const [fromHl7] = await cardsFor(viaHl7.nationalId);
    expect(fromHl7).toBeDefined();
    expect(comparable(fromHl7)).toEqual(comparable(fromFhir));
    expect(fromHl7.detail).toContain('| 钾 | 4.3 | mmol/L | 3.5-5.3 |');
  });

  it('answers a repeated control id (MSH-10) AA again without storing it twice', async () => {
    const person = newPerson();
    const message = potassiumOru({ ...person, today, controlId: 'TWICE-1', charset: 'UNICODE UTF-8' });
    expect((await sendHttp(message)).status).toBe(200);
    expect((await sendHttp(message)).ack.find((segment) => segment.startsWith('MSA'))).toMatch(/^MSA\|AA\|TWICE-1/);
    const rows = await server.services
      .db('results')
      .where('item_code', 'LAB-K')
      .andWhere('institution_id', HOSPITALS.jialing);
    expect(rows.filter((row: any) => row.report_key.endsWith(person.nationalId.slice(-6) + '-K'))).toHaveLength(1);
    // Resent after its code lost its mapping: stored before, so still AA, and nothing quarantined.
    const resent = potassiumOru({ ...person, today, controlId: 'TWICE-1', itemCode: 'JY-NOT-MAPPED' });
    expect((await sendHttp(resent, 'gb18030')).ack.find((segment) => segment.startsWith('MSA'))).toMatch(
      /^MSA\|AA\|TWICE-1/,
    );
    expect(await server.services.db('quarantine').where('control_id', 'TWICE-1')).toEqual([]);
  });

  it('takes a correction (OBX-11 C) as an amendment, and a withdrawal (X) out of recognition', async () => {
    const person = newPerson();
    await sendHttp(potassiumOru({ ...person, today, controlId: 'V-1' }), 'gb18030');
    await sendHttp(potassiumOru({ ...person, today, controlId: 'V-2', value: 4.6, resultStatus: 'C' }), 'gb18030');
    expect((await cardsFor(person.nationalId))[0].detail).toContain('| 4.6 |');
    await sendHttp(potassiumOru({ ...person, today, controlId: 'V-3', resultStatus: 'X' }), 'gb18030');
    expect(await cardsFor(person.nationalId)).toEqual([]);
  });

  it('keeps the latest version when an earlier one arrives after it (MSH-7 orders them)', async () => {
    const person = newPerson();
    await sendHttp(
      potassiumOru({ ...person, today, controlId: 'O-2', value: 4.8, resultStatus: 'C', sentAt: '170000' }),
      'gb18030',
    );
    await sendHttp(potassiumOru({ ...person, today, controlId: 'O-1', value: 4.1, sentAt: '150000' }), 'gb18030');
    expect((await cardsFor(person.nationalId))[0].detail).toContain('| 4.8 |');
  });

  it('refuses, names the field in ERR and quarantines: no PID, a facility not of the source, no 身份证', async () => {
    const person = newPerson();
    const good = potassiumOru({ ...person, today, controlId: 'BAD-0', charset: 'UNICODE UTF-8' });
    const cases = [
      { message: good.replace(/PID\|[^\r]*\r/, '').replace('BAD-0', 'BAD-1'), field: 'PID' },
      // A facility code named like an Object member is an unknown facility, not a lookup into the prototype.
      { message: good.replace('|JLJ^', '|constructor^').replace('BAD-0', 'BAD-4'), field: '^1^4' },
      { message: good.replace('|JLJ^', `|${HOSPITALS.shancheng}^`).replace('BAD-0', 'BAD-2'), field: '^1^4' },
      {
        message: good.replace(/\^\^\^&2\.16\.156\.10011\.1\.3&ISO\^ID/, '^^^^MR').replace('BAD-0', 'BAD-3'),
        field: '^1^3',
      },
    ];
    for (const { message, field } of cases) {
      const { status, ack } = await sendHttp(message);
      expect(status).toBe(422);
      expect(ack.find((segment) => segment.startsWith('MSA'))).toMatch(/^MSA\|AE\|/);
      expect(ack.find((segment) => segment.startsWith('ERR'))).toContain(field);
    }
    const waiting = await getJson(`${server.url}/api/platform/quarantine?sourceId=LIS-TEST`, {
      authorization: `Bearer ${server.platformToken}`,
    });
    await expectMatchesOpenApi(server.url, '/api/platform/quarantine', 'get', 200, waiting.body);
    const controls = waiting.body.map((entry: any) => entry.controlId);
    expect(controls).toEqual(expect.arrayContaining(['BAD-1', 'BAD-2', 'BAD-3']));
    expect(waiting.body.every((entry: any) => /[\u4e00-\u9fff]/.test(entry.reason))).toBe(true);
  });

  it('rejects what is not HL7, or not in the charset it names, with AR; and a caller without a source token with 401', async () => {
    expect((await sendHttp('hello')).status).toBe(400);
    const person = newPerson();
    const lying = iconv.encode(
      potassiumOru({ ...person, today, controlId: 'CS-1', charset: 'UNICODE UTF-8' }),
      'gb18030',
    );
    const { status, ack } = await sendHttp(lying);
    expect(status).toBe(400);
    expect(ack.find((segment) => segment.startsWith('ERR'))).toContain('MSH^1^18');
    const anonymous = await fetch(`${server.url}/ingest/hl7v2`, { method: 'POST', body: 'MSH|^~\\&|' });
    expect(anonymous.status).toBe(401);
  });

  it('quarantines a local code nobody mapped, and files it on replay once the mapping exists', async () => {
    const person = newPerson();
    const { status } = await sendHttp(
      potassiumOru({ ...person, today, controlId: 'MAP-1', itemCode: 'JY-K-LOCAL' }),
      'gb18030',
    );
    expect(status).toBe(422);
    const [entry] = (
      await getJson(`${server.url}/api/platform/quarantine?sourceId=LIS-TEST&limit=1`, {
        authorization: `Bearer ${server.platformToken}`,
      })
    ).body;
    expect(entry.controlId).toBe('MAP-1');
    expect(entry.reason).toContain('项目编码未能对照');
    // The platform registers the hospital's code systems (its RIS's first, its LIS's second), and its
    // administrator maps the code in the LIS's: a source that names no system has each tried in turn.
    const lisCodes = 'https://lis.jialing.example/item';
    await server.services
      .db('institutions')
      .where('id', HOSPITALS.jialing)
      .update({ local_code_systems: JSON.stringify(['https://ris.jialing.example/exam', lisCodes]) });
    await server.services.db('local_code_mappings').insert({
      institution_id: HOSPITALS.jialing,
      code_system: lisCodes,
      local_code: 'JY-K-LOCAL',
      local_name: '血钾',
      item_code: 'LAB-K',
    });
    server.services.reference.invalidate();
    const replayed = await postJson(
      `${server.url}/api/platform/quarantine/${entry.id}/replay`,
      {},
      {
        authorization: `Bearer ${server.platformToken}`,
      },
    );
    await expectMatchesOpenApi(server.url, '/api/platform/quarantine/{id}/replay', 'post', 200, replayed.body);
    expect(replayed.body.replayed).toEqual([{ id: entry.id, outcome: 'stored', reason: null }]);
    expect(await cardsFor(person.nationalId)).toHaveLength(1);
  });
});

describe('the quarantine in the consoles', () => {
  it('shows a hospital administrator the quarantine of its own sources only, and the platform replays all', async () => {
    const jialing = await server.token('admin', HOSPITALS.jialing);
    const shancheng = await server.token('admin', HOSPITALS.shancheng);
    const own = await getJson(`${server.url}/api/admin/quarantine`, { authorization: `Bearer ${jialing}` });
    expect(own.status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/admin/quarantine', 'get', 200, own.body);
    expect(own.body.length).toBeGreaterThan(0);
    expect([...new Set(own.body.map((entry: any) => entry.sourceId))]).toEqual(['LIS-TEST']);
    const other = await getJson(`${server.url}/api/admin/quarantine`, { authorization: `Bearer ${shancheng}` });
    expect(other.body).toEqual([]);
    const sources = await getJson(`${server.url}/api/admin/sources`, { authorization: `Bearer ${jialing}` });
    await expectMatchesOpenApi(server.url, '/api/admin/sources', 'get', 200, sources.body);
    expect(sources.body.map((source: any) => source.id)).toEqual(expect.arrayContaining(['LIS-TEST', 'LIS-H-CQ-002']));
    expect((await getJson(`${server.url}/api/admin/sources`, { authorization: `Bearer ${shancheng}` })).body).toEqual(
      [],
    );
    const all = await postJson(
      `${server.url}/api/platform/quarantine/replay?sourceId=LIS-TEST`,
      {},
      {
        authorization: `Bearer ${server.platformToken}`,
      },
    );
    await expectMatchesOpenApi(server.url, '/api/platform/quarantine/replay', 'post', 200, all.body);
    // Each is run again; what nothing was fixed for (a message without PID) is quarantined again, with its reason.
    expect(all.body.replayed.length).toBe(own.body.length);
    const withoutPid = own.body.find((entry: any) => entry.controlId === 'BAD-1');
    expect(all.body.replayed.find((entry: any) => entry.id === withoutPid.id)).toMatchObject({
      outcome: 'quarantined',
    });
    expect(all.body.replayed.every((entry: any) => entry.outcome === 'stored' || entry.reason)).toBe(true);
  });
});

describe('over MLLP', () => {
  it('acknowledges frames split across packets and frames glued together, each after it is stored (GB18030)', async () => {
    const first = newPerson();
    const second = newPerson();
    const third = newPerson();
    const encode = (person: { nationalId: string; name: string }, controlId: string) =>
      mllpFrame(iconv.encode(potassiumOru({ ...person, today, controlId }), 'gb18030'));
    const split = encode(first, 'M-1');
    const acks = await sendMllp([split.subarray(0, 7), split.subarray(7, 90), split.subarray(90)], 1);
    expect(acks[0]).toMatch(/MSA\|AA\|M-1/);
    const glued = await sendMllp([Buffer.concat([encode(second, 'M-2'), encode(third, 'M-3')])], 2);
    expect(glued.map((ack) => /MSA\|(\w+)\|([\w-]+)/.exec(ack)?.slice(1))).toEqual([
      ['AA', 'M-2'],
      ['AA', 'M-3'],
    ]);
    for (const person of [first, second, third]) expect(await cardsFor(person.nationalId)).toHaveLength(1);
  });

  it('lists the source with what it sent', async () => {
    const { status, body } = await getJson(`${server.url}/api/platform/sources`, {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(status).toBe(200);
    await expectMatchesOpenApi(server.url, '/api/platform/sources', 'get', 200, body);
    const lis = body.find((source: any) => source.id === 'LIS-TEST');
    expect(lis.receivedPastDay).toBeGreaterThan(0);
    expect(lis.quarantined).toBeGreaterThan(0);
  });

  it('closes, without a word, a connection from an address no source registered, a slow-loris and an over-long frame', async () => {
    const closed = (socket: ReturnType<typeof connect>) =>
      new Promise<boolean>((resolve) => {
        let answered = false;
        socket.on('data', () => (answered = true));
        socket.on('close', () => resolve(answered));
        socket.on('error', () => undefined);
      });
    const { port } = mllp.address() as { port: number };
    const frame = mllpFrame(iconv.encode(potassiumOru({ ...newPerson(), today, controlId: 'STRANGER' }), 'gb18030'));
    const stranger = connect({ port, host: '127.0.0.1', localAddress: '127.0.0.2' }, () => stranger.write(frame));
    expect(await closed(stranger)).toBe(false);
    const patient = await startMllp(server.services, 0, '127.0.0.1', { idleMs: 200 });
    try {
      const slowPort = (patient.address() as { port: number }).port;
      const loris = connect({ port: slowPort, host: '127.0.0.1' }, () => loris.write(frame.subarray(0, 20)));
      expect(await closed(loris)).toBe(false);
    } finally {
      await new Promise((resolve) => patient.close(resolve));
    }
    const flood = connect({ port, host: '127.0.0.1' }, () =>
      flood.write(Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(6 * 1024 * 1024, 0x41)])),
    );
    expect(await closed(flood)).toBe(false);
  });
});
