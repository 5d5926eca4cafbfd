import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSPITALS } from '../../fixtures/registry/institutions';
import { loadInstitutions } from '../../server/store/registry';
import { loadCodeMappings } from '../../server/store/hospital-config';
import { startServer, type TestServer } from '../support/server';

/**
 * Issue 23 point 15 on a store that already holds mappings: upgrading keeps every mapping, each under
 * the code system its hospital had, and a hospital that had mappings but named no system gets one
 * named for it, so its mappings still map. Real store, both stores.
 */

/** The migration under test (server/store/migrations/). */
const LOCAL_CODE_SYSTEMS = '20261206160000';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('the migration to several local code systems', () => {
  it('moves the one system and its mappings over, and names a system for mappings that had none', async () => {
    const db = server.services.db;
    const [, pending] = await db.migrate.list();
    expect(pending).toEqual([]);
    // Back to the schema before: one system per institution, mappings keyed by code alone (later
    // migrations undone first, as knex undoes them, newest first).
    const nameOf = (migration: unknown) =>
      typeof migration === 'string' ? migration : String((migration as { name?: string }).name ?? migration);
    while ((await db.migrate.list())[0].map(nameOf).some((name: string) => name >= LOCAL_CODE_SYSTEMS))
      await db.migrate.down();
    await db('institutions').update({ local_code_system: null });
    await db('institutions').where('id', HOSPITALS.shancheng).update({ local_code_system: 'https://his.example/old' });
    await db('code_mappings').insert([
      { institution_id: HOSPITALS.shancheng, local_code: 'JY0001', local_name: '血钾', item_code: 'LAB-K' },
      { institution_id: HOSPITALS.jialing, local_code: 'JL-K', local_name: '钾', item_code: 'LAB-K' },
    ]);

    await db.migrate.latest();
    const institutions = new Map((await loadInstitutions(db)).map((institution) => [institution.id, institution]));
    expect(institutions.get(HOSPITALS.shancheng)?.localCodeSystems).toEqual(['https://his.example/old']);
    expect(institutions.get(HOSPITALS.jialing)?.localCodeSystems).toEqual([
      `urn:huren:local-codes:${HOSPITALS.jialing}`,
    ]);
    expect(institutions.get(HOSPITALS.yuzhong)?.localCodeSystems).toEqual([]);
    expect(await loadCodeMappings(db)).toEqual(
      [
        {
          institutionId: HOSPITALS.shancheng,
          system: 'https://his.example/old',
          localCode: 'JY0001',
          localName: '血钾',
          itemCode: 'LAB-K',
        },
        {
          institutionId: HOSPITALS.jialing,
          system: `urn:huren:local-codes:${HOSPITALS.jialing}`,
          localCode: 'JL-K',
          localName: '钾',
          itemCode: 'LAB-K',
        },
      ].sort((a, b) => a.system.localeCompare(b.system)),
    );
  });
});
