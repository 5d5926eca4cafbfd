import type { Knex } from 'knex';

/** The single "method relevant" flag is replaced by the per-item annotation (carried over before this). */
export async function up(db: Knex): Promise<void> {
  await db.raw('alter table items drop column method_relevant');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('items', (t) => {
    t.boolean('method_relevant').notNullable().defaultTo(false);
  });
}
