import { randomUUID } from 'node:crypto';
import { EXCEPTION_REASONS, type Candidate, type RecognitionItem, type Verdict } from '../../rules';
import type { Messages } from '../i18n';
import { SYSTEMS } from '../fhir/systems';
import type { OfferedCandidate } from '../store/prompts';
import type { StoredResult } from '../store/results';
import type { Card, Coding, Link, Source, Suggestion } from './cds-hooks';
import type { DraftOrder } from './assessment';
import { escapeMarkdown, escapeParagraph, fitSummary, link, renderedOr, table } from './markdown';

/** Suggestions offered per card; more results stay in the app. */
const MAX_SUGGESTIONS = 3;

export interface CardContext {
  readonly messages: Messages;
  /** The hospital's configured indicator for order prompts. */
  readonly indicator: 'info' | 'warning';
  readonly publicUrl: string;
  readonly itemName: (item: RecognitionItem) => string;
  readonly institutionName: (id: string) => string;
  readonly localTestSystem: (itemCode: string) => { method: string | null; brand: string | null } | undefined;
}

export interface RenderedCard {
  readonly card: Card;
  readonly offered: readonly OfferedCandidate[];
}

function offer(candidate: Candidate<StoredResult>, suggestionId: string | null): OfferedCandidate {
  return {
    resultId: candidate.result.id,
    suggestionId,
    institutionId: candidate.institution.id,
    effectiveAt: candidate.result.effectiveAt,
    ageDays: candidate.window.ageDays,
    daysLeft: candidate.window.daysLeft,
    warnings: [...candidate.warnings],
  };
}

function source(context: CardContext): Source {
  return {
    label: context.messages.sourceLabel,
    url: context.publicUrl,
    topic: { system: SYSTEMS.topic, code: 'result-recognition', display: context.messages.topicDisplay },
  };
}

export function overrideReasons(messages: Messages): Coding[] {
  return EXCEPTION_REASONS.map((code) => ({ system: SYSTEMS.exceptionReason, code, display: messages.exceptionReasons[code] }));
}

function testSystemText(system: { method: string | null; brand: string | null }, messages: Messages): string {
  return [system.method && `${messages.methodLabel}: ${system.method}`, system.brand && `${messages.brandLabel}: ${system.brand}`]
    .filter(Boolean)
    .join(', ');
}

function candidateDetail(candidate: Candidate<StoredResult>, position: number, item: RecognitionItem, context: CardContext): string {
  const { messages } = context;
  const { result, institution, window } = candidate;
  const lines = [
    `**${position}. ${escapeMarkdown(institution.name)}**（${escapeMarkdown(messages.level(institution.level, institution.grade))}）· ${escapeMarkdown(messages.resultLine(window.resultDate, window.ageDays, window.daysLeft))} · ${messages.markLabel}: ${escapeMarkdown(result.mark ?? messages.noMark)}`,
  ];
  const report = result.report;
  if (report.kind === 'lab' && report.values.length > 0) {
    lines.push(
      '',
      table(
        messages.labColumns,
        report.values.map((value) => [value.name, value.value, value.unit ?? '', value.referenceRange ?? '', value.flag ? (messages.flags[value.flag] ?? value.flag) : '']),
      ),
    );
  }
  if (report.kind === 'imaging') {
    if (report.findings) lines.push('', `**${messages.findingsLabel}**: ${escapeParagraph(report.findings)}`);
    if (report.impression) lines.push('', `**${messages.impressionLabel}**: ${escapeParagraph(report.impression)}`);
    if (report.viewerUrl) lines.push('', link(messages.viewImages, report.viewerUrl));
  }
  if (item.methodRelevant) {
    const stated = testSystemText(result.testSystem, messages);
    if (stated) lines.push('', `${messages.testSystemLabel}: ${escapeMarkdown(stated)}`);
    const ours = context.localTestSystem(item.code);
    if (candidate.warnings.includes('method.differs') && ours) lines.push('', escapeMarkdown(messages.methodDiffers(testSystemText(ours, messages))));
  }
  return lines.join('\n');
}

