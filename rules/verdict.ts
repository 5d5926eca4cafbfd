import type { RecognitionItem } from './catalog';
import type { EffectiveConfiguration, EffectiveItem } from './configuration';
import { presentationFor, type EncounterKind, type Presentation } from './context';
import type { Institution, Qualification } from './institution';
import { checkItem } from './item';
import { checkMark } from './mark';
import { checkMethod } from './method';
import { checkQualification } from './qualification';
import type { CandidateWarning, Check, ExclusionReason, OrderRefusal } from './reasons';
import type { ResultFacts } from './result';
import { checkScope } from './scope';
import { checkStatus } from './status';
import { checkWindow, windowPosition, type WindowPosition } from './window';

/** One draft order as the rules see it: its id in the EHR and the catalog item its codes map to. */
export interface OrderedItem {
  readonly orderId: string;
  readonly itemCode: string | null;
}

export interface Candidate<R extends ResultFacts> {
  readonly result: R;
  readonly institution: Institution;
  readonly window: WindowPosition;
  readonly warnings: readonly CandidateWarning[];
}

export interface Exclusion<R extends ResultFacts> {
  readonly result: R;
  readonly window: WindowPosition;
  readonly reasons: readonly ExclusionReason[];
}

export interface Verdict<R extends ResultFacts> {
  readonly orderId: string | null;
  readonly itemCode: string | null;
  readonly item: RecognitionItem | null;
  /** Set when the order itself cannot be judged (unmapped, inactive, switched off). */
  readonly refusal: OrderRefusal | null;
  readonly presentation: Presentation;
  /** Best first: most recent, then the highest-level institution. */
  readonly recognisable: readonly Candidate<R>[];
  readonly excluded: readonly Exclusion<R>[];
}

export interface RecognitionFacts<R extends ResultFacts> {
  /** The patient's stored results (any item; only the ordered item's are considered). */
  readonly results: readonly R[];
  readonly institutions: ReadonlyMap<string, Institution>;
  /** Qualifications per institution id. */
  readonly qualifications: ReadonlyMap<string, readonly Qualification[]>;
  readonly encounter: EncounterKind;
  readonly configuration: EffectiveConfiguration;
  readonly now: Date;
}

function reasonOf(check: Check): ExclusionReason[] {
  return check.ok ? [] : [check.reason];
}

/**
 * Judges one result, in the policy's order: status, window, institution (qualification, mark), scope,
 * method. Every failing rule is reported, not only the first, so the explanation is complete.
 */
function judgeResult<R extends ResultFacts>(
  result: R,
  effective: EffectiveItem,
  facts: RecognitionFacts<R>,
): { readonly recognisable: true; readonly candidate: Candidate<R> } | { readonly recognisable: false; readonly exclusion: Exclusion<R> } {
  const { configuration } = facts;
  const window = windowPosition(result.effectiveAt, effective.windowDays, facts.now, configuration.timeZone);
  const reasons: ExclusionReason[] = [...reasonOf(checkStatus(result.status)), ...reasonOf(checkWindow(window))];
  const institution = facts.institutions.get(result.institutionId);
  const warnings: CandidateWarning[] = [];
  if (!institution) {
    reasons.push('institution.unknown');
  } else {
    const own = facts.qualifications.get(institution.id) ?? [];
    reasons.push(...reasonOf(checkQualification(own, effective.item, window.resultDate)));
    reasons.push(...reasonOf(checkMark(result.mark, effective.item, configuration.policy)));
    reasons.push(
      ...reasonOf(checkScope(configuration.hospital, institution, configuration.policy, configuration.lowerLevelAcceptance)),
    );
  }
  const method = checkMethod(
    effective.item,
    result.testSystem,
    configuration.localTestSystems.get(effective.item.code),
    configuration.requireMethodMatch,
  );
  if (!method.ok) reasons.push(method.reason);
  else if (method.warning) warnings.push(method.warning);

  if (reasons.length > 0 || !institution) return { recognisable: false, exclusion: { result, window, reasons } };
  return { recognisable: true, candidate: { result, institution, window, warnings } };
}

function rank<R extends ResultFacts>(a: Candidate<R>, b: Candidate<R>): number {
  if (a.result.effectiveAt !== b.result.effectiveAt) {
    return Date.parse(b.result.effectiveAt) - Date.parse(a.result.effectiveAt);
  }
  if (a.institution.level !== b.institution.level) return b.institution.level - a.institution.level;
  return a.result.id.localeCompare(b.result.id);
}

function judgeItem<R extends ResultFacts>(
  orderId: string | null,
  itemCode: string | null,
  facts: RecognitionFacts<R>,
): Verdict<R> {
  const presentation = presentationFor(facts.encounter, facts.configuration);
  const itemCheck = checkItem(itemCode, facts.configuration);
  if (!itemCheck.ok) {
    const item = itemCode === null ? null : (facts.configuration.items.get(itemCode)?.item ?? null);
    return { orderId, itemCode, item, refusal: itemCheck.refusal, presentation, recognisable: [], excluded: [] };
  }
  const recognisable: Candidate<R>[] = [];
  const excluded: Exclusion<R>[] = [];
  for (const result of facts.results) {
    if (result.itemCode !== itemCheck.item.item.code) continue;
    const judged = judgeResult(result, itemCheck.item, facts);
    if (judged.recognisable) recognisable.push(judged.candidate);
    else excluded.push(judged.exclusion);
  }
  recognisable.sort(rank);
  return { orderId, itemCode, item: itemCheck.item.item, refusal: null, presentation, recognisable, excluded };
}

/** For every draft order: the recognisable results of its item, ranked, and every other result with why not. */
export function decide<R extends ResultFacts>(orders: readonly OrderedItem[], facts: RecognitionFacts<R>): Verdict<R>[] {
  return orders.map((order) => judgeItem(order.orderId, order.itemCode, facts));
}

/** For opening the chart: one verdict per item the patient has results for, in the order results come. */
export function survey<R extends ResultFacts>(facts: RecognitionFacts<R>): Verdict<R>[] {
  const itemCodes = [...new Set(facts.results.map((result) => result.itemCode))];
  return itemCodes.map((itemCode) => judgeItem(null, itemCode, facts));
}
