import type { Knex } from 'knex';

/**
 * The province's figures read a rollup rather than deriving every hospital's orders on each request
 * (issue 21 point 6: under 2 s at 5M prompts): per hospital, local day and item, how its external
 * orders ended, and which items it recognised. `order_day_changes` notes the hospital-days whose
 * prompts, decisions or unexplained repeats changed, in the writer's transaction; a refresh re-derives
 * just those days (server/store/order-tallies.ts). Every day already stored is noted here, so the
 * first refresh after this migration builds the rollup.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('order_day_tallies', (t) => {
    t.string('day', 10).notNullable();
    t.string('hospital_id', 64).notNullable();
    t.string('item_code', 64).notNullable();
    for (const column of ['orders', 'prompts', 'accepted', 'overridden', 'not_counted', 'no_decision', 'unexplained'])
      t.integer(column).notNullable();
    t.bigInteger('saving_fen').notNullable();
    t.primary(['day', 'hospital_id', 'item_code']);
    t.index(['hospital_id', 'day']);
  });
  await db.schema.createTable('order_day_recognitions', (t) => {
    t.string('day', 10).notNullable();
    t.string('hospital_id', 64).notNullable();
    t.string('item_code', 64).notNullable();
    t.primary(['day', 'hospital_id', 'item_code']);
    t.index(['hospital_id', 'day']);
  });
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
  for (const table of ['order_day_changes', 'order_day_recognitions', 'order_day_tallies'])
    await db.schema.dropTable(table);
}
