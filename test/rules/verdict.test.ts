import { describe, expect, it } from 'vitest';
import { decide, survey, type RecognitionFacts, type ResultFacts } from '../../rules';
import {
  configure, creatinine, headCt, institutions, markedRegion, NOW, otherTertiary, potassium, primaryOutside,
  byInstitution, qualificationList, qualifications, result, secondaryInAlliance, secondaryOutside, tertiary,
} from './world';

function facts(results: ResultFacts[], extra: Partial<RecognitionFacts<ResultFacts>> = {}): RecognitionFacts<ResultFacts> {
  return { results, institutions, qualifications, encounter: 'outpatient', configuration: configure(), now: NOW, ...extra };
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
    expect(verdict?.excluded).toEqual([expect.objectContaining({ result: preliminary, reasons: ['status.not-final'] })]);
  });

  it('reports every failing rule of a result, in the documented order', () => {
    const bad = result({ status: 'preliminary', effectiveAt: '2026-01-01T01:00:00Z', institutionId: primaryOutside.id });
    const noQualifications = byInstitution(qualificationList.filter((q) => q.institutionId !== primaryOutside.id));
    const [verdict] = decide([order], facts([bad], { qualifications: noQualifications, configuration: configure({ policy: markedRegion }) }));
    expect(verdict?.excluded[0]?.reasons).toEqual([
      'status.not-final', 'window.expired', 'qualification.none', 'mark.missing', 'scope.lower-level',
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
    const configuration = configure({ override: { disabledItems: [], disabledDisciplines: [], windowDays: {}, lowerLevelAcceptance: 'all' } });
    const [verdict] = decide([order], facts([outside], { configuration }));
    expect(verdict?.recognisable.map((c) => c.result.id)).toEqual([outside.id]);
  });

  it('a method/brand difference keeps the result but warns', () => {
    const jaffe = result({ itemCode: creatinine.code, testSystem: { method: '苦味酸法', brand: null } });
    const configuration = configure({ localTestSystems: new Map([[creatinine.code, { method: '酶法', brand: null }]]) });
    const [verdict] = decide([{ orderId: 'ServiceRequest/2', itemCode: creatinine.code }], facts([jaffe], { configuration }));
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
    expect(verdicts.map((v) => [v.orderId, v.recognisable.length])).toEqual([['ServiceRequest/1', 1], ['ServiceRequest/9', 0]]);
  });

  it('gives the window position of each candidate', () => {
    const [verdict] = decide([order], facts([result({ effectiveAt: '2026-03-08T01:00:00Z' })]));
    expect(verdict?.recognisable[0]?.window).toEqual({ resultDate: '2026-03-08', ageDays: 2, daysLeft: 5, lastDay: '2026-03-15' });
  });
});

describe('survey: opening the chart lists the recognisable results per item', () => {
  it('returns one verdict per item the patient has results for', () => {
    const verdicts = survey(facts([result(), result({ itemCode: headCt.code, institutionId: tertiary.id }), result()]));
    expect(verdicts.map((v) => [v.itemCode, v.recognisable.length])).toEqual([[potassium.code, 2], [headCt.code, 1]]);
  });
});
