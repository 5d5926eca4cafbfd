import type { Knex } from 'knex';

/**
 * One counter that every write to the reference data (catalog, registry, hospital configuration) moves
 * on: a server checks it before re-reading the whole of that data, so an unchanged registry costs one
 * small query every 30 seconds, not a reload of every hospital's code mappings.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('reference_version', (t) => {
    t.integer('id').primary();
    t.bigInteger('version').notNullable().defaultTo(0);
  });
  await db('reference_version').insert({ id: 1, version: 0 });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('reference_version');
}
