import type { Knex } from 'knex';

/** JWT ids seen from CDS clients, kept until the token expires, so a replayed token is refused. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('cds_jtis', (t) => {
    t.string('issuer', 255).notNullable();
    t.string('jti', 255).notNullable();
    t.string('expires_at', 30).notNullable().index();
    t.primary(['issuer', 'jti']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('cds_jtis');
}
