import { describe, expect, it } from 'vitest';
import { decide, survey, type Qualification, type RecognitionFacts, type ResultFacts } from '../../rules';
import {
  beijingTertiary,
  bloodCount,
  byInstitution,
  configure,
  creatinine,
  enhancedHeadCt,
  headCt,
  hemoglobin,
  institutions,
  jingjinjilu,
  markedRegion,
  NOW,
  otherTertiary,
  platelets,
  potassium,
  primaryOutside,
  qualificationList,
  qualifications,
  result,
  secondaryInAlliance,
  secondaryOutside,
  tertiary,
  tianjinSecondary,
} from './world';

function facts(
  results: ResultFacts[],
  extra: Partial<RecognitionFacts<ResultFacts>> = {},
): RecognitionFacts<ResultFacts> {
  return {
    results,
    institutions,
    qualifications,
    encounter: 'outpatient',
    configuration: configure(),
    now: NOW,
    ...extra,
  };
}

const order = { orderId: 'ServiceRequest/1', itemCode: potassium.code };

describe('verdict: for every order the recognisable results ranked best first, and every other result with its reasons', () => {
  it('ranks the most recent first, then the highest-level institution', () => {
    const older = result({ effectiveAt: '2026-03-05T01:00:00Z', institutionId: otherTertiary.id });
    const recentSecondary = result({ effectiveAt: '2026-03-09T01:00:00Z', institutionId: secondaryInAlliance.id });
    const recentTertiary = result({ effectiveAt: '2026-03-09T01:00:00Z', institutionId: otherTertiary.id });
    const [verdict] = decide([order], facts([older, recentSecondary, recentTertiary]));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([recentTertiary.id, recentSecondary.id, older.id]);
    expect(verdict?.excluded).toEqual([]);
  });

  it('considers only results of the ordered item', () => {
    const k = result();
    const ct = result({ itemCode: headCt.code });
    const [verdict] = decide([order], facts([k, ct]));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([k.id]);
    expect(verdict?.excluded).toEqual([]);
  });

  it('amended results are recognisable, preliminary ones are not', () => {
    const amended = result({ status: 'amended' });
    const preliminary = result({ status: 'preliminary' });
    const [verdict] = decide([order], facts([amended, preliminary]));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([amended.id]);
    expect(verdict?.excluded).toEqual([
      expect.objectContaining({ result: preliminary, reasons: ['status.not-final'] }),
    ]);
  });

  it('reports every failing rule of a result, in the documented order', () => {
    const bad = result({
      status: 'preliminary',
      effectiveAt: '2026-01-01T01:00:00Z',
      institutionId: primaryOutside.id,
    });
    const noQualifications = byInstitution(qualificationList.filter((q) => q.institutionId !== primaryOutside.id));
    const [verdict] = decide(
      [order],
      facts([bad], { qualifications: noQualifications, configuration: configure({ policy: markedRegion }) }),
    );
    expect(verdict?.excluded[0]?.reasons).toEqual([
      'status.not-final',
      'window.expired',
      'qualification.none',
      'mark.missing',
      'scope.lower-level',
    ]);
  });

  it('a lower-level result ordered from a higher-level hospital: inside the alliance yes, outside no', () => {
    const inside = result({ institutionId: secondaryInAlliance.id });
    const outside = result({ institutionId: secondaryOutside.id });
    const [verdict] = decide([order], facts([inside, outside]));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([inside.id]);
    expect(verdict?.excluded).toEqual([expect.objectContaining({ result: outside, reasons: ['scope.lower-level'] })]);
  });

  it('a hospital widening acceptance within policy recognises the lower-level result outside the alliance', () => {
    const outside = result({ institutionId: secondaryOutside.id });
    const configuration = configure({
      override: { disabledItems: [], disabledDisciplines: [], windowDays: {}, lowerLevelAcceptance: 'all' },
    });
    const [verdict] = decide([order], facts([outside], { configuration }));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([outside.id]);
  });

  it('a method/brand difference keeps the result but warns', () => {
    const jaffe = result({ itemCode: creatinine.code, testSystem: { method: '苦味酸法', brand: null } });
    const configuration = configure({
      localTestSystems: new Map([[creatinine.code, { method: '酶法', brand: null }]]),
    });
    const [verdict] = decide(
      [{ orderId: 'ServiceRequest/2', itemCode: creatinine.code }],
      facts([jaffe], { configuration }),
    );
    expect(verdict?.recognisable[0]?.warnings).toEqual(['method.differs']);
  });

  it('an unknown performing institution is excluded with its own reason', () => {
    const stray = result({ institutionId: 'NOWHERE' });
    const [verdict] = decide([order], facts([stray]));
    expect(verdict?.excluded[0]?.reasons).toEqual(['institution.unknown']);
  });

  it('an order whose item cannot be judged says why and lists no results', () => {
    const [verdict] = decide([{ orderId: 'ServiceRequest/3', itemCode: null }], facts([result()]));
    expect(verdict).toMatchObject({ refusal: 'item.unmapped', recognisable: [], excluded: [] });
  });

  it('an emergency encounter is informed, not prompted', () => {
    const [verdict] = decide([order], facts([result()], { encounter: 'emergency' }));
    expect(verdict?.presentation).toBe('inform');
    expect(verdict?.recognisable).toHaveLength(1);
  });

  it('judges each order on its own', () => {
    const verdicts = decide([order, { orderId: 'ServiceRequest/9', itemCode: headCt.code }], facts([result()]));
    expect(verdicts.map((v) => [v.orderId, v.recognisable.length])).toEqual([
      ['ServiceRequest/1', 1],
      ['ServiceRequest/9', 0],
    ]);
  });

  it('gives the window position of each candidate', () => {
    const [verdict] = decide([order], facts([result({ effectiveAt: '2026-03-08T01:00:00Z' })]));
    expect(verdict?.recognisable[0]?.window).toEqual({
      resultDate: '2026-03-08',
      ageDays: 2,
      daysLeft: 5,
      lastDay: '2026-03-15',
    });
  });
});

