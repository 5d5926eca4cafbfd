import type { Knex } from 'knex';

/**
 * HIS workstations registered for the HIS channel (/his/v1): the hospital each speaks for, its HMAC key
 * (kept, as a verifier must recompute the signature), and the web origins the decision page and the
 * browser SDK may answer to.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('his_clients', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.string('hospital_id', 64).notNullable().references('institutions.id');
    t.string('hmac_key', 128).notNullable();
    /** JSON: the origins of a browser-based HIS (postMessage target, SDK caller). */
    t.text('origins').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30);
  });
  /** What the HIS said of its orders beyond a decision: viewed, signed. */
  await db.schema.createTable('his_order_events', (t) => {
    t.string('prompt_id', 36).notNullable().references('prompts.id');
    t.string('event', 16).notNullable();
    t.string('at', 30).notNullable();
    t.string('doctor_id', 64);
    t.primary(['prompt_id', 'event']);
  });
  // A HIS writes back and reads decisions by its order id alone (the HIS sends no patient then).
  await db.schema.alterTable('prompts', (t) => t.index(['hospital_id', 'order_ref'], 'prompts_hospital_order_ref'));
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('prompts', (t) => t.dropIndex(['hospital_id', 'order_ref'], 'prompts_hospital_order_ref'));
  await db.schema.dropTable('his_order_events');
  await db.schema.dropTable('his_clients');
}
