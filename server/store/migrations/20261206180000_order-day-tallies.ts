import type { Knex } from 'knex';

/**
 * The province's figures read a rollup rather than deriving every hospital's orders on each request
 * (issue 21 point 6: under 2 s at 5M prompts): per hospital, local day and item, how its external
 * orders ended, and which items it recognised; the same summed per month, so that a period of whole
 * months reads one row per hospital and item a month. `order_day_changes` notes the hospital-days whose
 * prompts, decisions or unexplained repeats changed: by triggers, in the statement that changes them,
 * so no writer can forget and the hook's write stays one statement (one commit); a refresh re-derives
 * just those days (server/store/order-tallies.ts). Every day already stored is noted here, so the
 * first refresh after this migration builds the rollup.
 */

/** What each trigger notes: the day of the prompt written, taken back, decided on or logged unexplained. */
const NOTES = [
  { name: 'prompts_noted_insert', table: 'prompts', event: 'INSERT', note: 'VALUES (NEW.hospital_id, NEW.created_on)' },
  { name: 'prompts_noted_delete', table: 'prompts', event: 'DELETE', note: 'VALUES (OLD.hospital_id, OLD.created_on)' },
  { name: 'prompts_noted_update', table: 'prompts', event: 'UPDATE', note: 'VALUES (NEW.hospital_id, NEW.created_on)' },
  ...['INSERT', 'UPDATE'].map((event) => ({
    name: `decisions_noted_${event.toLowerCase()}`,
    table: 'decisions',
    event,
    note: 'SELECT p.hospital_id, p.created_on FROM prompts p WHERE p.id = NEW.prompt_id',
  })),
  {
    name: 'unexplained_noted_insert',
    table: 'unexplained_repeats',
    event: 'INSERT',
    note: 'SELECT p.hospital_id, p.created_on FROM prompts p WHERE p.id = NEW.prompt_id',
  },
] as const;

async function createNoteTriggers(db: Knex): Promise<void> {
  const pg = db.client.config.client === 'pg';
  for (const { name, table, event, note } of NOTES) {
    const insert = `INSERT INTO order_day_changes (hospital_id, day) ${note}`;
    if (!pg) {
      await db.raw(`CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW BEGIN ${insert}; END`);
      continue;
    }
    // A prompt moved to another day (UPDATE) also leaves its old day to re-derive.
    const old =
      event === 'UPDATE' && table === 'prompts'
        ? 'INSERT INTO order_day_changes (hospital_id, day) VALUES (OLD.hospital_id, OLD.created_on);'
        : '';
    await db.raw(
      `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN ${old} ${insert}; RETURN NULL; END $$ LANGUAGE plpgsql`,
    );
    await db.raw(`CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  }
  if (!pg)
    await db.raw(
      'CREATE TRIGGER prompts_noted_update_old AFTER UPDATE ON prompts FOR EACH ROW BEGIN INSERT INTO order_day_changes (hospital_id, day) VALUES (OLD.hospital_id, OLD.created_on); END',
    );
}

async function dropNoteTriggers(db: Knex): Promise<void> {
  const pg = db.client.config.client === 'pg';
  for (const { name, table } of NOTES) {
    if (pg) {
      await db.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
      await db.raw(`DROP FUNCTION IF EXISTS ${name}()`);
    } else await db.raw(`DROP TRIGGER IF EXISTS ${name}`);
  }
  if (!pg) await db.raw('DROP TRIGGER IF EXISTS prompts_noted_update_old');
}
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
  await createNoteTriggers(db);
}

export async function down(db: Knex): Promise<void> {
  await dropNoteTriggers(db);
  for (const table of [
    'order_day_changes',
    'order_month_recognitions',
    'order_month_tallies',
    'order_day_recognitions',
    'order_day_tallies',
  ])
    await db.schema.dropTable(table);
}
