import type { Knex } from 'knex';

/** What the SMART app adds to a decision: who decided in the app, and whether the EHR took the write-back. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('decisions', (t) => {
    t.string('practitioner_name', 200);
    t.string('write_back_status', 16);
    t.text('write_back_detail');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('decisions', (t) => {
    t.dropColumn('practitioner_name');
    t.dropColumn('write_back_status');
    t.dropColumn('write_back_detail');
  });
}
