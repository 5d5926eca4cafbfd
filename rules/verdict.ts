import { checkAnnotation } from './annotation';
import type { RecognitionItem } from './catalog';
import type { EffectiveConfiguration, EffectiveItem } from './configuration';
import { presentationFor, type EncounterKind, type Presentation } from './context';
import type { Institution, Qualification } from './institution';
import { checkItem } from './item';
import { carriesMark, checkMark } from './mark';
import { checkQualification } from './qualification';
import type { CandidateWarning, Check, ExclusionReason, OrderRefusal } from './reasons';
import type { ResultFacts } from './result';
import { missingAnalytes } from './panel';
import { checkListed, checkScope } from './scope';
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
  /** The ordering hospital's own result: worth a reminder, but not mutual recognition (本院, not 外院). */
  readonly own: boolean;
  /** When the result is of another item that contains the ordered one (类似检查), that item; null for the item itself. */
  readonly via: RecognitionItem | null;
}

export interface Exclusion<R extends ResultFacts> {
  readonly result: R;
  readonly window: WindowPosition;
  readonly reasons: readonly ExclusionReason[];
  readonly via: RecognitionItem | null;
}

/** An analyte of an ordered panel that already has recognisable results (001: 不得以…打包等形式再次收取). */
export interface ComponentVerdict<R extends ResultFacts> {
  readonly item: RecognitionItem;
  readonly recognisable: readonly Candidate<R>[];
}

export interface Verdict<R extends ResultFacts> {
  readonly orderId: string | null;
  readonly itemCode: string | null;
  readonly item: RecognitionItem | null;
  /** Set when the order itself cannot be judged (unmapped, inactive, switched off). */
  readonly refusal: OrderRefusal | null;
  readonly presentation: Presentation;
  /** Best first: the ordered item itself before a containing one, then most recent, then the highest level. */
  readonly recognisable: readonly Candidate<R>[];
  readonly excluded: readonly Exclusion<R>[];
  /** For a panel: those of its analytes with recognisable results of their own. */
  readonly components: readonly ComponentVerdict<R>[];
}

