import type { Knex } from 'knex';

/** How far each front-table source has been read: the poller resumes after a crash where it stopped. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('front_table_watermarks', (t) => {
    t.string('source_id', 64).primary().references('result_sources.id');
    t.text('watermark').notNullable();
    t.string('updated_at', 30).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('front_table_watermarks');
}
