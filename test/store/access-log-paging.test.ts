import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccess, type AccessQuery } from '../../server/store/access-log';
import { migrate, openStore, type Store } from '../../server/store/database';
import { tempDir } from '../support/config';

let store: Store;

beforeAll(async () => {
  store = openStore({ client: 'sqlite', file: join(tempDir(), 'access-log.sqlite') });
  await migrate(store.db);
});

afterAll(() => store.destroy());

/** SQLite's plan for the statement listAccess runs: every step, as SQLite words it. */
async function planOf(query: AccessQuery): Promise<string[]> {
  let statement: { sql: string; bindings: readonly Knex.RawBinding[] } | undefined;
  const capture = (data: { sql: string; bindings?: readonly Knex.RawBinding[] }) =>
    (statement ??= { sql: data.sql, bindings: data.bindings ?? [] });
  store.db.on('query', capture);
  await listAccess(store.db, query);
  store.db.removeListener('query', capture);
  if (!statement) throw new Error('listAccess ran no query');
  const rows: { detail: string }[] = await store.db.raw(`explain query plan ${statement.sql}`, [...statement.bindings]);
  return rows.map((row) => row.detail);
}

describe("a hospital's access log, newest first, from an index", () => {
  it('pages one hospital without sorting its whole log', async () => {
    const plan = await planOf({ hospitalId: 'H-CQ-001', limit: 50 });
    expect(plan.join('\n')).toContain('access_log_hospital_newest');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });

  it('pages one hospital and one endpoint the same way', async () => {
    const plan = await planOf({ hospitalId: 'H-CQ-001', endpoint: 'POST /api/explain', before: 1000, limit: 50 });
    expect(plan.join('\n')).toContain('access_log_hospital_endpoint_newest');
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
  });
});
