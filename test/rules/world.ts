/** A small named world for the rules' tests: two regions, hospitals of each level, one alliance. */
import {
  effectiveConfiguration,
  NO_OVERRIDE,
  type EffectiveConfiguration,
  type HospitalOverride,
  type Institution,
  type Qualification,
  type RecognitionItem,
  type RegionPolicy,
  type ResultFacts,
  type TestSystem,
} from '../../rules';

export const TZ = 'Asia/Shanghai';
/** 2026-03-10 10:00 in Shanghai. */
export const NOW = new Date('2026-03-10T02:00:00Z');

export const potassium: RecognitionItem = {
  code: 'LAB-K', nameZh: '钾', nameEn: 'Potassium', kind: 'lab', discipline: 'chemistry', modality: null,
  bodySite: null, windowDays: 7, methodRelevant: false, loinc: '2823-3', priceFen: 500, active: true,
};
export const creatinine: RecognitionItem = {
  ...potassium, code: 'LAB-CRE', nameZh: '肌酐', nameEn: 'Creatinine', windowDays: 30, methodRelevant: true, loinc: '2160-0',
};
export const headCt: RecognitionItem = {
  code: 'CT-HEAD', nameZh: '头颅CT平扫', nameEn: 'Head CT', kind: 'imaging', discipline: 'ct', modality: 'CT',
  bodySite: '头颅', windowDays: 90, methodRelevant: false, loinc: null, priceFen: 20000, active: true,
};
export const retired: RecognitionItem = { ...potassium, code: 'LAB-OLD', nameZh: '旧项目', nameEn: 'Retired', active: false };
export const catalog = [potassium, creatinine, headCt, retired];

export const chongqing: RegionPolicy = {
  code: 'CQ', name: '重庆', markRequired: false, marks: { lab: ['川渝HR'], imaging: ['川渝HR'] },
  lowerLevelAcceptance: { default: 'alliance', max: 'all' }, partnerRegions: ['SC'],
};
export const markedRegion: RegionPolicy = {
  ...chongqing, markRequired: true, marks: { lab: ['京津冀鲁HR', '★'], imaging: ['-JJJLHR'] },
};

function hospital(id: string, level: 1 | 2 | 3, region: string, alliances: string[] = []): Institution {
  return { id, name: id, level, grade: '甲', region, alliances };
}
/** 渝中 tertiary, leads the 渝中医联体 alliance. */
export const tertiary = hospital('CQ-T', 3, 'CQ', ['yuzhong']);
export const otherTertiary = hospital('CQ-T2', 3, 'CQ');
export const secondaryInAlliance = hospital('CQ-S-IN', 2, 'CQ', ['yuzhong']);
export const secondaryOutside = hospital('CQ-S-OUT', 2, 'CQ');
export const primaryOutside = hospital('CQ-P', 1, 'CQ');
export const sichuanTertiary = hospital('SC-T', 3, 'SC');
export const beijingTertiary = hospital('BJ-T', 3, 'BJ');
export const institutions = new Map(
  [tertiary, otherTertiary, secondaryInAlliance, secondaryOutside, primaryOutside, sichuanTertiary, beijingTertiary].map(
    (i) => [i.id, i] as const,
  ),
);

/** Every institution passed chemistry and CT for all of 2025-2026. */
export const qualificationList: Qualification[] = [...institutions.keys()].flatMap((institutionId) => [
  { institutionId, scope: { kind: 'discipline', discipline: 'chemistry' }, kind: 'eqa', passed: true, validFrom: '2025-01-01', validUntil: '2026-12-31', withdrawnOn: null },
  { institutionId, scope: { kind: 'discipline', discipline: 'ct' }, kind: 'qc-evaluation', passed: true, validFrom: '2025-01-01', validUntil: '2026-12-31', withdrawnOn: null },
]);

export function byInstitution(list: readonly Qualification[]): Map<string, Qualification[]> {
  const map = new Map<string, Qualification[]>();
  for (const q of list) map.set(q.institutionId, [...(map.get(q.institutionId) ?? []), q]);
  return map;
}

export const qualifications = byInstitution(qualificationList);

export const noSystem: TestSystem = { method: null, brand: null };

let counter = 0;
export function result(overrides: Partial<ResultFacts> = {}): ResultFacts {
  counter += 1;
  return {
    id: `r${String(counter).padStart(4, '0')}`,
    itemCode: potassium.code,
    institutionId: otherTertiary.id,
    status: 'final',
    effectiveAt: '2026-03-08T01:00:00Z',
    mark: null,
    testSystem: noSystem,
    ...overrides,
  };
}

export function configure(
  options: {
    hospital?: Institution;
    policy?: RegionPolicy;
    override?: HospitalOverride;
    localTestSystems?: Map<string, TestSystem>;
  } = {},
): EffectiveConfiguration {
  return effectiveConfiguration({
    timeZone: TZ,
    catalog,
    policy: options.policy ?? chongqing,
    hospital: options.hospital ?? tertiary,
    override: options.override ?? NO_OVERRIDE,
    localTestSystems: options.localTestSystems ?? new Map(),
  });
}
