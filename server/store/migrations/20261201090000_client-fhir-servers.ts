import type { Knex } from 'knex';

/** The FHIR base URLs a CDS client may name as `fhirServer` (JSON array); null: none listed. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('cds_clients', (t) => {
    t.text('fhir_servers');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('cds_clients', (t) => {
    t.dropColumn('fhir_servers');
  });
}
