import type { Knex } from 'knex';

/**
 * A hospital has several local code systems (LIS item codes, RIS exam codes, sometimes CPT), each
 * with its own mappings (issue 23 point 15). The institution's one system becomes a list, and every
 * mapping names its system; the mappings already made keep the system their hospital had.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('institutions', (t) => {
    t.text('local_code_systems').notNullable().defaultTo('[]');
  });
  const institutions = await db('institutions').select<{ id: string; local_code_system: string | null }[]>(
    'id',
    'local_code_system',
  );
  for (const institution of institutions.filter((row) => row.local_code_system))
    await db('institutions')
      .where('id', institution.id)
      .update({ local_code_systems: JSON.stringify([institution.local_code_system]) });

  await db.schema.createTable('local_code_mappings', (t) => {
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.string('code_system', 255).notNullable();
    t.string('local_code', 64).notNullable();
    t.string('local_name', 200).notNullable();
    t.string('item_code', 64).notNullable().references('items.code');
    t.primary(['institution_id', 'code_system', 'local_code']);
  });
  // A mapping of a hospital that named no system was read as of whatever system its reports carried:
  // it is kept under a system named for the hospital, which its administrator can rename by upload.
  const mappings = await db('code_mappings as m')
    .join('institutions as i', 'i.id', 'm.institution_id')
    .select<
      { institution_id: string; local_code: string; local_name: string; item_code: string; system: string | null }[]
    >('m.institution_id', 'm.local_code', 'm.local_name', 'm.item_code', 'i.local_code_system as system');
  for (let start = 0; start < mappings.length; start += 100)
    await db('local_code_mappings').insert(
      mappings.slice(start, start + 100).map((row) => ({
        institution_id: row.institution_id,
        code_system: row.system ?? `urn:huren:local-codes:${row.institution_id}`,
        local_code: row.local_code,
        local_name: row.local_name,
        item_code: row.item_code,
      })),
    );
  const unnamed = [...new Set(mappings.filter((row) => !row.system).map((row) => row.institution_id))];
  for (const id of unnamed)
    await db('institutions')
      .where('id', id)
      .update({ local_code_systems: JSON.stringify([`urn:huren:local-codes:${id}`]) });
  await db.schema.dropTable('code_mappings');
  // Dropped in place (SQLite 3.35+ and PostgreSQL): a rebuilt institutions table would fight the
  // foreign keys that point at it.
  await db.raw('ALTER TABLE institutions DROP COLUMN local_code_system');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('institutions', (t) => {
    t.string('local_code_system', 255);
  });
  await db.schema.createTable('code_mappings', (t) => {
    t.string('institution_id', 64).notNullable().references('institutions.id');
    t.string('local_code', 64).notNullable();
    t.string('local_name', 200).notNullable();
    t.string('item_code', 64).notNullable().references('items.code');
    t.primary(['institution_id', 'local_code']);
  });
  await db.schema.dropTable('local_code_mappings');
  await db.raw('ALTER TABLE institutions DROP COLUMN local_code_systems');
}
