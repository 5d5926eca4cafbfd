import type { Qualification, RegionPolicy } from '../../rules';
import { storedRegionPolicy, type Alliance, type CdsClient, type InstitutionRecord } from './stored-records';
import type { z } from 'zod';
import type { storedQualificationSchema } from '../contract/platform';
import { bool, type Database } from './database';
import { referenceChanged } from './reference-version';

/** Regions, institutions, alliances, qualifications and CDS client registrations (the platform's registry). */

export async function saveRegion(db: Database, policy: RegionPolicy): Promise<void> {
  await referenceChanged(db);
  await db('regions')
    .insert({ code: policy.code, name: policy.name, policy: JSON.stringify(policy) })
    .onConflict('code')
    .merge();
}

export async function loadRegions(db: Database): Promise<RegionPolicy[]> {
  const rows = await db<{ code: string; policy: string }>('regions').select('code', 'policy');
  return rows.map((row) => storedRegionPolicy.parse(JSON.parse(row.policy)));
}

export async function loadAlliances(db: Database): Promise<Alliance[]> {
  return db<Alliance>('alliances').select('id', 'name', 'kind').orderBy('id');
}

export async function saveAlliance(db: Database, alliance: Alliance): Promise<void> {
  await referenceChanged(db);
  await db('alliances').insert(alliance).onConflict('id').merge();
}

export async function saveInstitution(db: Database, institution: InstitutionRecord, now: Date): Promise<void> {
  await referenceChanged(db);
  await db.transaction(async (trx) => {
    await trx('institutions')
      .insert({
        id: institution.id,
        name: institution.name,
        level: institution.level,
        grade: institution.grade,
        region: institution.region,
        local_code_systems: JSON.stringify(institution.localCodeSystems),
        created_at: now.toISOString(),
      })
      .onConflict('id')
      .merge(['name', 'level', 'grade', 'region', 'local_code_systems']);
    await trx('alliance_members').where('institution_id', institution.id).delete();
    for (const allianceId of institution.alliances) {
      await trx('alliance_members').insert({ alliance_id: allianceId, institution_id: institution.id });
    }
  });
}

interface InstitutionRow {
  id: string;
  name: string;
  level: number;
  grade: string | null;
  region: string;
  local_code_systems: string;
}

export async function loadInstitutions(db: Database): Promise<InstitutionRecord[]> {
  const [rows, members] = await Promise.all([
    db<InstitutionRow>('institutions').select('id', 'name', 'level', 'grade', 'region', 'local_code_systems'),
    db<{ alliance_id: string; institution_id: string }>('alliance_members').select('alliance_id', 'institution_id'),
  ]);
  const alliancesOf = new Map<string, string[]>();
  for (const member of members) {
    alliancesOf.set(member.institution_id, [...(alliancesOf.get(member.institution_id) ?? []), member.alliance_id]);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    level: Number(row.level) as 1 | 2 | 3,
    grade: row.grade,
    region: row.region,
    alliances: (alliancesOf.get(row.id) ?? []).sort(),
    localCodeSystems: JSON.parse(row.local_code_systems) as string[],
  }));
}

export async function saveQualification(db: Database, qualification: Qualification): Promise<number> {
  await referenceChanged(db);
  const [row] = await db('qualifications')
    .insert({
      institution_id: qualification.institutionId,
      scope_kind: qualification.scope.kind,
      scope_code: qualification.scope.kind === 'item' ? qualification.scope.itemCode : qualification.scope.discipline,
      kind: qualification.kind,
      passed: qualification.passed,
      valid_from: qualification.validFrom,
      valid_until: qualification.validUntil,
      withdrawn_on: qualification.withdrawnOn,
    })
    .returning<{ id: number }[]>('id');
  return Number(row?.id);
}

interface QualificationRow {
  institution_id: string;
  scope_kind: 'item' | 'discipline';
  scope_code: string;
  kind: Qualification['kind'];
  passed: boolean | number;
  valid_from: string;
  valid_until: string;
  withdrawn_on: string | null;
}

function toQualification(row: QualificationRow): Qualification {
  return {
    institutionId: row.institution_id,
    scope:
      row.scope_kind === 'item'
        ? { kind: 'item', itemCode: row.scope_code }
        : {
            kind: 'discipline',
            discipline: row.scope_code as Extract<Qualification['scope'], { kind: 'discipline' }>['discipline'],
          },
    kind: row.kind,
    passed: bool(row.passed),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    withdrawnOn: row.withdrawn_on,
  };
}

export async function loadQualifications(db: Database): Promise<Qualification[]> {
  return (await db<QualificationRow>('qualifications').select('*')).map(toQualification);
}

