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

const days = (amount: number) => ({ amount, unit: 'days' as const });

export const potassium: RecognitionItem = {
  code: 'LAB-K',
  nameZh: '钾',
  nameEn: 'Potassium',
  kind: 'lab',
  discipline: 'chemistry',
  modality: null,
  bodySite: null,
  window: days(7),
  annotation: 'none',
  contains: [],
  synonyms: [],
  onRegionalList: true,
  loinc: '2823-3',
  priceFen: 500,
  active: true,
};
export const creatinine: RecognitionItem = {
  ...potassium,
  code: 'LAB-CRE',
  nameZh: '肌酐',
  nameEn: 'Creatinine',
  window: days(30),
  annotation: 'method',
  loinc: '2160-0',
};
export const afp: RecognitionItem = {
  ...potassium,
  code: 'LAB-AFP',
  nameZh: '甲胎蛋白',
  nameEn: 'AFP',
  discipline: 'immunology',
  window: days(30),
  annotation: 'brand',
  loinc: '1834-1',
};
export const hemoglobin: RecognitionItem = {
  ...potassium,
  code: 'LAB-HGB',
  nameZh: '血红蛋白',
  nameEn: 'Haemoglobin',
  discipline: 'hematology',
  loinc: '718-7',
};
export const platelets: RecognitionItem = {
  ...hemoglobin,
  code: 'LAB-PLT',
  nameZh: '血小板计数',
  nameEn: 'Platelets',
  loinc: '777-3',
};
export const bloodCount: RecognitionItem = {
  ...hemoglobin,
  code: 'LAB-CBC',
  nameZh: '血常规',
  nameEn: 'Blood count',
  contains: [hemoglobin.code, platelets.code],
  loinc: null,
  priceFen: 2000,
};
export const esr: RecognitionItem = {
  ...hemoglobin,
  code: 'LAB-ESR',
  nameZh: '红细胞沉降率',
  nameEn: 'ESR',
  onRegionalList: false,
  loinc: '4537-7',
};
export const headCt: RecognitionItem = {
  code: 'CT-HEAD',
  nameZh: '头颅CT平扫',
  nameEn: 'Head CT',
  kind: 'imaging',
  discipline: 'ct',
  modality: 'CT',
  bodySite: '头颅',
  window: { amount: 3, unit: 'months' },
  annotation: 'none',
  contains: [],
  synonyms: [],
  onRegionalList: true,
  loinc: null,
  priceFen: 20000,
  active: true,
};
export const enhancedHeadCt: RecognitionItem = {
  ...headCt,
  code: 'CT-HEAD-ENH',
  nameZh: '头颅CT平扫+增强',
  nameEn: 'Head CT, plain + enhanced',
  contains: [headCt.code],
  priceFen: 40000,
};
export const retired: RecognitionItem = {
  ...potassium,
  code: 'LAB-OLD',
  nameZh: '旧项目',
  nameEn: 'Retired',
  active: false,
};
export const catalog = [
  potassium,
  creatinine,
  afp,
  hemoglobin,
  platelets,
  bloodCount,
  esr,
  headCt,
  enhancedHeadCt,
  retired,
];

export const chongqing: RegionPolicy = {
  code: 'CQ',
  name: '重庆',
  markRequired: false,
  marks: { lab: [{ text: '川渝HR', forms: ['tag'] }], imaging: [{ text: '川渝HR', forms: ['tag'] }] },
  markedLevelRule: 'hierarchy',
  annotationRequired: true,
  assessmentIntervalMonths: null,
  lowerLevelAcceptance: { default: 'alliance', max: 'all' },
  partnerRegions: ['SC'],
};
export const markedRegion: RegionPolicy = {
  ...chongqing,
  markRequired: true,
  marks: {
    lab: [
      { text: '京津冀鲁HR', forms: ['tag', 'item-name-prefix'] },
      { text: '★', forms: ['tag', 'item-name-prefix'] },
    ],
    imaging: [{ text: '-JJJLHR', forms: ['tag', 'institution-name-suffix'] }],
  },
};
/** 京津冀鲁 as the 2025 plan has it: marks required, no level rule between marked results, six-monthly assessment. */
export const jingjinjilu: RegionPolicy = {
  ...markedRegion,
  code: 'BJ',
  name: '北京',
  markedLevelRule: 'none',
  assessmentIntervalMonths: 6,
  lowerLevelAcceptance: { default: 'alliance', max: 'alliance' },
  partnerRegions: ['TJ', 'HE', 'SD'],
};

function hospital(
  id: string,
  level: 1 | 2 | 3,
  region: string,
  alliances: string[] = [],
  closeAlliances: string[] = alliances,
): Institution {
  return { id, name: id, level, grade: '甲', region, alliances, closeAlliances };
}
/** 渝中 tertiary, leads the 渝中医联体 alliance. */
export const tertiary = hospital('CQ-T', 3, 'CQ', ['yuzhong', 'chest'], ['yuzhong']);
export const otherTertiary = hospital('CQ-T2', 3, 'CQ');
export const secondaryInAlliance = hospital('CQ-S-IN', 2, 'CQ', ['yuzhong']);
export const secondaryOutside = hospital('CQ-S-OUT', 2, 'CQ');
export const primaryOutside = hospital('CQ-P', 1, 'CQ');
export const sichuanTertiary = hospital('SC-T', 3, 'SC');
export const beijingTertiary = hospital('BJ-T', 3, 'BJ');
export const tianjinSecondary = hospital('TJ-S', 2, 'TJ');
/** A tertiary hospital in a loose specialty alliance (专科联盟) with the 渝中 lead. */
export const looseTertiary = hospital('CQ-T3', 3, 'CQ', ['chest'], []);
export const institutions = new Map(
  [
    tertiary,
    otherTertiary,
    secondaryInAlliance,
    secondaryOutside,
    primaryOutside,
    sichuanTertiary,
    beijingTertiary,
    tianjinSecondary,
    looseTertiary,
  ].map((i) => [i.id, i] as const),
);

/** Every institution passed chemistry, CT, haematology and immunology for all of 2025-2026. */
export const qualificationList: Qualification[] = [...institutions.keys()].flatMap((institutionId) => [
  {
    institutionId,
    scope: { kind: 'discipline', discipline: 'chemistry' },
    kind: 'eqa',
    passed: true,
    validFrom: '2025-01-01',
    validUntil: '2026-12-31',
    withdrawnOn: null,
  },
  {
    institutionId,
    scope: { kind: 'discipline', discipline: 'ct' },
    kind: 'qc-evaluation',
    passed: true,
    validFrom: '2025-01-01',
    validUntil: '2026-12-31',
    withdrawnOn: null,
  },
  {
    institutionId,
    scope: { kind: 'discipline', discipline: 'hematology' },
    kind: 'eqa',
    passed: true,
    validFrom: '2025-01-01',
    validUntil: '2026-12-31',
    withdrawnOn: null,
  },
  {
    institutionId,
    scope: { kind: 'discipline', discipline: 'immunology' },
    kind: 'eqa',
    passed: true,
    validFrom: '2025-01-01',
    validUntil: '2026-12-31',
    withdrawnOn: null,
  },
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
