import type { HospitalOverride } from '../../rules';
import { hospitalOverrideSchema, type CodeMapping, type LocalTestSystem } from '../admin/schemas';
import type { Database } from './database';

/** A hospital's own configuration: local order codes, its own test systems, its rule override. */

export async function saveCodeMappings(db: Database, mappings: readonly CodeMapping[]): Promise<void> {
  for (const mapping of mappings) {
    await db('code_mappings')
      .insert({
        institution_id: mapping.institutionId,
        local_code: mapping.localCode,
        local_name: mapping.localName,
        item_code: mapping.itemCode,
      })
      .onConflict(['institution_id', 'local_code'])
      .merge();
  }
}

export async function loadCodeMappings(db: Database): Promise<CodeMapping[]> {
  const rows = await db<{ institution_id: string; local_code: string; local_name: string; item_code: string }>('code_mappings').select('*');
  return rows.map((row) => ({
    institutionId: row.institution_id,
    localCode: row.local_code,
    localName: row.local_name,
    itemCode: row.item_code,
  }));
}

export async function saveLocalTestSystems(db: Database, systems: readonly LocalTestSystem[]): Promise<void> {
  for (const system of systems) {
    await db('local_test_systems')
      .insert({ institution_id: system.institutionId, item_code: system.itemCode, method: system.method, brand: system.brand })
      .onConflict(['institution_id', 'item_code'])
      .merge();
  }
}

export async function loadLocalTestSystems(db: Database): Promise<LocalTestSystem[]> {
  const rows = await db<{ institution_id: string; item_code: string; method: string | null; brand: string | null }>('local_test_systems').select('*');
  return rows.map((row) => ({ institutionId: row.institution_id, itemCode: row.item_code, method: row.method, brand: row.brand }));
}

export async function saveOverride(db: Database, institutionId: string, override: HospitalOverride, by: string, now: Date): Promise<number> {
  return db.transaction(async (trx) => {
    const current = await trx<{ version: number }>('hospital_overrides').select('version').where('institution_id', institutionId).first();
    const version = current ? Number(current.version) + 1 : 1;
    const row = { override: JSON.stringify(override), version, updated_at: now.toISOString(), updated_by: by };
    if (current) await trx('hospital_overrides').where('institution_id', institutionId).update(row);
    else await trx('hospital_overrides').insert({ institution_id: institutionId, ...row });
    return version;
  });
}

export async function loadOverrides(db: Database): Promise<Map<string, HospitalOverride>> {
  const rows = await db<{ institution_id: string; override: string }>('hospital_overrides').select('institution_id', 'override');
  return new Map(rows.map((row) => [row.institution_id, hospitalOverrideSchema.parse(JSON.parse(row.override))]));
}
