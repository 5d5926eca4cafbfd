import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * An order's identity (`order_key`): hospital, patient, item, encounter (or the day without one) and
 * the EHR's draft id, hashed. Draft ids alone are not an identity: some EHRs reuse one for every new
 * draft. Existing order prompts get theirs computed here, the same way `orderKeyOf` does at runtime.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('prompts', (t) => {
    t.string('order_key', 64);
    t.index(['order_key']);
  });
  const rows = await db('prompts').whereNotNull('order_ref').whereNotNull('item_code').select<
    {
      id: string;
      hospital_id: string;
      patient_key: string;
      item_code: string;
      encounter_ref: string | null;
      order_ref: string;
      created_on: string;
    }[]
  >('id', 'hospital_id', 'patient_key', 'item_code', 'encounter_ref', 'order_ref', 'created_on');
  for (const row of rows) {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          row.hospital_id,
          row.patient_key,
          row.item_code,
          row.encounter_ref ?? `day:${row.created_on}`,
          row.order_ref,
        ]),
      )
      .digest('hex');
    await db('prompts').where('id', row.id).update({ order_key: key });
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('prompts', (t) => {
    t.dropIndex(['order_key']);
    t.dropColumn('order_key');
  });
}