export interface RecognitionFacts<R extends ResultFacts> {
  /** The patient's stored results (any item; only the ordered item's and those standing for it are considered). */
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

type Judged<R extends ResultFacts> =
  | { readonly recognisable: true; readonly candidate: Candidate<R> }
  | { readonly recognisable: false; readonly exclusion: Exclusion<R> };

/**
 * Judges one result for the ordered item, in the policy's order: status, window, institution
 * (qualification of the result's own item, mark), scope and the regional list, annotation. Every
 * failing rule is reported, not only the first, so the explanation is complete.
 */
function judgeResult<R extends ResultFacts>(
  result: R,
  ordered: EffectiveItem,
  via: RecognitionItem | null,
  facts: RecognitionFacts<R>,
): Judged<R> {
  const { configuration } = facts;
  const { policy } = configuration;
  const item = ordered.item;
  const window = windowPosition(result.effectiveAt, ordered.window, facts.now, configuration.timeZone);
  const reasons: ExclusionReason[] = [...reasonOf(checkStatus(result.status)), ...reasonOf(checkWindow(window))];
  const institution = facts.institutions.get(result.institutionId);
  const warnings: CandidateWarning[] = [];
  if (!institution) {
    reasons.push('institution.unknown');
  } else {
    const held = facts.qualifications.get(institution.id) ?? [];
    reasons.push(
      ...reasonOf(checkQualification(held, via ?? item, window.resultDate, policy.assessmentIntervalMonths)),
    );
    reasons.push(...reasonOf(checkMark(result.mark, item, policy)));
    reasons.push(
      ...reasonOf(
        checkScope({
          ordering: configuration.hospital,
          performing: institution,
          policy,
          lowerLevelAcceptance: configuration.lowerLevelAcceptance,
          marked: carriesMark(result.mark, item, policy),
        }),
      ),
      ...reasonOf(checkListed(item, configuration.hospital, institution)),
    );
  }
  const annotation = checkAnnotation(
    item,
    result.testSystem,
    configuration.localTestSystems.get(item.code),
    policy.annotationRequired,
    configuration.requireMethodMatch,
  );
  if (!annotation.ok) reasons.push(...annotation.reasons);
  else warnings.push(...annotation.warnings);

  if (reasons.length > 0 || !institution) return { recognisable: false, exclusion: { result, window, reasons, via } };
  const own = institution.id === configuration.hospital.id;
  return { recognisable: true, candidate: { result, institution, window, warnings, own, via } };
}

function rank<R extends ResultFacts>(a: Candidate<R>, b: Candidate<R>): number {
  if ((a.via === null) !== (b.via === null)) return a.via === null ? -1 : 1;
  if (a.result.effectiveAt !== b.result.effectiveAt) {
    return Date.parse(b.result.effectiveAt) - Date.parse(a.result.effectiveAt);
  }
  if (a.institution.level !== b.institution.level) return b.institution.level - a.institution.level;
  return a.result.id.localeCompare(b.result.id);
}

/** The ordered item's own results and those of items that contain it; never the other way round. */
function judgeAll<R extends ResultFacts>(ordered: EffectiveItem, facts: RecognitionFacts<R>, withContainers: boolean) {
  const { configuration } = facts;
  const containers = withContainers
    ? new Set(configuration.containers.get(ordered.item.code) ?? [])
    : new Set<string>();
  const recognisable: Candidate<R>[] = [];
  const excluded: Exclusion<R>[] = [];
  const analytes = panelAnalytes(ordered.item, facts);
  for (const result of facts.results) {
    const exact = result.itemCode === ordered.item.code;
    if (!exact && !containers.has(result.itemCode)) continue;
    const via = exact ? null : (configuration.items.get(result.itemCode)?.item ?? null);
    if (!exact && !via) continue;
    // A lab panel's report stands for an analyte only when it holds that analyte.
    if (via?.kind === 'lab' && missingAnalytes(result, [ordered.item]).length > 0) continue;
    const judged = judgeResult(result, ordered, via, facts);
    // …and for the ordered panel only when it holds every analyte the catalog lists.
    if (exact && analytes.length > 0 && missingAnalytes(result, analytes).length > 0) {
      const exclusion = judged.recognisable
        ? { result, window: judged.candidate.window, reasons: [], via }
        : judged.exclusion;
      excluded.push({ ...exclusion, reasons: [...exclusion.reasons, 'panel.incomplete'] });
      continue;
    }
    if (judged.recognisable) recognisable.push(judged.candidate);
    else excluded.push(judged.exclusion);
  }
  recognisable.sort(rank);
  return { recognisable, excluded };
}

/** A lab panel's analytes as the catalog lists them (those it knows); none for anything else. */
function panelAnalytes<R extends ResultFacts>(item: RecognitionItem, facts: RecognitionFacts<R>): RecognitionItem[] {
  if (item.kind !== 'lab') return [];
  return item.contains.flatMap((code) => {
    const analyte = facts.configuration.items.get(code)?.item;
    return analyte ? [analyte] : [];
  });
}

/**
 * Only laboratory panels are charged as bundles of analytes; an enhanced CT is not a bundle of the
 * plain one. An analyte counts as done by its own report, or by another panel report that holds it
 * (an incomplete report of this very panel included).
 */
function components<R extends ResultFacts>(panel: RecognitionItem, facts: RecognitionFacts<R>): ComponentVerdict<R>[] {
  if (panel.kind !== 'lab') return [];
  return panel.contains.flatMap((code) => {
    const check = checkItem(code, facts.configuration);
    if (!check.ok) return [];
    const { recognisable } = judgeAll(check.item, facts, true);
    return recognisable.length > 0 ? [{ item: check.item.item, recognisable }] : [];
  });
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
    return {
      orderId,
      itemCode,
      item,
      refusal: itemCheck.refusal,
      presentation,
      recognisable: [],
      excluded: [],
      components: [],
    };
  }
  const { recognisable, excluded } = judgeAll(itemCheck.item, facts, true);
  const item = itemCheck.item.item;
  return {
    orderId,
    itemCode,
    item,
    refusal: null,
    presentation,
    recognisable,
    excluded,
    components: components(item, facts),
  };
}

/** For every draft order: the recognisable results of its item, ranked, and every other result with why not. */
export function decide<R extends ResultFacts>(
  orders: readonly OrderedItem[],
  facts: RecognitionFacts<R>,
): Verdict<R>[] {
  return orders.map((order) => judgeItem(order.orderId, order.itemCode, facts));
}

/** For opening the chart: one verdict per item the patient has results for, in the order results come. */
export function survey<R extends ResultFacts>(facts: RecognitionFacts<R>): Verdict<R>[] {
  const itemCodes = [...new Set(facts.results.map((result) => result.itemCode))];
  return itemCodes.map((itemCode) => judgeItem(null, itemCode, facts));
}

/** The item codes whose results can matter for these orders: the items, those containing them, their analytes. */
export function relatedItemCodes(itemCodes: readonly string[], configuration: EffectiveConfiguration): string[] {
  const related = new Set(itemCodes);
  for (const code of itemCodes) {
    for (const container of configuration.containers.get(code) ?? []) related.add(container);
    for (const contained of configuration.items.get(code)?.item.contains ?? []) related.add(contained);
  }
  return [...related];
}
