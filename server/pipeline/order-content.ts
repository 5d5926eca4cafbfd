import type { Candidate, RecognitionItem, TestSystem, Verdict } from '../../rules';
import { typesetUnit } from '../contract/units';
import { viewerUrlOf } from '../fhir/viewer-url';
import { messages as messagesFor, type Locale, type Messages } from '../i18n';
import type { EffectiveConfiguration } from '../../rules';
import type { StoredResult } from '../store/results';
import { ownValue } from '../web/own-key';

/** The words a channel speaks in, the same for a card and a popup. */
export interface ContentWords {
  readonly messages: Messages;
  readonly itemName: (item: RecognitionItem) => string;
  /** The hospital's own method and brand for an item, to say where an external result's differ. */
  readonly localTestSystem: (itemCode: string) => TestSystem | undefined;
}

/** The words for a hospital's prompts in a language. */
export function contentWords(locale: Locale, configuration: EffectiveConfiguration): ContentWords {
  return {
    messages: messagesFor(locale),
    itemName: (item) => (locale === 'en' ? item.nameEn : item.nameZh),
    localTestSystem: (itemCode) => configuration.localTestSystems.get(itemCode),
  };
}

/** One value of a lab report in the reader's words: unit typeset, flag named. */
export interface ValueContent {
  readonly name: string;
  readonly value: string;
  readonly unit: string | null;
  readonly referenceRange: string | null;
  readonly flag: string | null;
}

/** One result as plain words (not escaped, not laid out): each channel's renderer does that its own way. */
export interface ResultContent {
  readonly origin: string;
  readonly level: string;
  /** Date, age and days left. */
  readonly when: string;
  readonly mark: string | null;
  /** Says that a broader item's result stands for the order, when it does. */
  readonly standsFor: string | null;
  readonly values: readonly ValueContent[];
  readonly findings: string | null;
  readonly viewerUrl: string | null;
  /** The other doctor's conclusion: never part of the recognised result, shown apart for reference. */
  readonly impression: { readonly label: string; readonly text: string } | null;
  readonly testSystem: string | null;
  readonly methodDiffers: string | null;
}

/** A result's place in the prompt; its content is null when it could not be put in words (then it shows by its institution). */
export interface ShownResult {
  readonly position: number;
  readonly institution: string;
  /** The item the result is for: the ordered item, or for a panel the analyte. */
  readonly item: RecognitionItem;
  /** For a panel, the analyte's name. */
  readonly analyte: string | null;
  readonly candidate: Candidate<StoredResult>;
  readonly content: ResultContent | null;
}

/**
 * What one order's prompt says, built once from the verdict and rendered by each channel: markdown
 * for a CDS Hooks card, plain lines for a HIS popup.
 */
export interface OrderContent {
  /** repeat: recognisable results of the ordered item; panel: some of its analytes were done. */
  readonly kind: 'repeat' | 'panel';
  readonly item: RecognitionItem;
  readonly itemName: string;
  /** An emergency: informed, nothing recommended (001: 互认主要适用于非急诊患者). */
  readonly inform: boolean;
  readonly summary: string;
  readonly results: readonly ShownResult[];
}

function testSystemText(system: TestSystem, messages: Messages): string {
  return [
    system.method && `${messages.methodLabel}${messages.colon}${system.method}`,
    system.brand && `${messages.brandLabel}${messages.colon}${system.brand}`,
  ]
    .filter(Boolean)
    .join(messages.listSeparator);
}

/** The result of `candidate` for `item` (the ordered item, or the panel's analyte) in words. */
function resultContent(candidate: Candidate<StoredResult>, item: RecognitionItem, words: ContentWords): ResultContent {
  const { messages } = words;
  const { result, institution, window } = candidate;
  const report = result.report;
  const annotated = item.annotation !== 'none';
  const stated = annotated ? testSystemText(result.testSystem, messages) : '';
  const ours = annotated ? words.localTestSystem(item.code) : undefined;
  return {
    origin: messages.origin(candidate.own),
    level: messages.level(institution.level, institution.grade),
    when: messages.resultLine(window.resultDate, window.ageDays, window.daysLeft),
    // A mark the report carries is shown wherever it is, as the app shows it; "no mark" is never said here.
    // Between a hospital and itself a mark means nothing.
    mark: !candidate.own && result.mark ? result.mark : null,
    standsFor: candidate.via ? messages.standsFor(words.itemName(candidate.via), words.itemName(item)) : null,
    values:
      report.kind === 'lab'
        ? report.values.map((value) => ({
            name: value.name,
            value: value.value,
            unit: value.unit ? typesetUnit(value.unit) : null,
            referenceRange: value.referenceRange ?? null,
            flag: value.flag ? (ownValue(messages.flags, value.flag) ?? value.flag) : null,
          }))
        : [],
    findings: report.kind === 'imaging' ? report.findings || null : null,
    // Checked again as at ingest: an address stored before the check existed is left out, not linked.
    viewerUrl: report.kind === 'imaging' ? (viewerUrlOf(report.viewerUrl ?? undefined) ?? null) : null,
    impression:
      report.kind === 'imaging' && report.impression
        ? { label: messages.impressionLabel(candidate.own), text: report.impression }
        : null,
    testSystem: stated || null,
    methodDiffers:
      candidate.warnings.length > 0 && ours ? messages.methodDiffers(testSystemText(ours, messages)) : null,
  };
}

/** A result stored before a check existed may not go into words: the prompt keeps the others and names this one. */
function shown(
  candidate: Candidate<StoredResult>,
  position: number,
  item: RecognitionItem,
  analyte: string | null,
  words: ContentWords,
): ShownResult {
  let content: ResultContent | null;
  try {
    content = resultContent(candidate, item, words);
  } catch {
    content = null;
  }
  return { position, institution: candidate.institution.name, item, analyte, candidate, content };
}

/** The prompt's content for one order, or null when the rules give it nothing to show. */
export function orderContent(verdict: Verdict<StoredResult>, words: ContentWords): OrderContent | null {
  const item = verdict.item;
  if (!item || verdict.presentation === 'silent') return null;
  const { messages } = words;
  const itemName = words.itemName(item);
  const inform = verdict.presentation === 'inform';
  if (verdict.recognisable.length > 0) {
    const best = verdict.recognisable[0] as Candidate<StoredResult>;
    const summarise = inform ? messages.informSummary : messages.orderSummary;
    return {
      kind: 'repeat',
      item,
      itemName,
      inform,
      summary: summarise(itemName, best.institution.name, best.window.resultDate, best.window.ageDays, best.own),
      results: verdict.recognisable.map((candidate, index) => shown(candidate, index + 1, item, null, words)),
    };
  }
  if (verdict.components.length === 0) return null;
  const analytes = verdict.components.map((component) => ({
    item: component.item,
    name: words.itemName(component.item),
    candidate: component.recognisable[0] as Candidate<StoredResult>,
  }));
  return {
    kind: 'panel',
    item,
    itemName,
    inform,
    summary: messages.panelSummary(
      itemName,
      analytes.map((analyte) => analyte.name),
    ),
    results: analytes.map((analyte, index) => shown(analyte.candidate, index + 1, analyte.item, analyte.name, words)),
  };
}
