import type { Knex } from 'knex';

/**
 * Every read of a patient's results: who, which patient key, when, through which endpoint, how many
 * results. Append-only: rows are never updated (a trigger refuses it); only retention deletes them.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('access_log', (t) => {
    t.bigIncrements('id').primary();
    t.string('at', 30).notNullable();
    t.string('hospital_id', 64);
    t.string('actor_kind', 20).notNullable();
    t.string('actor', 255).notNullable();
    t.string('actor_name', 200);
    t.string('patient_key', 64).notNullable();
    t.string('endpoint', 100).notNullable();
    t.integer('results').notNullable();
    t.index(['hospital_id', 'at']);
    t.index(['at']);
    t.index(['patient_key']);
  });
  if (db.client.config.client === 'pg') {
    await db.raw(`create function access_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'access_log is append-only'; end $$`);
    await db.raw(
      'create trigger access_log_no_update before update on access_log for each row execute function access_log_append_only()',
    );
  } else {
    await db.raw(`create trigger access_log_no_update before update on access_log
      begin select raise(abort, 'access_log is append-only'); end`);
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('access_log');
  if (db.client.config.client === 'pg') await db.raw('drop function if exists access_log_append_only()');
}