describe('survey: opening the chart lists the recognisable results per item', () => {
  it('returns one verdict per item the patient has results for', () => {
    const verdicts = survey(facts([result(), result({ itemCode: headCt.code, institutionId: tertiary.id }), result()]));
    expect(verdicts.map((v) => [v.itemCode, v.recognisable.length])).toEqual([
      [potassium.code, 2],
      [headCt.code, 1],
    ]);
  });
});

// 002_e9c8f6f4790952a5.txt: "当患者有类似检查且检查结果质量符合诊断要求的…通过医生工作站发出提醒信息"
describe('similar examinations stand for the ordered one, never the other way (002_e9c8f6f4790952a5.txt: 类似检查)', () => {
  const plainOrder = { orderId: 'ServiceRequest/ct', itemCode: headCt.code };
  const enhancedOrder = { orderId: 'ServiceRequest/ct-enh', itemCode: enhancedHeadCt.code };

  it('an enhanced CT (平扫+增强) stands for the plain CT of the same site, and says so', () => {
    const enhanced = result({ itemCode: enhancedHeadCt.code, institutionId: otherTertiary.id });
    const [verdict] = decide([plainOrder], facts([enhanced]));
    expect(verdict?.recognisable.map((c) => [c.result.id, c.via?.code])).toEqual([[enhanced.id, enhancedHeadCt.code]]);
  });

  it('a plain CT does not stand for an enhanced one', () => {
    const plain = result({ itemCode: headCt.code, institutionId: otherTertiary.id });
    const [verdict] = decide([enhancedOrder], facts([plain]));
    expect(verdict?.recognisable).toEqual([]);
  });

  it('the exact item ranks before a containing one, even when older', () => {
    const olderPlain = result({ itemCode: headCt.code, effectiveAt: '2026-03-01T01:00:00Z' });
    const newerEnhanced = result({ itemCode: enhancedHeadCt.code, effectiveAt: '2026-03-09T01:00:00Z' });
    const [verdict] = decide([plainOrder], facts([newerEnhanced, olderPlain]));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([olderPlain.id, newerEnhanced.id]);
  });

  it('a panel (血常规) stands for each of its analytes', () => {
    const panel = result({ itemCode: bloodCount.code });
    const [verdict] = decide([{ orderId: 'ServiceRequest/hgb', itemCode: hemoglobin.code }], facts([panel]));
    expect(verdict?.recognisable.map((c) => c.via?.code)).toEqual([bloodCount.code]);
  });

  it('one analyte does not stand for the panel', () => {
    const [verdict] = decide(
      [{ orderId: 'ServiceRequest/cbc', itemCode: bloodCount.code }],
      facts([result({ itemCode: hemoglobin.code })]),
    );
    expect(verdict?.recognisable).toEqual([]);
  });

  it('the containing result is judged by its own qualification', () => {
    const enhanced = result({ itemCode: enhancedHeadCt.code, institutionId: otherTertiary.id });
    const itemFailure: Qualification = {
      institutionId: otherTertiary.id,
      scope: { kind: 'item', itemCode: enhancedHeadCt.code },
      kind: 'qc-evaluation',
      passed: false,
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      withdrawnOn: null,
    };
    const [verdict] = decide(
      [plainOrder],
      facts([enhanced], { qualifications: byInstitution([...qualificationList, itemFailure]) }),
    );
    expect(verdict?.excluded).toEqual([
      expect.objectContaining({ reasons: ['qualification.failed'], via: enhancedHeadCt }),
    ]);
  });
});

