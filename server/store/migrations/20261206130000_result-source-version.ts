import type { Knex } from 'knex';

/**
 * The version a source gave a report (a CDA versionNumber, an HL7 message time, a FHIR meta.versionId):
 * a version that arrives after a later one no longer overwrites it.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('results', (t) => {
    t.string('source_version', 40);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('results', (t) => {
    t.dropColumn('source_version');
  });
}
