import { randomUUID } from 'node:crypto';
import { EXCEPTION_REASONS, type Candidate, type RecognitionItem, type Verdict } from '../../rules';
import type { Messages } from '../i18n';
import { SYSTEMS } from '../fhir/systems';
import type { OfferedCandidate } from '../contract/quality';
import type { StoredResult } from '../store/results';
import type { Action, Card, Coding, Link, Source, Suggestion } from '../contract/cds-hooks';
import type { DraftOrder } from '../pipeline/resolution';
import { escapeMarkdown, escapeParagraph, fitSummary, link, table } from './markdown';
import { orderContent, type ContentWords, type OrderContent, type ShownResult } from '../pipeline/order-content';

/** Suggestions offered per card; more results stay in the app. */
const MAX_SUGGESTIONS = 3;

export interface CardContext extends ContentWords {
  /** The hospital's configured indicator for order prompts. */
  readonly indicator: 'info' | 'warning';
  readonly publicUrl: string;
  /** The accepted result as the DiagnosticReport to create in the patient's record (002: 检查结果、检查机构名称、检查时间). */
  readonly recordOf: (candidate: Candidate<StoredResult>, item: RecognitionItem) => Record<string, unknown>;
}

export interface RenderedCard {
  readonly card: Card;
  readonly offered: readonly OfferedCandidate[];
}

