import type { Knex } from 'knex';

/**
 * The web origins a browser-based EHR calls /cds-services from, per registered client (JSON array):
 * issue 21 point 5. CDS_CORS_ORIGINS stays as the operator's list for every client.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('cds_clients', (t) => {
    t.text('cors_origins');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('cds_clients', (t) => {
    t.dropColumn('cors_origins');
  });
}
