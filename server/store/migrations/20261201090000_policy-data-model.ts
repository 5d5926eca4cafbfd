import type { Knex } from 'knex';

/**
 * The policy texts as data (issue 9): windows carry their unit (calendar months for imaging), each item
 * says which annotation it needs (brand, method, both, none), what it contains (类似检查), its synonyms and
 * whether it is on the regional list; alliances are close or loose.
 */
export async function up(db: Knex): Promise<void> {
  await db.raw('alter table items rename column window_days to window_amount');
  await db.schema.alterTable('items', (t) => {
    t.string('window_unit', 8).notNullable().defaultTo('days');
    t.string('annotation', 8).notNullable().defaultTo('none');
    t.text('contains').notNullable().defaultTo('[]');
    t.text('synonyms').notNullable().defaultTo('[]');
    t.boolean('on_regional_list').notNullable().defaultTo(true);
  });
  await db.schema.alterTable('alliances', (t) => {
    t.string('kind', 8).notNullable().defaultTo('loose');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('alliances', (t) => t.dropColumn('kind'));
  await db.schema.alterTable('items', (t) => {
    for (const column of ['window_unit', 'annotation', 'contains', 'synonyms', 'on_regional_list'])
      t.dropColumn(column);
  });
  await db.raw('alter table items rename column window_amount to window_days');
}
