import {
  effectiveConfiguration,
  NO_OVERRIDE,
  type EffectiveConfiguration,
  type HospitalOverride,
  type Institution,
  type Qualification,
  type RecognitionItem,
  type RegionPolicy,
  type TestSystem,
} from '../../rules';
import type { InstitutionRecord } from './stored-records';
import { loadCatalog } from './catalog';
import type { Database } from './database';
import { loadCodeMappings, loadLocalTestSystems, loadOverrides } from './hospital-config';
import { loadAlliances, loadInstitutions, loadQualifications, loadRegions } from './registry';
import { referenceVersion } from './reference-version';

/**
 * The slowly changing data every hook call needs (catalog, institutions, qualifications, policies,
 * mappings, overrides), held in memory. Writes through this process invalidate it at once; other
 * instances behind a load balancer pick changes up within the refresh interval.
 */
export interface ReferenceData {
  readonly catalog: ReadonlyMap<string, RecognitionItem>;
  readonly itemsByLoinc: ReadonlyMap<string, RecognitionItem>;
  readonly regions: ReadonlyMap<string, RegionPolicy>;
  readonly institutions: ReadonlyMap<string, InstitutionRecord>;
  /** The institutions as the rules see them (with their close alliances). */
  readonly ruleInstitutions: ReadonlyMap<string, Institution>;
  readonly qualifications: readonly Qualification[];
  readonly qualificationsByInstitution: ReadonlyMap<string, readonly Qualification[]>;
  /** institution → local code system → local code → catalog item code */
  readonly codeMappings: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>;
  readonly localTestSystems: ReadonlyMap<string, ReadonlyMap<string, TestSystem>>;
  readonly overrides: ReadonlyMap<string, HospitalOverride>;
}

