import { EXCEPTION_REASONS, needsExplanation, type Candidate, type RecognitionItem, type Verdict } from '../../rules';
import type { HisOrderAnswer, HisResult, HisVerdict } from '../contract/his';
import { typesetUnit } from '../contract/units';
import { viewerUrlOf } from '../fhir/viewer-url';
import type { Messages } from '../i18n';
import type { StoredResult } from '../store/results';
import { ownValue } from '../web/own-key';

/** What the rules say of one order, in the HIS's five words. */
export function hisVerdictOf(verdict: Verdict<StoredResult>): HisVerdict {
  if (verdict.refusal === 'item.unmapped' || !verdict.item) return 'unmapped';
  if (verdict.presentation === 'silent') return 'none';
  if (verdict.recognisable.length === 0 && verdict.components.length === 0) return 'none';
  if (verdict.presentation === 'inform') return 'inform';
  return verdict.recognisable.length > 0 ? 'recognisable' : 'panel';
}

/** Plain text fits one popup line: no line breaks from a report's free text. */
const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export interface PopupWords {
  readonly messages: Messages;
  readonly itemName: (item: RecognitionItem) => string;
  readonly showMarks: boolean;
}

function resultOf(candidate: Candidate<StoredResult>, words: PopupWords): HisResult {
  const { result, institution, window } = candidate;
  const report = result.report;
  return {
    resultId: result.id,
    own: candidate.own,
    institution: {
      id: institution.id,
      name: institution.name,
      level: words.messages.level(institution.level, institution.grade),
    },
    date: window.resultDate,
    ageDays: window.ageDays,
    daysLeft: window.daysLeft,
    standsFor: candidate.via ? words.itemName(candidate.via) : null,
    mark: result.mark ?? null,
    values: report.kind === 'lab' ? report.values : [],
    findings: report.kind === 'imaging' ? report.findings : null,
    conclusion: report.kind === 'imaging' ? report.impression : null,
    viewerUrl: report.kind === 'imaging' ? (viewerUrlOf(report.viewerUrl ?? undefined) ?? null) : null,
  };
}

/** One result as one line: where and when, then its values (lab) or its findings (imaging), never the conclusion. */
function resultLine(result: HisResult, position: number, words: PopupWords): string {
  const { messages } = words;
  const where = `${position}. ${messages.origin(result.own)}·${result.institution.name}${messages.aside(result.institution.level)}`;
  const when = messages.resultLine(result.date, result.ageDays, result.daysLeft);
  const mark = words.showMarks && result.mark ? ` ${messages.markLabel}${messages.colon}${result.mark}` : '';
  const content =
    result.values.length > 0
      ? result.values
          .map((value) =>
            messages.hisValue(
              value.name,
              value.value,
              value.unit ? typesetUnit(value.unit) : null,
              value.referenceRange,
              value.flag ? (ownValue(messages.flags, value.flag) ?? value.flag) : null,
            ),
          )
          .join(messages.listSeparator)
      : result.findings
        ? `${messages.findingsLabel}${messages.colon}${result.findings}`
        : '';
  return oneLine([`${where} ${when}${mark}`, content].filter(Boolean).join(' ｜ '), 500);
}

/** The answer for one order, before its prompt is recorded: verdict, results and the popup text. */
export function renderHisOrder(
  verdict: Verdict<StoredResult>,
  order: { readonly orderId: string; readonly code: string },
  words: PopupWords,
): Omit<HisOrderAnswer, 'promptId' | 'decisionUrl' | 'decisionUrlExpiresAt'> {
  const kind = hisVerdictOf(verdict);
  const item = verdict.item ? { code: verdict.item.code, name: words.itemName(verdict.item) } : null;
  const base = { orderId: order.orderId, code: order.code, item, verdict: kind };
  if (!verdict.item || (kind !== 'recognisable' && kind !== 'inform' && kind !== 'panel'))
    return { ...base, popupText: '', results: [] };
  const { messages } = words;
  const itemName = words.itemName(verdict.item);
  const emergency = verdict.presentation === 'inform' ? [messages.emergencyNote] : [];
  if (verdict.recognisable.length > 0) {
    const results = verdict.recognisable.map((candidate) => resultOf(candidate, words));
    const best = verdict.recognisable[0] as Candidate<StoredResult>;
    const summarise = kind === 'inform' ? messages.informSummary : messages.orderSummary;
    const lines = [
      ...emergency,
      summarise(itemName, best.institution.name, best.window.resultDate, best.window.ageDays, best.own),
      ...results.map((result, index) => resultLine(result, index + 1, words)),
      ...(kind === 'inform' ? [] : [messages.hisNextStep]),
    ];
    return { ...base, popupText: lines.join('\n'), results };
  }
  const components = verdict.components.map((component) => ({
    name: words.itemName(component.item),
    result: resultOf(component.recognisable[0] as Candidate<StoredResult>, words),
  }));
  const lines = [
    ...emergency,
    messages.panelSummary(
      itemName,
      components.map((component) => component.name),
    ),
    ...components.map(({ name, result }, index) => `${name}${messages.colon}${resultLine(result, index + 1, words)}`),
    messages.hisPanelNextStep,
  ];
  return { ...base, popupText: lines.join('\n'), results: components.map((component) => component.result) };
}

/** The exception reasons as a code table for the HIS's dictionary. */
export function reasonTable(messages: Messages) {
  return EXCEPTION_REASONS.map((code) => ({
    code,
    text: messages.exceptionReasons[code],
    explanationRequired: needsExplanation(code),
  }));
}
