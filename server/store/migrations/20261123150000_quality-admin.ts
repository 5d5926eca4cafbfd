import type { Knex } from 'knex';

/** API tokens with roles, the versioned history of hospital rule overrides, and local order codes that mapped to nothing. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('api_tokens', (t) => {
    t.string('id', 36).primary();
    t.string('name', 200).notNullable();
    t.string('role', 16).notNullable();
    t.string('hospital_id', 64).references('institutions.id');
    t.string('token_hash', 64).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30);
  });

  await db.schema.createTable('hospital_override_history', (t) => {
    t.increments('id');
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.integer('version').notNullable();
    t.text('override').notNullable();
    t.text('before');
    t.string('action', 16).notNullable();
    t.string('updated_by', 200).notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['institution_id', 'version']);
  });

  await db.schema.createTable('unmapped_codes', (t) => {
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.string('system', 255).notNullable();
    t.string('code', 100).notNullable();
    t.string('display', 200);
    t.string('first_seen', 30).notNullable();
    t.string('last_seen', 30).notNullable();
    t.integer('seen').notNullable();
    t.primary(['institution_id', 'system', 'code']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('unmapped_codes');
  await db.schema.dropTableIfExists('hospital_override_history');
  await db.schema.dropTableIfExists('api_tokens');
}
