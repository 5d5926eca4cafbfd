import type { Knex } from 'knex';

/**
 * Every version of a region's policy, as the hospital overrides keep theirs: who saved it, when, and
 * whether it was a rollback (issue 21 point 3). The policy in `regions` stays the one in force.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('region_policy_history', (t) => {
    t.increments('id');
    t.string('region_code', 32).notNullable().references('regions.code');
    t.integer('version').notNullable();
    t.text('policy').notNullable();
    t.string('action', 16).notNullable();
    t.string('saved_by', 200).notNullable();
    t.string('saved_at', 30).notNullable();
    t.unique(['region_code', 'version']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('region_policy_history');
}
