import { EXCEPTION_REASONS, needsExplanation, type Candidate, type Verdict } from '../../rules';
import type { HisOrderAnswer, HisResult, HisVerdict } from '../contract/his';
import { viewerUrlOf } from '../fhir/viewer-url';
import type { Messages } from '../i18n';
import type { StoredResult } from '../store/results';
import { orderContent, type ContentWords, type ShownResult } from '../pipeline/order-content';

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

function resultOf(candidate: Candidate<StoredResult>, words: ContentWords): HisResult {
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
function resultLine(shown: ShownResult, messages: Messages): string {
  const { content } = shown;
  if (!content) return oneLine(`${shown.position}. ${shown.institution}`, 500);
  const where = `${shown.position}. ${content.origin}·${shown.institution}${messages.aside(content.level)}`;
  const mark = content.mark ? ` ${messages.markLabel}${messages.colon}${content.mark}` : '';
  const values =
    content.values.length > 0
      ? content.values
          .map((value) => messages.hisValue(value.name, value.value, value.unit, value.referenceRange, value.flag))
          .join(messages.listSeparator)
      : content.findings
        ? `${messages.findingsLabel}${messages.colon}${content.findings}`
        : '';
  return oneLine([`${where} ${content.when}${mark}`, values].filter(Boolean).join(' ｜ '), 500);
}

/** The answer for one order, before its prompt is recorded: verdict, results and the popup text. */
export function renderHisOrder(
  verdict: Verdict<StoredResult>,
  order: { readonly orderId: string; readonly code: string },
  words: ContentWords,
): Omit<HisOrderAnswer, 'promptId' | 'decisionUrl' | 'decisionUrlExpiresAt'> {
  const kind = hisVerdictOf(verdict);
  const item = verdict.item ? { code: verdict.item.code, name: words.itemName(verdict.item) } : null;
  const base = { orderId: order.orderId, code: order.code, item, verdict: kind };
  const content =
    kind === 'recognisable' || kind === 'inform' || kind === 'panel' ? orderContent(verdict, words) : null;
  if (!content) return { ...base, popupText: '', results: [] };
  const { messages } = words;
  const lines = [
    ...(content.inform ? [messages.emergencyNote] : []),
    content.summary,
    ...content.results.map((result) =>
      content.kind === 'panel'
        ? `${result.analyte ?? ''}${messages.colon}${resultLine(result, messages)}`
        : resultLine(result, messages),
    ),
    // Not charged again holds in an emergency too; the invitation to take the result over does not.
    ...(content.kind === 'panel' ? [messages.hisPanelNextStep] : content.inform ? [] : [messages.hisNextStep]),
  ];
  return {
    ...base,
    popupText: lines.join('\n'),
    results: content.results.map((result) => resultOf(result.candidate, words)),
  };
}

/** The exception reasons as a code table for the HIS's dictionary. */
export function reasonTable(messages: Messages) {
  return EXCEPTION_REASONS.map((code) => ({
    code,
    text: messages.exceptionReasons[code],
    explanationRequired: needsExplanation(code),
  }));
}
