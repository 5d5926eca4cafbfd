import type { Knex } from 'knex';

/** A source's own PID-3 identifier type codes (CX-5) or authorities (CX-4) and what each stands for. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('result_sources', (t) => {
    t.text('identifier_types');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('result_sources', (t) => {
    t.dropColumn('identifier_types');
  });
}
