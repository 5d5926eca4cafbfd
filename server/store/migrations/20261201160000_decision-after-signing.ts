import type { Knex } from 'knex';

/** A decision made in the app on an order already signed (e.g. while Huren was unreachable): it saved nothing. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('decisions', (t) => {
    t.boolean('after_signing').notNullable().defaultTo(false);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('decisions', (t) => {
    t.dropColumn('after_signing');
  });
}