export function offerOf(
  candidate: Candidate<StoredResult>,
  suggestionId: string | null,
  covers: RecognitionItem | null = null,
): OfferedCandidate {
  return {
    resultId: candidate.result.id,
    suggestionId,
    institutionId: candidate.institution.id,
    effectiveAt: candidate.result.effectiveAt,
    ageDays: candidate.window.ageDays,
    daysLeft: candidate.window.daysLeft,
    warnings: [...candidate.warnings],
    own: candidate.own,
    viaItemCode: candidate.via?.code ?? null,
    coversItemCode: covers?.code ?? null,
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
  return EXCEPTION_REASONS.map((code) => ({
    system: SYSTEMS.exceptionReason,
    code,
    display: messages.exceptionReasons[code],
  }));
}

/** The viewer link, unless its address cannot be a link (then the findings still show). */
function viewerLink(label: string, url: string): string[] {
  try {
    return ['', link(label, url)];
  } catch {
    return [];
  }
}

/** One result of the prompt's content as card markdown: heading, values or findings, then the annotations. */
function resultMarkdown(shown: ShownResult, messages: Messages): string {
  const { position, content } = shown;
  if (!content) return `**${position}. ${escapeMarkdown(shown.institution)}**`;
  const heading = [
    `**${position}. ${content.origin}·${escapeMarkdown(shown.institution)}**${messages.aside(escapeMarkdown(content.level))}`,
    escapeMarkdown(content.when),
    ...(content.mark ? [`${messages.markLabel}${messages.colon}${escapeMarkdown(content.mark)}`] : []),
  ].join(' · ');
  const lines = [heading];
  if (content.standsFor) lines.push('', escapeMarkdown(content.standsFor));
  if (content.values.length > 0) {
    lines.push(
      '',
      table(
        messages.labColumns,
        content.values.map((value) => [
          value.name,
          value.value,
          value.unit ?? '',
          value.referenceRange ?? '',
          value.flag ?? '',
        ]),
      ),
    );
  }
  if (content.findings)
    lines.push('', `**${messages.findingsLabel}**${messages.colon}${escapeParagraph(content.findings)}`);
  if (content.viewerUrl) lines.push(...viewerLink(messages.viewImages, content.viewerUrl));
  if (content.impression)
    lines.push('', `*${content.impression.label}*${messages.colon}${escapeParagraph(content.impression.text)}`);
  if (content.testSystem)
    lines.push('', `${messages.testSystemLabel}${messages.colon}${escapeMarkdown(content.testSystem)}`);
  if (content.methodDiffers) lines.push('', escapeMarkdown(content.methodDiffers));
  return lines.join('\n');
}

function orderedItemLine(itemName: string, order: DraftOrder, messages: Messages): string {
  const own =
    order.label && order.label !== itemName
      ? `${messages.listSeparator}${messages.hospitalItemName}${messages.colon}${escapeMarkdown(order.label)}`
      : '';
  return `**${messages.orderedItem}**${messages.colon}${escapeMarkdown(itemName)}${own}`;
}

/** Accepting records the result in the chart (not needed for the hospital's own) and drops the draft order. */
function acceptActions(
  candidate: Candidate<StoredResult>,
  item: RecognitionItem,
  order: DraftOrder & { orderRef: string },
  context: CardContext,
): Action[] {
  const { messages } = context;
  const itemName = context.itemName(item);
  const record: Action[] = candidate.own
    ? []
    : [
        {
          type: 'create',
          description: messages.recordResult(itemName, candidate.institution.name, candidate.window.resultDate),
          resource: context.recordOf(candidate, item),
        },
      ];
  return [...record, { type: 'delete', description: messages.deleteOrder(itemName), resourceId: order.orderRef }];
}

function appLink(context: CardContext, identity: CardIdentity): Link {
  return {
    label: context.messages.openApp,
    url: `${context.publicUrl}/app/launch`,
    type: 'smart',
    appContext: JSON.stringify({ promptId: identity.uuid, token: identity.appToken }),
  };
}

export interface CardIdentity {
  readonly uuid: string;
  readonly appToken: string;
}

/**
 * One card for an order with recognisable results: summary, detail, one suggestion per result (record
 * it, drop the order), reasons, and the app link whose appContext (`{promptId, token}`) lets the app
 * decide this card only. In an emergency the card informs and recommends nothing (001: 互认主要适用于非急诊患者).
 */
function renderRepeatCard(
  content: OrderContent,
  order: DraftOrder,
  context: CardContext,
  identity: CardIdentity,
): RenderedCard {
  const { messages } = context;
  const { item, itemName, inform } = content;
  const offered = content.results.map(({ candidate }, index) =>
    offerOf(candidate, order.orderRef && index < MAX_SUGGESTIONS ? randomUUID() : null),
  );
  const suggestions: Suggestion[] = content.results.flatMap(({ candidate }, index) => {
    const suggestionId = offered[index]?.suggestionId;
    const { orderRef } = order;
    if (!suggestionId || !orderRef) return [];
    return [
      {
        label: messages.acceptSuggestion(candidate.institution.name, candidate.window.resultDate, candidate.own),
        uuid: suggestionId,
        isRecommended: !inform && index === 0,
        actions: acceptActions(candidate, item, { ...order, orderRef }, context),
      },
    ];
  });
  const shown = content.results.slice(0, MAX_SUGGESTIONS);
  const detail = [
    ...(inform ? [`> ${messages.emergencyNote}`, ''] : []),
    orderedItemLine(itemName, order, messages),
    '',
    `**${messages.recognisableHeading}**`,
    '',
    shown.map((result) => resultMarkdown(result, messages)).join('\n\n'),
    ...(content.results.length > shown.length ? ['', messages.moreResults(content.results.length - shown.length)] : []),
  ].join('\n');
  return {
    offered,
    card: {
      uuid: identity.uuid,
      summary: fitSummary(content.summary),
      detail,
      // Emergency encounters are informed, never blocked: `info` whatever the hospital's usual indicator.
      indicator: inform ? 'info' : context.indicator,
      source: source(context),
      ...(suggestions.length > 0 ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
      overrideReasons: overrideReasons(messages),
      links: [appLink(context, identity)],
    },
  };
}

/**
 * A panel without a recognisable result of its own, some of whose analytes have one: the card says
 * which, so they are not charged again (001: 不得以与其他项目打包等形式再次收取相关费用). Accepting records
 * those results; the panel order stays.
 */
function renderPanelCard(
  content: OrderContent,
  order: DraftOrder,
  context: CardContext,
  identity: CardIdentity,
): RenderedCard {
  // No app link: the panel itself is still to be done; there is no repeat to decide on.
  const { messages } = context;
  const names = content.results.map((result) => result.analyte ?? '');
  const suggestionId = randomUUID();
  const offered = content.results.map((result) => offerOf(result.candidate, suggestionId, result.item));
  const records = content.results.flatMap(({ candidate, item }): Action[] =>
    candidate.own
      ? []
      : [
          {
            type: 'create',
            description: messages.recordResult(
              context.itemName(item),
              candidate.institution.name,
              candidate.window.resultDate,
            ),
            resource: context.recordOf(candidate, item),
          },
        ],
  );
  const detail = [
    ...(content.inform ? [`> ${messages.emergencyNote}`, ''] : []),
    orderedItemLine(content.itemName, order, messages),
    '',
    `**${messages.panelHeading}**`,
    '',
    content.results
      .map(
        (result) =>
          `${escapeMarkdown(result.analyte ?? '')}${messages.colon.trim()}\n\n${resultMarkdown(result, messages)}`,
      )
      .join('\n\n'),
  ].join('\n');
  return {
    offered,
    card: {
      uuid: identity.uuid,
      summary: fitSummary(content.summary),
      detail,
      indicator: 'info',
      source: source(context),
      ...(records.length > 0
        ? {
            suggestions: [
              {
                label: messages.acceptPanelSuggestion(names),
                uuid: suggestionId,
                isRecommended: false,
                actions: records,
              },
            ],
          }
        : {}),
    },
  };
}

/** The card for one order: a repeat of a recognisable result, or a panel with analytes already done; null when neither. */
export function renderOrderCard(
  verdict: Verdict<StoredResult>,
  order: DraftOrder,
  context: CardContext,
  identity: CardIdentity,
): RenderedCard | null {
  const content = orderContent(verdict, context);
  if (!content) return null;
  return content.kind === 'repeat'
    ? renderRepeatCard(content, order, context, identity)
    : renderPanelCard(content, order, context, identity);
}

/** Whether an order has anything a card would show. */
export function hasCard(verdict: Verdict<StoredResult>): boolean {
  return verdict.presentation !== 'silent' && (verdict.recognisable.length > 0 || verdict.components.length > 0);
}

/** patient-view: one view-only card listing every recognisable result still in its window, 本院 or 外院. */
export function renderHistoryCard(
  verdicts: readonly Verdict<StoredResult>[],
  context: CardContext,
): RenderedCard | null {
  const { messages } = context;
  const candidates = verdicts.flatMap((verdict) =>
    verdict.recognisable
      .filter((candidate) => candidate.via === null)
      .slice(0, 1)
      .map((candidate) => ({ verdict, candidate })),
  );
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => Date.parse(b.candidate.result.effectiveAt) - Date.parse(a.candidate.result.effectiveAt));
  const rows = candidates.map(({ verdict, candidate }) => [
    context.itemName(verdict.item as RecognitionItem),
    `${messages.origin(candidate.own)}·${candidate.institution.name}`,
    candidate.window.resultDate,
    messages.daysLeft(candidate.window.daysLeft),
  ]);
  const own = candidates.filter(({ candidate }) => candidate.own).length;
  return {
    offered: candidates.map(({ candidate }) => offerOf(candidate, null)),
    card: {
      uuid: randomUUID(),
      summary: fitSummary(messages.historySummary(candidates.length, own)),
      detail: table(messages.historyColumns, rows),
      indicator: 'info',
      source: source(context),
    },
  };
}