function group<T, K, V>(rows: readonly T[], key: (row: T) => K, value: (row: T) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

/** The catalog item a hospital's own code stands for, through that code system's mappings. */
export function mappedItemCode(
  reference: ReferenceData,
  institutionId: string,
  system: string,
  code: string,
): string | undefined {
  return reference.codeMappings.get(institutionId)?.get(system)?.get(code);
}

/** Reference data and the client registry are re-read at most this often when other instances may have changed them. */
export const REFERENCE_REFRESH_MS = 30_000;

export async function loadReferenceData(db: Database): Promise<ReferenceData> {
  const [catalog, regions, alliances, institutions, qualifications, mappings, testSystems, overrides] =
    await Promise.all([
      loadCatalog(db),
      loadRegions(db),
      loadAlliances(db),
      loadInstitutions(db),
      loadQualifications(db),
      loadCodeMappings(db),
      loadLocalTestSystems(db),
      loadOverrides(db),
    ]);
  const close = new Set(alliances.filter((alliance) => alliance.kind === 'close').map((alliance) => alliance.id));
  const mappingGroups = group(
    mappings,
    (m) => m.institutionId,
    (m) => m,
  );
  const systemGroups = group(
    testSystems,
    (s) => s.institutionId,
    (s) => [s.itemCode, { method: s.method, brand: s.brand }] as const,
  );
  return {
    catalog: new Map(catalog.map((item) => [item.code, item])),
    itemsByLoinc: new Map(catalog.filter((item) => item.loinc).map((item) => [item.loinc as string, item])),
    regions: new Map(regions.map((region) => [region.code, region])),
    institutions: new Map(institutions.map((institution) => [institution.id, institution])),
    ruleInstitutions: new Map(institutions.map((institution) => [institution.id, institutionOf(institution, close)])),
    qualifications,
    qualificationsByInstitution: group(
      qualifications,
      (q) => q.institutionId,
      (q) => q,
    ),
    codeMappings: new Map(
      [...mappingGroups].map(([id, rows]) => [
        id,
        new Map(
          [
            ...group(
              rows,
              (m) => m.system,
              (m) => [m.localCode, m.itemCode] as const,
            ),
          ].map(([system, pairs]) => [system, new Map(pairs)]),
        ),
      ]),
    ),
    localTestSystems: new Map([...systemGroups].map(([id, pairs]) => [id, new Map(pairs)])),
    overrides,
  };
}

/**
 * The reference data of this process. Read once; then, every `refreshMs`, the store's reference version
 * is compared (one small query) and the data read again only when it moved. Meanwhile callers are
 * answered from what is held: a hook never waits for a refresh, and an unchanged registry of a
 * hundred hospitals' code mappings is not rebuilt every half minute. A change made through this
 * process (`invalidate`) is read before the next answer.
 */
export class ReferenceCache {
  private loaded: { data: ReferenceData; at: number; version: number } | null = null;
  private loading: Promise<ReferenceData> | null = null;
  private checking = false;

  constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
    private readonly clock: () => Date,
    /** Told of every change made through this process, so sibling processes can forget theirs. */
    private readonly onInvalidate: () => void = () => undefined,
  ) {}

  async current(): Promise<ReferenceData> {
    const now = this.clock().getTime();
    const held = this.loaded;
    if (held && now - held.at < this.refreshMs) return held.data;
    if (held) {
      this.revalidate(held, now);
      return held.data;
    }
    return this.load(now);
  }

  private load(now: number): Promise<ReferenceData> {
    this.loading ??= (async () => {
      try {
        // The version first: a change landing while the data is read moves it again, and is read next time.
        const version = await referenceVersion(this.db);
        const data = await loadReferenceData(this.db);
        this.loaded = { data, at: now, version };
        return data;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** In the background: reads everything again only if the version moved. A failed check is retried next time. */
  private revalidate(held: { data: ReferenceData; at: number; version: number }, now: number): void {
    if (this.checking || this.loading) return;
    this.checking = true;
    void referenceVersion(this.db)
      .then(async (version) => {
        if (this.loaded !== held) return;
        if (version === held.version) this.loaded = { ...held, at: now };
        else await this.load(now);
      })
      .catch(() => undefined)
      .finally(() => {
        this.checking = false;
      });
  }

  /** Reference data changed through this process. */
  invalidate(): void {
    this.forget();
    this.onInvalidate();
  }

  /** Reference data changed elsewhere (a sibling process): read it again on next use. */
  forget(): void {
    this.loaded = null;
  }
}

function institutionOf(record: InstitutionRecord, closeAlliances: ReadonlySet<string>): Institution {
  return {
    id: record.id,
    name: record.name,
    level: record.level,
    grade: record.grade,
    region: record.region,
    alliances: record.alliances,
    closeAlliances: record.alliances.filter((alliance) => closeAlliances.has(alliance)),
  };
}

/** Effective configurations are derived data: built once per hospital per loaded reference data. */
const configurations = new WeakMap<ReferenceData, Map<string, EffectiveConfiguration | null>>();

/** The hospital's effective configuration, or null when the hospital or its region is not registered. */
export function configurationFor(
  reference: ReferenceData,
  hospitalId: string,
  timeZone: string,
): EffectiveConfiguration | null {
  let cache = configurations.get(reference);
  if (!cache) {
    cache = new Map();
    configurations.set(reference, cache);
  }
  const key = `${hospitalId}@${timeZone}`;
  if (!cache.has(key)) cache.set(key, buildConfiguration(reference, hospitalId, timeZone));
  return cache.get(key) ?? null;
}

function buildConfiguration(
  reference: ReferenceData,
  hospitalId: string,
  timeZone: string,
): EffectiveConfiguration | null {
  const hospital = reference.ruleInstitutions.get(hospitalId);
  const policy = hospital ? reference.regions.get(hospital.region) : undefined;
  if (!hospital || !policy) return null;
  return effectiveConfiguration({
    timeZone,
    catalog: [...reference.catalog.values()],
    policy,
    hospital,
    override: reference.overrides.get(hospitalId) ?? NO_OVERRIDE,
    localTestSystems: reference.localTestSystems.get(hospitalId) ?? new Map(),
  });
}