/**
 * One card for an order with recognisable results: summary, detail, one suggestion per result,
 * reasons, and the app link whose appContext (`{promptId, token}`) lets the app decide this card only.
 */
export function renderOrderCard(
  verdict: Verdict<StoredResult>,
  order: DraftOrder,
  context: CardContext,
  identity: { readonly uuid: string; readonly appToken: string },
): RenderedCard {
  const { messages } = context;
  const item = verdict.item as RecognitionItem;
  const best = verdict.recognisable[0] as Candidate<StoredResult>;
  const itemName = context.itemName(item);
  const { uuid } = identity;
  const offered = verdict.recognisable.map((candidate, index) =>
    offer(candidate, order.orderRef && index < MAX_SUGGESTIONS ? randomUUID() : null),
  );
  const suggestions: Suggestion[] = verdict.recognisable.flatMap((candidate, index) => {
    const suggestionId = offered[index]?.suggestionId;
    if (!suggestionId || !order.orderRef) return [];
    return [{
      label: messages.acceptSuggestion(candidate.institution.name, candidate.window.resultDate),
      uuid: suggestionId,
      isRecommended: index === 0,
      actions: [{ type: 'delete', description: messages.deleteOrder(itemName), resourceId: order.orderRef }],
    }];
  });
  const shown = verdict.recognisable.slice(0, MAX_SUGGESTIONS);
  const detail = [
    ...(verdict.presentation === 'inform' ? [`> ${messages.emergencyNote}`, ''] : []),
    `**${messages.orderedItem}**: ${escapeMarkdown(itemName)}${order.label && order.label !== itemName ? `（${escapeMarkdown(order.label)}）` : ''}`,
    '',
    `**${messages.recognisableHeading}**`,
    '',
    shown.map((candidate, index) => renderedOr(() => candidateDetail(candidate, index + 1, item, context), `**${index + 1}. ${escapeMarkdown(candidate.institution.name)}**`)).join('\n\n'),
    ...(verdict.recognisable.length > shown.length ? ['', messages.moreResults(verdict.recognisable.length - shown.length)] : []),
  ].join('\n');
  const appLink: Link = {
    label: messages.openApp,
    url: `${context.publicUrl}/app/launch`,
    type: 'smart',
    appContext: JSON.stringify({ promptId: uuid, token: identity.appToken }),
  };
  // Emergency encounters are informed, never blocked: `info` whatever the hospital's usual indicator.
  const indicator = verdict.presentation === 'inform' ? 'info' : context.indicator;
  return {
    offered,
    card: {
      uuid,
      summary: fitSummary(messages.orderSummary(itemName, best.institution.name, best.window.resultDate, best.window.ageDays)),
      detail,
      indicator,
      source: source(context),
      ...(suggestions.length > 0 ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
      overrideReasons: overrideReasons(messages),
      links: [appLink],
    },
  };
}

/** patient-view: one view-only card listing every recognisable external result still in its window. */
export function renderHistoryCard(verdicts: readonly Verdict<StoredResult>[], context: CardContext): RenderedCard | null {
  const { messages } = context;
  const candidates = verdicts.flatMap((verdict) => verdict.recognisable.slice(0, 1).map((candidate) => ({ verdict, candidate })));
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => Date.parse(b.candidate.result.effectiveAt) - Date.parse(a.candidate.result.effectiveAt));
  const rows = candidates.map(({ verdict, candidate }) => [
    context.itemName(verdict.item as RecognitionItem),
    candidate.institution.name,
    candidate.window.resultDate,
    messages.daysLeft(candidate.window.daysLeft),
  ]);
  return {
    offered: candidates.map(({ candidate }) => offer(candidate, null)),
    card: {
      uuid: randomUUID(),
      summary: fitSummary(messages.historySummary(candidates.length)),
      detail: table(messages.historyColumns, rows),
      indicator: 'info',
      source: source(context),
    },
  };
}