export async function saveClient(db: Database, client: CdsClient, now: Date): Promise<void> {
  await db('cds_clients')
    .insert({
      issuer: client.issuer,
      hospital_id: client.hospitalId,
      jwks: client.jwks ? JSON.stringify(client.jwks) : null,
      jku_allowlist: JSON.stringify(client.jkuAllowlist),
      fhir_servers: client.fhirServers ? JSON.stringify(client.fhirServers) : null,
      cors_origins: JSON.stringify(client.corsOrigins),
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .onConflict('issuer')
    .merge(['hospital_id', 'jwks', 'jku_allowlist', 'fhir_servers', 'cors_origins', 'revoked_at']);
}

interface ClientRow {
  issuer: string;
  hospital_id: string;
  jwks: string | null;
  jku_allowlist: string;
  fhir_servers: string | null;
  cors_origins: string | null;
  revoked_at: string | null;
  created_at: string;
}

function toClient(row: ClientRow): RegisteredClient {
  return {
    issuer: row.issuer,
    hospitalId: row.hospital_id,
    jwks: row.jwks ? (JSON.parse(row.jwks) as CdsClient['jwks']) : null,
    jkuAllowlist: JSON.parse(row.jku_allowlist) as string[],
    ...(row.fhir_servers ? { fhirServers: JSON.parse(row.fhir_servers) as string[] } : {}),
    corsOrigins: row.cors_origins ? (JSON.parse(row.cors_origins) as string[]) : [],
    revoked: row.revoked_at !== null,
  };
}

export interface RegisteredClient extends CdsClient {
  readonly revoked: boolean;
}

export async function findClient(db: Database, issuer: string): Promise<RegisteredClient | null> {
  const row = await db<ClientRow>('cds_clients').where('issuer', issuer).first();
  return row ? toClient(row) : null;
}

/** The web origins some client in force registered: a browser's preflight names no client yet. */
export async function registeredCorsOrigins(db: Database): Promise<Set<string>> {
  const rows: string[] = await db('cds_clients')
    .whereNull('revoked_at')
    .whereNotNull('cors_origins')
    .pluck('cors_origins');
  return new Set(rows.flatMap((origins) => JSON.parse(origins) as string[]));
}

/** A store with no institutions has never been set up (the demo seed runs only then). */
export async function isEmpty(db: Database): Promise<boolean> {
  const row = await db('institutions').first('id');
  return row === undefined;
}

export type StoredQualification = z.infer<typeof storedQualificationSchema>;

export async function findQualification(db: Database, id: number): Promise<StoredQualification | null> {
  const row = await db<QualificationRow & { id: number }>('qualifications').where('id', id).first();
  return row ? { id: Number(row.id), ...toQualification(row) } : null;
}

export async function listQualifications(db: Database, institutionId?: string): Promise<StoredQualification[]> {
  const query = db<QualificationRow & { id: number }>('qualifications').select('*').orderBy('id');
  if (institutionId) void query.where('institution_id', institutionId);
  return (await query).map((row) => ({ id: Number(row.id), ...toQualification(row) }));
}

/** A qualification is identified by institution, scope, kind and start: importing it again replaces it. */
export async function upsertQualification(db: Database, qualification: Qualification): Promise<number> {
  await referenceChanged(db);
  await db('qualifications')
    .where({
      institution_id: qualification.institutionId,
      scope_kind: qualification.scope.kind,
      scope_code: qualification.scope.kind === 'item' ? qualification.scope.itemCode : qualification.scope.discipline,
      kind: qualification.kind,
      valid_from: qualification.validFrom,
    })
    .delete();
  return saveQualification(db, qualification);
}

export async function withdrawQualification(db: Database, id: number, withdrawnOn: string): Promise<boolean> {
  await referenceChanged(db);
  return (await db('qualifications').where('id', id).update({ withdrawn_on: withdrawnOn })) > 0;
}

export async function listClients(db: Database): Promise<(RegisteredClient & { createdAt: string })[]> {
  const rows = await db<ClientRow>('cds_clients').orderBy('issuer');
  return rows.map((row) => ({ ...toClient(row), createdAt: row.created_at }));
}

export async function revokeClient(db: Database, issuer: string, now: Date): Promise<boolean> {
  return (
    (await db('cds_clients')
      .where('issuer', issuer)
      .whereNull('revoked_at')
      .update({ revoked_at: now.toISOString() })) > 0
  );
}

const KEY_OF = {
  region: ['regions', 'code'],
  alliance: ['alliances', 'id'],
  institution: ['institutions', 'id'],
  item: ['items', 'code'],
} as const;

/** Whether a region, alliance, institution or catalog item with this key is registered. */
export async function isRegistered(db: Database, kind: keyof typeof KEY_OF, key: string): Promise<boolean> {
  const [table, column] = KEY_OF[kind];
  return (await db(table).where(column, key).first(column)) !== undefined;
}

/** An institution's stored results since an instant (entered-in-error ones aside): item and time only. */
export async function resultTimesOfInstitution(
  db: Database,
  institutionId: string,
  since: string,
): Promise<{ readonly itemCode: string; readonly effectiveAt: string }[]> {
  const rows = await db('results')
    .where('institution_id', institutionId)
    .andWhere('effective_at', '>=', since)
    .andWhereNot('status', 'entered-in-error')
    .select({ itemCode: 'item_code', effectiveAt: 'effective_at' });
  return rows as { itemCode: string; effectiveAt: string }[];
}
