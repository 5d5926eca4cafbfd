import { NO_OVERRIDE, type HospitalOverride } from '../../rules';
import { storedHospitalOverride, type CodeMapping, type LocalTestSystem } from './stored-records';
import type { OverrideHistory, UnmappedCodes } from '../contract/admin-responses';
import type { Database } from './database';
import { referenceChanged } from './reference-version';

/** A hospital's own configuration: local order codes, its own test systems, its rule override. */

/** Rows written per statement: a whole hospital's table is a few hundred statements, not 100 thousand. */
const MAPPINGS_PER_STATEMENT = 500;

export async function saveCodeMappings(db: Database, mappings: readonly CodeMapping[]): Promise<void> {
  await referenceChanged(db);
  for (let start = 0; start < mappings.length; start += MAPPINGS_PER_STATEMENT) {
    await db('local_code_mappings')
      .insert(
        mappings.slice(start, start + MAPPINGS_PER_STATEMENT).map((mapping) => ({
          institution_id: mapping.institutionId,
          code_system: mapping.system,
          local_code: mapping.localCode,
          local_name: mapping.localName,
          item_code: mapping.itemCode,
        })),
      )
      .onConflict(['institution_id', 'code_system', 'local_code'])
      .merge();
  }
}

export async function loadCodeMappings(db: Database, institutionId?: string): Promise<CodeMapping[]> {
  const query = db<{
    institution_id: string;
    code_system: string;
    local_code: string;
    local_name: string;
    item_code: string;
  }>('local_code_mappings')
    .select('*')
    .orderBy(['code_system', 'local_code']);
  if (institutionId) void query.where('institution_id', institutionId);
  const rows = await query;
  return rows.map((row) => ({
    institutionId: row.institution_id,
    system: row.code_system,
    localCode: row.local_code,
    localName: row.local_name,
    itemCode: row.item_code,
  }));
}

export async function saveLocalTestSystems(db: Database, systems: readonly LocalTestSystem[]): Promise<void> {
  await referenceChanged(db);
  for (const system of systems) {
    await db('local_test_systems')
      .insert({
        institution_id: system.institutionId,
        item_code: system.itemCode,
        method: system.method,
        brand: system.brand,
      })
      .onConflict(['institution_id', 'item_code'])
      .merge();
  }
}

export async function loadLocalTestSystems(db: Database): Promise<LocalTestSystem[]> {
  const rows = await db<{ institution_id: string; item_code: string; method: string | null; brand: string | null }>(
    'local_test_systems',
  ).select('*');
  return rows.map((row) => ({
    institutionId: row.institution_id,
    itemCode: row.item_code,
    method: row.method,
    brand: row.brand,
  }));
}

/** One saved version; `before` is the override it replaced (null for the first). */
export type OverrideVersion = OverrideHistory[number];

/**
 * Saves a hospital's override as a new version, keeping the one it replaces in the history, so
 * every change can be read back (who, when, before, after) and rolled back.
 */
export async function saveOverride(
  db: Database,
  institutionId: string,
  override: HospitalOverride,
  by: string,
  now: Date,
  action: OverrideVersion['action'] = 'save',
): Promise<number> {
  await referenceChanged(db);
  return db.transaction(async (trx) => {
    // Locks the hospital's row on PostgreSQL so two saves cannot take the same version.
    const current = await trx<{ version: number; override: string }>('hospital_overrides')
      .select('version', 'override')
      .where('institution_id', institutionId)
      .forUpdate()
      .first();
    const version = current ? Number(current.version) + 1 : 1;
    const row = { override: JSON.stringify(override), version, updated_at: now.toISOString(), updated_by: by };
    if (current) await trx('hospital_overrides').where('institution_id', institutionId).update(row);
    else await trx('hospital_overrides').insert({ institution_id: institutionId, ...row });
    await trx('hospital_override_history').insert({
      institution_id: institutionId,
      version,
      override: row.override,
      before: current?.override ?? null,
      action,
      updated_by: by,
      updated_at: row.updated_at,
    });
    return version;
  });
}

export async function overrideHistory(db: Database, institutionId: string): Promise<OverrideVersion[]> {
  const rows = await db<{
    version: number;
    override: string;
    before: string | null;
    action: OverrideVersion['action'];
    updated_by: string;
    updated_at: string;
  }>('hospital_override_history')
    .where('institution_id', institutionId)
    .orderBy('version');
  return rows.map((row) => ({
    version: Number(row.version),
    override: storedHospitalOverride.parse(JSON.parse(row.override)),
    before: row.before ? storedHospitalOverride.parse(JSON.parse(row.before)) : null,
    action: row.action,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  }));
}

export async function currentOverride(
  db: Database,
  institutionId: string,
): Promise<{ override: HospitalOverride; version: number; updatedBy: string | null; updatedAt: string | null }> {
  const row = await db<{ override: string; version: number; updated_by: string; updated_at: string }>(
    'hospital_overrides',
  )
    .where('institution_id', institutionId)
    .first();
  if (!row) return { override: NO_OVERRIDE, version: 0, updatedBy: null, updatedAt: null };
  return {
    override: storedHospitalOverride.parse(JSON.parse(row.override)),
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** A hospital's mappings of the given code systems (an upload that replaces one system keeps the others). */
export async function deleteCodeMappings(
  db: Database,
  institutionId: string,
  systems: readonly string[],
): Promise<void> {
  await referenceChanged(db);
  await db('local_code_mappings').where('institution_id', institutionId).whereIn('code_system', systems).delete();
}

export type UnmappedCode = UnmappedCodes[number];

export async function recordUnmappedCodes(
  db: Database,
  sightings: readonly {
    institutionId: string;
    system: string;
    code: string;
    display: string | null;
    seen: number;
    at: string;
  }[],
): Promise<void> {
  for (const sighting of sightings) {
    await db('unmapped_codes')
      .insert({
        institution_id: sighting.institutionId,
        system: sighting.system,
        code: sighting.code,
        display: sighting.display,
        first_seen: sighting.at,
        last_seen: sighting.at,
        seen: sighting.seen,
      })
      .onConflict(['institution_id', 'system', 'code'])
      .merge({
        last_seen: sighting.at,
        display: sighting.display,
        seen: db.raw('?? + ?', ['unmapped_codes.seen', sighting.seen]),
      });
  }
}

/** Order codes seen since `since` that map to no catalog item and still have no mapping. */
export async function unmappedCodes(db: Database, institutionId: string, since: string): Promise<UnmappedCode[]> {
  const rows = await db('unmapped_codes as u')
    .leftJoin('local_code_mappings as m', function join() {
      this.on('m.institution_id', 'u.institution_id')
        .andOn('m.code_system', 'u.system')
        .andOn('m.local_code', 'u.code');
    })
    .where('u.institution_id', institutionId)
    .andWhere('u.last_seen', '>=', since)
    .whereNull('m.local_code')
    .orderBy('u.seen', 'desc')
    .select<
      { system: string; code: string; display: string | null; first_seen: string; last_seen: string; seen: number }[]
    >('u.system', 'u.code', 'u.display', 'u.first_seen', 'u.last_seen', 'u.seen');
  return rows.map((row) => ({
    system: row.system,
    code: row.code,
    display: row.display,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    seen: Number(row.seen),
  }));
}

export async function loadOverrides(db: Database): Promise<Map<string, HospitalOverride>> {
  const rows = await db<{ institution_id: string; override: string }>('hospital_overrides').select(
    'institution_id',
    'override',
  );
  return new Map(rows.map((row) => [row.institution_id, storedHospitalOverride.parse(JSON.parse(row.override))]));
}
