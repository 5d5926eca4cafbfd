import type { Knex } from 'knex';

/**
 * The province's figures read a rollup rather than deriving every hospital's orders on each request
 * (issue 21 point 6: under 2 s at 5M prompts): per hospital, local day and item, how its external
 * orders ended, and which items it recognised; the same summed per month, so that a period of whole
 * months reads one row per hospital and item a month. `order_day_changes` notes the hospital-days whose
 * prompts, decisions or unexplained repeats changed, in the writer's transaction; a refresh re-derives
 * just those days (server/store/order-tallies.ts). Every day already stored is noted here, so the
 * first refresh after this migration builds the rollup.
 */
export async function up(db: Knex): Promise<void> {
  for (const [period, length] of [
    ['day', 10],
    ['month', 7],
  ] as const) {
    await db.schema.createTable(`order_${period}_tallies`, (t) => {
      t.string(period, length).notNullable();
      t.string('hospital_id', 64).notNullable();
      t.string('item_code', 64).notNullable();
      for (const column of ['orders', 'prompts', 'accepted', 'overridden', 'not_counted', 'no_decision', 'unexplained'])
        t.integer(column).notNullable();
      t.bigInteger('saving_fen').notNullable();
      t.primary([period, 'hospital_id', 'item_code']);
      t.index(['hospital_id', period]);
    });
    await db.schema.createTable(`order_${period}_recognitions`, (t) => {
      t.string(period, length).notNullable();
      t.string('hospital_id', 64).notNullable();
      t.string('item_code', 64).notNullable();
      t.primary([period, 'hospital_id', 'item_code']);
      t.index(['hospital_id', period]);
    });
  }
  await db.schema.createTable('order_day_changes', (t) => {
    t.bigIncrements('id');
    t.string('hospital_id', 64).notNullable();
    t.string('day', 10).notNullable();
    t.index(['hospital_id', 'id']);
  });
  await db.raw(
    'INSERT INTO order_day_changes (hospital_id, day) SELECT DISTINCT hospital_id, created_on FROM prompts ORDER BY hospital_id, created_on',
  );
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'order_day_changes',
    'order_month_recognitions',
    'order_month_tallies',
    'order_day_recognitions',
    'order_day_tallies',
  ])
    await db.schema.dropTable(table);
}
