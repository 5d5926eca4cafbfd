import type { Knex } from 'knex';

/**
 * The first schema. Times are ISO-8601 UTC strings and JSON is text, so SQLite and PostgreSQL
 * return the same values; `*_on` columns hold the local calendar day for grouping.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('regions', (t) => {
    t.string('code', 32).primary();
    t.string('name', 100).notNullable();
    t.text('policy').notNullable();
  });

  await db.schema.createTable('institutions', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
    t.integer('level').notNullable();
    t.string('grade', 8);
    t.string('region', 32).notNullable().references('regions.code');
    t.string('local_code_system', 255);
    t.string('created_at', 30).notNullable();
  });

  await db.schema.createTable('alliances', (t) => {
    t.string('id', 64).primary();
    t.string('name', 200).notNullable();
  });

  await db.schema.createTable('alliance_members', (t) => {
    t.string('alliance_id', 64).notNullable().references('alliances.id');
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.primary(['alliance_id', 'institution_id']);
  });

  await db.schema.createTable('qualifications', (t) => {
    t.increments('id');
    t.string('institution_id', 64).notNullable().references('institutions.id').index();
    t.string('scope_kind', 16).notNullable();
    t.string('scope_code', 64).notNullable();
    t.string('kind', 32).notNullable();
    t.boolean('passed').notNullable();
    t.string('valid_from', 10).notNullable();
    t.string('valid_until', 10).notNullable();
    t.string('withdrawn_on', 10);
  });

  await db.schema.createTable('items', (t) => {
    t.string('code', 64).primary();
    t.string('name_zh', 200).notNullable();
    t.string('name_en', 200).notNullable();
    t.string('kind', 16).notNullable();
    t.string('discipline', 32).notNullable();
    t.string('modality', 8);
    t.string('body_site', 64);
    t.integer('window_days').notNullable();
    t.boolean('method_relevant').notNullable();
    t.string('loinc', 32).index();
    t.integer('price_fen').notNullable();
    t.boolean('active').notNullable();
  });

  await db.schema.createTable('code_mappings', (t) => {
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.string('local_code', 64).notNullable();
    t.string('local_name', 200).notNullable();
    t.string('item_code', 64).notNullable().references('items.code');
    t.primary(['institution_id', 'local_code']);
  });

  await db.schema.createTable('local_test_systems', (t) => {
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.string('item_code', 64).notNullable().references('items.code');
    t.string('method', 100);
    t.string('brand', 100);
    t.primary(['institution_id', 'item_code']);
  });

  await db.schema.createTable('hospital_overrides', (t) => {
    t.string('institution_id', 64).primary().references('institutions.id');
    t.text('override').notNullable();
    t.integer('version').notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('updated_by', 200).notNullable();
  });

  await db.schema.createTable('cds_clients', (t) => {
    t.string('issuer', 255).primary();
    t.string('hospital_id', 64).notNullable().references('institutions.id');
    t.text('jwks');
    t.text('jku_allowlist').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('revoked_at', 30);
  });

  await db.schema.createTable('results', (t) => {
    t.string('id', 36).primary();
    t.string('patient_key', 64).notNullable();
    t.string('item_code', 64).notNullable().references('items.code');
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.string('report_key', 400).notNullable();
    t.string('status', 20).notNullable();
    t.string('effective_at', 30).notNullable();
    t.string('issued_at', 30);
    t.string('mark', 64);
    t.string('method', 100);
    t.string('brand', 100);
    t.text('report').notNullable();
    t.integer('version').notNullable();
    t.string('ingested_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['institution_id', 'report_key']);
    t.index(['patient_key', 'item_code']);
  });

  await db.schema.createTable('prompts', (t) => {
    t.string('id', 36).primary();
    t.string('service_id', 64).notNullable();
    t.string('hook_instance', 100).notNullable();
    t.string('hospital_id', 64).notNullable().references('institutions.id');
    t.string('user_ref', 200).notNullable();
    t.string('practitioner_name', 200);
    t.string('department_code', 64);
    t.string('department_name', 200);
    t.string('encounter_ref', 200);
    t.string('encounter_kind', 16).notNullable();
    t.string('patient_key', 64).notNullable();
    t.string('order_ref', 200);
    t.string('item_code', 64);
    t.string('presentation', 16).notNullable();
    t.text('candidates').notNullable();
    t.string('created_at', 30).notNullable();
    t.string('created_on', 10).notNullable();
    t.index(['hospital_id', 'created_on']);
    t.index(['hospital_id', 'patient_key', 'order_ref']);
  });

  await db.schema.createTable('decisions', (t) => {
    t.string('prompt_id', 36).primary().references('prompts.id');
    t.string('hospital_id', 64).notNullable().references('institutions.id');
    t.string('outcome', 16).notNullable();
    t.string('result_id', 36);
    t.string('reason_system', 255);
    t.string('reason_code', 64);
    t.string('reason_display', 200);
    t.text('explanation');
    t.text('notification');
    t.string('practitioner_ref', 200);
    t.string('source', 16).notNullable();
    t.boolean('complete').notNullable();
    t.integer('version').notNullable();
    t.string('decided_at', 30).notNullable();
    t.string('recorded_at', 30).notNullable();
    t.string('decided_on', 10).notNullable();
    t.index(['hospital_id', 'decided_on']);
  });

  await db.schema.createTable('decision_history', (t) => {
    t.increments('id');
    t.string('prompt_id', 36).notNullable().references('prompts.id').index();
    t.integer('version').notNullable();
    t.text('snapshot').notNullable();
    t.string('recorded_at', 30).notNullable();
    t.unique(['prompt_id', 'version']);
  });

  await db.schema.createTable('unexplained_repeats', (t) => {
    t.string('prompt_id', 36).primary().references('prompts.id');
    t.string('hospital_id', 64).notNullable().references('institutions.id');
    t.string('hook_instance', 100).notNullable();
    t.string('logged_at', 30).notNullable();
    t.string('logged_on', 10).notNullable();
    t.index(['hospital_id', 'logged_on']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'unexplained_repeats',
    'decision_history',
    'decisions',
    'prompts',
    'results',
    'cds_clients',
    'hospital_overrides',
    'local_test_systems',
    'code_mappings',
    'items',
    'qualifications',
    'alliance_members',
    'alliances',
    'institutions',
    'regions',
  ]) {
    await db.schema.dropTableIfExists(table);
  }
}
