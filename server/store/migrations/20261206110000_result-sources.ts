import type { Knex } from 'knex';

/**
 * Result sources (a hospital's LIS or PACS, or a platform) that send reports in their own formats, the
 * messages each has sent (so a repeat is answered, not stored twice), and the quarantine of messages
 * that could not be read or mapped, kept raw with the reason until they are replayed.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('result_sources', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.string('format', 16).notNullable();
    /** JSON: the institutions the source may file reports for. */
    t.text('institutions').notNullable();
    /** JSON: sending-facility codes (MSH-4) → institution ids. */
    t.text('facilities');
    t.string('charset', 32).notNullable();
    t.string('local_code_system', 255);
    t.string('token_hash', 64).unique();
    /** JSON: the peer addresses an MLLP connection may come from. */
    t.text('peers');
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30);
  });
  await db.schema.createTable('received_messages', (t) => {
    t.string('source_id', 64).notNullable().references('result_sources.id');
    t.string('control_id', 200).notNullable();
    t.string('received_at', 30).notNullable();
    t.string('outcome', 16).notNullable();
    t.primary(['source_id', 'control_id']);
    t.index(['source_id', 'received_at']);
  });
  await db.schema.createTable('quarantine', (t) => {
    t.increments('id').primary();
    t.string('source_id', 64).notNullable().references('result_sources.id');
    t.string('received_at', 30).notNullable();
    t.string('format', 16).notNullable();
    t.string('control_id', 200);
    t.text('reason').notNullable();
    t.text('raw').notNullable();
    t.string('replayed_at', 30);
    t.index(['source_id', 'id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('quarantine');
  await db.schema.dropTable('received_messages');
  await db.schema.dropTable('result_sources');
}
