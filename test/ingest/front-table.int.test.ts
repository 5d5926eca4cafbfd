import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticNationalId } from '../../fixtures/patients/national-id';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { addDays, localDate } from '../../rules';
import { FrontTablePoller } from '../../server/ingest/front-table/poller';
import { frontTableSchema, type FrontTable } from '../../server/ingest/front-table/settings';
import { tempDir } from '../support/config';
import { cardsForPerson } from '../support/incoming-results';
import { freshPostgresDatabase, getJson, postJson, startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 19 point 3: a front table (前置机) polled through knex, one row per analyte, past a watermark,
 * idempotent, resuming where it stopped. On SQLite and PostgreSQL (the store the project runs on), and
 * on MariaDB, which hospitals' front tables often are (127.0.0.1:3306, root, as the machine provides).
 */

const onPostgres = process.env.HUREN_TEST_STORE === 'postgres';
const MARIADB = process.env.HUREN_TEST_MARIADB ?? 'mysql://root@127.0.0.1:3306';
const today = localDate(TEST_NOW, 'Asia/Shanghai');
const collected = `${addDays(today, -1)} 09:30:00`;

let server: TestServer;
let sequence = 900;
const person = () => syntheticNationalId('1970-01-01', ++sequence);

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** A source per front table: each keeps its own watermark. */
async function registerSource(id: string): Promise<void> {
  const registered = await postJson(
    `${server.url}/api/platform/sources`,
    {
      id,
      name: '区域平台前置机',
      format: 'front-table',
      institutions: [HOSPITALS.jialing],
      facilities: { JLJ: HOSPITALS.jialing },
    },
    { authorization: `Bearer ${server.platformToken}` },
  );
  expect(registered.status).toBe(201);
}

interface FrontDatabase {
  readonly name: string;
  readonly client: FrontTable['client'];
  readonly connection: string | Record<string, unknown>;
  open(): Knex;
  drop(): Promise<void>;
}

async function sqliteFront(): Promise<FrontDatabase> {
  const connection = { filename: join(tempDir(), 'front.sqlite') };
  return {
    name: 'SQLite',
    client: 'sqlite3',
    connection,
    open: () => knex({ client: 'sqlite3', connection, useNullAsDefault: true }),
    drop: async () => undefined,
  };
}

async function postgresFront(): Promise<FrontDatabase> {
  const database = await freshPostgresDatabase();
  return {
    name: 'PostgreSQL',
    client: 'pg',
    connection: database.url,
    open: () => knex({ client: 'pg', connection: database.url }),
    drop: database.drop,
  };
}

async function mariadbFront(): Promise<FrontDatabase> {
  const name = `huren_front_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = knex({ client: 'mysql2', connection: MARIADB, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('create database ??', [name]);
  } catch (error) {
    throw new Error(
      `MariaDB at ${MARIADB} is needed for the front-table test (the machine starts it; set HUREN_TEST_MARIADB otherwise)`,
      { cause: error },
    );
  } finally {
    await admin.destroy();
  }
  const connection = `${MARIADB}/${name}`;
  return {
    name: 'MariaDB',
    client: 'mysql2',
    connection,
    open: () => knex({ client: 'mysql2', connection }),
    async drop() {
      const again = knex({ client: 'mysql2', connection: MARIADB, pool: { min: 0, max: 1 } });
      await again.raw('drop database if exists ??', [name]);
      await again.destroy();
    },
  };
}

/** The platform's front table as such tables look: one row per analyte, the platform item code, whether it is 互认. */
async function createTable(db: Knex): Promise<void> {
  await db.schema.createTable('lab_result_rows', (t) => {
    t.increments('row_id').primary();
    t.string('report_no', 64);
    t.string('id_card', 32);
    t.string('org_code', 32);
    t.string('item_code', 32);
    t.string('item_name', 64);
    t.string('analyte', 64);
    t.string('result', 32);
    t.string('unit', 32);
    t.string('ref_range', 32);
    t.string('flag', 8);
    t.string('collected_at', 32);
    t.string('hr_flag', 4);
    t.string('gateway', 32);
  });
}

const row = (report: string, idCard: string, values: Partial<Record<string, string>> = {}) => ({
  report_no: report,
  id_card: idCard,
  org_code: 'JLJ',
  item_code: 'LAB-K',
  item_name: '血钾',
  analyte: '钾',
  result: '4.3',
  unit: 'mmol/L',
  ref_range: '3.5-5.3',
  flag: 'N',
  collected_at: collected,
  hr_flag: '1',
  gateway: 'GW-01',
  ...values,
});

function settingsFor(front: FrontDatabase, batch = 500): FrontTable {
  return frontTableSchema.parse({
    source: `FT-${front.name}`,
    client: front.client,
    connection: front.connection,
    table: 'lab_result_rows',
    watermark: 'row_id',
    batch,
    columns: {
      reportId: 'report_no',
      nationalId: 'id_card',
      institution: 'org_code',
      itemCode: 'item_code',
      itemName: 'item_name',
      analyte: 'analyte',
      value: 'result',
      unit: 'unit',
      referenceRange: 'ref_range',
      flag: 'flag',
      collectedAt: 'collected_at',
      recognised: 'hr_flag',
    },
  });
}

const backends = onPostgres
  ? [['PostgreSQL', postgresFront]]
  : [
      ['SQLite', sqliteFront],
      ['MariaDB', mariadbFront],
    ];

describe.each(backends as [string, () => Promise<FrontDatabase>][])('a front table on %s', (_name, make) => {
  let front: FrontDatabase;
  let db: Knex;
  beforeAll(async () => {
    front = await make();
    await registerSource(`FT-${front.name}`);
    db = front.open();
    await createTable(db);
  });
  afterAll(async () => {
    await db.destroy();
    await front.drop();
  });

  it('files 互认 rows past the watermark, skips the others, quarantines what cannot be mapped, and reads nothing twice', async () => {
    const [a, b, c, d] = [person(), person(), person(), person()];
    await db('lab_result_rows').insert([
      row(`R-${a}`, a),
      row(`R-${b}`, b, { hr_flag: '0' }),
      row(`R-${c}`, c, { item_code: 'NOT-MAPPED', item_name: '未对照项目' }),
      // An institution code named like an Object member is an unknown institution.
      row(`R-${c}-proto`, c, { org_code: 'constructor' }),
    ]);
    const poller = new FrontTablePoller(server.services, settingsFor(front));
    try {
      expect(await poller.pollOnce()).toMatchObject({ rows: 4, filed: 1, quarantined: 2 });
      expect(await cardsForPerson(server, a, 'LAB-K')).toHaveLength(1);
      expect(await cardsForPerson(server, b, 'LAB-K')).toEqual([]);
      expect(await poller.pollOnce()).toMatchObject({ rows: 0, filed: 0 });
      // A poller started anew (after a crash) resumes at the stored watermark.
      await db('lab_result_rows').insert(row(`R-${d}`, d, { result: '4.9' }));
    } finally {
      await poller.stop();
    }
    const resumed = new FrontTablePoller(server.services, settingsFor(front));
    try {
      expect(await resumed.pollOnce()).toMatchObject({ rows: 1, filed: 1 });
    } finally {
      await resumed.stop();
    }
    expect((await cardsForPerson(server, d, 'LAB-K'))[0].detail).toContain('| 4.9 |');
    const waiting = await getJson(`${server.url}/api/platform/quarantine?sourceId=FT-${front.name}`, {
      authorization: `Bearer ${server.platformToken}`,
    });
    expect(waiting.body.map((entry: any) => entry.controlId)).toContain(`R-${c}`);
  });

  it('never files half a report: one cut by the end of a batch waits for the next, whole', async () => {
    const [e, f] = [person(), person()];
    const analytes = (report: string, idCard: string) =>
      Array.from({ length: 6 }, (_, index) => row(report, idCard, { analyte: `钾${index + 1}`, result: `4.${index}` }));
    await db('lab_result_rows').insert([...analytes(`R-${e}`, e), ...analytes(`R-${f}`, f)]);
    const poller = new FrontTablePoller(server.services, settingsFor(front, 10));
    try {
      expect(await poller.pollOnce()).toMatchObject({ rows: 6, filed: 1 });
      expect(await poller.pollOnce()).toMatchObject({ rows: 6, filed: 1 });
    } finally {
      await poller.stop();
    }
    const [card] = await cardsForPerson(server, f, 'LAB-K');
    expect(card.detail.match(/\| 钾\d \|/g)).toHaveLength(6);
  });
});
