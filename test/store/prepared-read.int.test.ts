import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { openStore } from '../../server/store/database';
import { preparedRows } from '../../server/store/prepared-read';
import { resultsForPatient, upsertResults, type StoredResult } from '../../server/store/results';
import { incomingResult } from '../support/incoming-results';
import { startServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * Issue 22 point 5: the hook's read of a patient's results runs as SQL compiled once, handed straight
 * to the driver (on PostgreSQL as a named prepared statement). It must answer exactly what the same
 * query through knex answers, for every number of items, in a transaction too. Both stores.
 */

let server: TestServer;
const patientKey = 'p'.repeat(64);
const ITEMS = ['LAB-K', 'LAB-NA', 'LAB-CL', 'LAB-GLU'];

beforeAll(async () => {
  server = await startServer();
  await server.services.db.transaction((trx) =>
    upsertResults(
      trx,
      [
        ...ITEMS.map((itemCode, index) =>
          incomingResult({
            patientKey,
            itemCode,
            reportKey: `sys|prepared-${index}`,
            issuedAt: `2026-03-0${index + 1}T02:00:00.000Z`,
          }),
        ),
        incomingResult({
          patientKey,
          itemCode: 'LAB-K',
          reportKey: 'sys|prepared-k2',
          institutionId: HOSPITALS.qijiang,
        }),
        incomingResult({ patientKey: 'q'.repeat(64), itemCode: 'LAB-K', reportKey: 'sys|prepared-other' }),
      ],
      TEST_NOW,
    ),
  );
});
afterAll(async () => {
  await server.close();
});

/** The same read through knex's builder, as it was written before. */
async function throughKnex(key: string, items?: readonly string[]) {
  const query = server.services
    .reader('results')
    .select('id', 'item_code', 'institution_id', 'report_key', 'version')
    .where('patient_key', key);
  if (items) void query.whereIn('item_code', [...items]);
  return (await query).map(
    (row: { id: string; item_code: string; institution_id: string; report_key: string; version: number }) => ({
      id: row.id,
      itemCode: row.item_code,
      institutionId: row.institution_id,
      reportKey: row.report_key,
      version: Number(row.version),
    }),
  );
}

const facts = (results: StoredResult[]) =>
  results.map(({ id, itemCode, institutionId, reportKey, version }) => ({
    id,
    itemCode,
    institutionId,
    reportKey,
    version,
  }));
const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('the results read, prepared', () => {
  it('answers as the knex query does, for all items and for one to four of them, twice over', async () => {
    for (let round = 0; round < 2; round += 1) {
      expect(byId(facts(await resultsForPatient(server.services.reader, patientKey)))).toEqual(
        byId(await throughKnex(patientKey)),
      );
      for (let count = 1; count <= ITEMS.length; count += 1) {
        const items = ITEMS.slice(0, count);
        const read = await resultsForPatient(server.services.reader, patientKey, items);
        expect(byId(facts(read))).toEqual(byId(await throughKnex(patientKey, items)));
      }
    }
    expect(
      (await resultsForPatient(server.services.reader, patientKey, ['LAB-K'])).map((r) => r.institutionId).sort(),
    ).toEqual([HOSPITALS.jialing, HOSPITALS.qijiang].sort());
    expect(await resultsForPatient(server.services.reader, patientKey, [])).toEqual([]);
  });

  it('reads the stored row whole: the facts the rules use and the report when shown', async () => {
    const [read] = await resultsForPatient(server.services.reader, patientKey, ['LAB-GLU']);
    expect(read).toMatchObject({
      patientKey,
      itemCode: 'LAB-GLU',
      status: 'final',
      issuedAt: '2026-03-04T02:00:00.000Z',
      testSystem: { method: null, brand: null },
      version: 1,
    });
    expect(read?.report).toEqual({ kind: 'lab', title: '钾', values: [] });
  });

  it('reads inside a transaction, which holds its own connection', async () => {
    const read = await server.services.db.transaction((trx) => resultsForPatient(trx, patientKey, ['LAB-K', 'LAB-NA']));
    expect(byId(facts(read))).toEqual(byId(await throughKnex(patientKey, ['LAB-K', 'LAB-NA'])));
  });

  it('refuses values that do not fit the statement of its shape', async () => {
    const build = () => server.services.reader('results').select('id').where('patient_key', '');
    await expect(preparedRows(server.services.reader, 'results-by-key-test', build, ['a', 'b'])).rejects.toThrow(
      /2 values/,
    );
  });

  it('is prepared once per PostgreSQL connection and reused; on SQLite leaves no statement open, so the store closes', async () => {
    const store = openStore(server.config.store);
    for (let call = 0; call < 3; call += 1)
      expect(await resultsForPatient(store.reader, patientKey, ['LAB-K', 'LAB-NA', 'LAB-CL'])).toHaveLength(4);
    if (server.config.store.client === 'pg') {
      // One call at a time, so the pool holds one connection: the one that ran them.
      const prepared: { rows: { name: string; statement: string }[] } = await store.reader.raw(
        "select name, statement from pg_prepared_statements where name like 'huren_%'",
      );
      expect(prepared.rows).toHaveLength(1);
      expect(prepared.rows[0]?.statement).toMatch(/"item_code" in \(\$2, \$3, \$4\)/);
    }
    await expect(store.destroy()).resolves.toBeUndefined();
  });
});
