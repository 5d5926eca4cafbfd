import type { Knex } from 'knex';

/**
 * The access log is read newest first (by id) within one hospital, optionally for one endpoint: with
 * only (hospital_id, at), a hospital's page sorted its whole log. These serve the page from the index.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('access_log', (t) => {
    t.index(['hospital_id', 'id'], 'access_log_hospital_newest');
    t.index(['hospital_id', 'endpoint', 'id'], 'access_log_hospital_endpoint_newest');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('access_log', (t) => {
    t.dropIndex(['hospital_id', 'id'], 'access_log_hospital_newest');
    t.dropIndex(['hospital_id', 'endpoint', 'id'], 'access_log_hospital_endpoint_newest');
  });
}
