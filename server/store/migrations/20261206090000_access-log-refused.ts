import type { Knex } from 'knex';

/** A refused look-up (explain for a patient who is not the hospital's own) is logged too, marked as refused. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('access_log', (t) => {
    t.boolean('refused').notNullable().defaultTo(false);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('access_log', (t) => {
    t.dropColumn('refused');
  });
}