// 001_0b4a79971fa7303c.txt: "对于符合互认条件的检查检验项目，不得以与其他项目打包等形式再次收取相关费用"
describe('a panel whose analytes already have recognisable results says which (001_0b4a79971fa7303c.txt: 不得以…打包等形式再次收取)', () => {
  it('lists the analytes with recognisable results, when the panel itself has none', () => {
    const hgb = result({ itemCode: hemoglobin.code });
    const [verdict] = decide([{ orderId: 'ServiceRequest/cbc', itemCode: bloodCount.code }], facts([hgb]));
    expect(verdict?.components.map((c) => [c.item.code, c.recognisable.map((r) => r.result.id)])).toEqual([
      [hemoglobin.code, [hgb.id]],
    ]);
  });

  it('a panel report stands for the ordered panel only when it holds every analyte the catalog lists (issue 23 point 4)', () => {
    const complete = result({ itemCode: bloodCount.code, analyteNames: ['血红蛋白', '血小板计数(PLT)'] });
    const cbcOrder = { orderId: 'ServiceRequest/cbc', itemCode: bloodCount.code };
    expect(decide([cbcOrder], facts([complete]))[0]?.recognisable.map((c) => c.result.id)).toEqual([complete.id]);

    // Without 血小板: not the panel. It is excluded with its reason, and offered for the analyte it holds.
    const partial = result({ itemCode: bloodCount.code, analyteNames: ['血红蛋白(HGB)', '白细胞计数'] });
    const [verdict] = decide([cbcOrder], facts([partial]));
    expect(verdict?.recognisable).toEqual([]);
    expect(verdict?.excluded).toEqual([expect.objectContaining({ reasons: ['panel.incomplete'] })]);
    expect(verdict?.components.map((c) => [c.item.code, c.recognisable[0]?.via?.code])).toEqual([
      [hemoglobin.code, bloodCount.code],
    ]);
    const [forPlatelets] = decide([{ orderId: 'ServiceRequest/plt', itemCode: platelets.code }], facts([partial]));
    expect(forPlatelets?.recognisable).toEqual([]);
    const [forHgb] = decide([{ orderId: 'ServiceRequest/hgb', itemCode: hemoglobin.code }], facts([partial]));
    expect(forHgb?.recognisable.map((c) => c.result.id)).toEqual([partial.id]);
  });

  it('does not take 糖化血红蛋白 for 血红蛋白', () => {
    const glycated = result({ itemCode: bloodCount.code, analyteNames: ['糖化血红蛋白', '血小板计数'] });
    const [verdict] = decide([{ orderId: 'ServiceRequest/hgb', itemCode: hemoglobin.code }], facts([glycated]));
    expect(verdict?.recognisable).toEqual([]);
  });

  it('leaves out analytes whose results are not recognisable', () => {
    const stale = result({ itemCode: platelets.code, effectiveAt: '2026-02-01T01:00:00Z' });
    const [verdict] = decide([{ orderId: 'ServiceRequest/cbc', itemCode: bloodCount.code }], facts([stale]));
    expect(verdict?.components).toEqual([]);
  });
});

describe("the ordering hospital's own results are reminders, not mutual recognition", () => {
  it('marks its own result as own and an external one as not', () => {
    const mine = result({ institutionId: tertiary.id, effectiveAt: '2026-03-09T01:00:00Z' });
    const theirs = result({ institutionId: otherTertiary.id });
    const [verdict] = decide([order], facts([mine, theirs]));
    expect(verdict?.recognisable.map((c) => [c.result.id, c.own])).toEqual([
      [mine.id, true],
      [theirs.id, false],
    ]);
  });
});

describe('京津冀鲁 through the whole verdict (001_0b4a79971fa7303c.txt)', () => {
  const beijing = configure({ hospital: beijingTertiary, policy: jingjinjilu });
  const recent: Qualification[] = [...institutions.keys()].map((institutionId) => ({
    institutionId,
    scope: { kind: 'discipline', discipline: 'chemistry' },
    kind: 'eqa',
    passed: true,
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    withdrawnOn: null,
  }));

  it('能认尽认: a marked result of a secondary hospital in Tianjin is recognised in a Beijing tertiary hospital', () => {
    const marked = result({ institutionId: tianjinSecondary.id, mark: '京津冀鲁HR' });
    const [verdict] = decide(
      [order],
      facts([marked], { configuration: beijing, qualifications: byInstitution(recent) }),
    );
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([marked.id]);
  });

  it('the same result without the mark is not (标识 required, and the level rule applies)', () => {
    const unmarked = result({ institutionId: tianjinSecondary.id });
    const [verdict] = decide(
      [order],
      facts([unmarked], { configuration: beijing, qualifications: byInstitution(recent) }),
    );
    expect(verdict?.excluded[0]?.reasons).toEqual(['mark.missing', 'scope.lower-level']);
  });

  it('半年一次: a marked result whose latest assessment is older than six months is not', () => {
    const marked = result({ institutionId: tianjinSecondary.id, mark: '★' });
    const [verdict] = decide([order], facts([marked], { configuration: beijing }));
    expect(verdict?.excluded[0]?.reasons).toEqual(['qualification.overdue']);
  });
});
