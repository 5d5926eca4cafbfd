import { randomUUID } from 'node:crypto';
import { EXCEPTION_REASONS, type Candidate, type RecognitionItem, type Verdict } from '../../rules';
import type { Messages } from '../i18n';
import { SYSTEMS } from '../fhir/systems';
import type { OfferedCandidate } from '../contract/quality';
import type { StoredResult } from '../store/results';
import type { Action, Card, Coding, Link, Source, Suggestion } from '../contract/cds-hooks';
import type { DraftOrder } from '../pipeline/resolution';
import { escapeMarkdown, escapeParagraph, fitSummary, link, renderedOr, table } from './markdown';
import { ownValue } from '../web/own-key';
import { viewerUrlOf } from '../fhir/viewer-url';
import { typesetUnit } from '../contract/units';

/** Suggestions offered per card; more results stay in the app. */
const MAX_SUGGESTIONS = 3;

export interface CardContext {
  readonly messages: Messages;
  /** The hospital's configured indicator for order prompts. */
  readonly indicator: 'info' | 'warning';
  readonly publicUrl: string;
  /** The region asks for recognition marks: show each result's mark (where it does not, "no mark" says nothing). */
  readonly showMarks: boolean;
  readonly itemName: (item: RecognitionItem) => string;
  readonly localTestSystem: (itemCode: string) => { method: string | null; brand: string | null } | undefined;
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

function testSystemText(system: { method: string | null; brand: string | null }, messages: Messages): string {
  return [
    system.method && `${messages.methodLabel}${messages.colon}${system.method}`,
    system.brand && `${messages.brandLabel}${messages.colon}${system.brand}`,
  ]
    .filter(Boolean)
    .join(messages.listSeparator);
}

/** The viewer link, unless its address cannot be a link (then the findings still show). */
function viewerLink(label: string, url: string): string[] {
  try {
    return ['', link(label, url)];
  } catch {
    return [];
  }
}

function candidateDetail(
  candidate: Candidate<StoredResult>,
  position: number,
  item: RecognitionItem,
  context: CardContext,
): string {
  const { messages } = context;
  const { result, institution, window } = candidate;
  const heading = [
    `**${position}. ${messages.origin(candidate.own)}·${escapeMarkdown(institution.name)}**${messages.aside(escapeMarkdown(messages.level(institution.level, institution.grade)))}`,
    escapeMarkdown(messages.resultLine(window.resultDate, window.ageDays, window.daysLeft)),
    ...(context.showMarks && result.mark
      ? [`${messages.markLabel}${messages.colon}${escapeMarkdown(result.mark)}`]
      : []),
  ].join(' · ');
  const lines = [heading];
  if (candidate.via)
    lines.push('', escapeMarkdown(messages.standsFor(context.itemName(candidate.via), context.itemName(item))));
  const report = result.report;
  if (report.kind === 'lab' && report.values.length > 0) {
    lines.push(
      '',
      table(
        messages.labColumns,
        report.values.map((value) => [
          value.name,
          value.value,
          value.unit ? typesetUnit(value.unit) : '',
          value.referenceRange ?? '',
          value.flag ? (ownValue(messages.flags, value.flag) ?? value.flag) : '',
        ]),
      ),
    );
  }
  if (report.kind === 'imaging') {
    if (report.findings)
      lines.push('', `**${messages.findingsLabel}**${messages.colon}${escapeParagraph(report.findings)}`);
    // Checked again as at ingest: an address stored before the check existed is left out, not linked.
    const viewer = viewerUrlOf(report.viewerUrl ?? undefined);
    if (viewer) lines.push(...viewerLink(messages.viewImages, viewer));
    // The other doctor's conclusion is not part of the recognised result: apart, and for reference only.
    if (report.impression)
      lines.push(
        '',
        `*${messages.impressionLabel(candidate.own)}*${messages.colon}${escapeParagraph(report.impression)}`,
      );
  }
  if (item.annotation !== 'none') {
    const stated = testSystemText(result.testSystem, messages);
    if (stated) lines.push('', `${messages.testSystemLabel}${messages.colon}${escapeMarkdown(stated)}`);
    const ours = context.localTestSystem(item.code);
    if (candidate.warnings.length > 0 && ours)
      lines.push('', escapeMarkdown(messages.methodDiffers(testSystemText(ours, messages))));
  }
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
  verdict: Verdict<StoredResult>,
  item: RecognitionItem,
  order: DraftOrder,
  context: CardContext,
  identity: CardIdentity,
): RenderedCard {
  const { messages } = context;
  const best = verdict.recognisable[0] as Candidate<StoredResult>;
  const itemName = context.itemName(item);
  const inform = verdict.presentation === 'inform';
  const offered = verdict.recognisable.map((candidate, index) =>
    offerOf(candidate, order.orderRef && index < MAX_SUGGESTIONS ? randomUUID() : null),
  );
  const suggestions: Suggestion[] = verdict.recognisable.flatMap((candidate, index) => {
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
  const shown = verdict.recognisable.slice(0, MAX_SUGGESTIONS);
  const detail = [
    ...(inform ? [`> ${messages.emergencyNote}`, ''] : []),
    orderedItemLine(itemName, order, messages),
    '',
    `**${messages.recognisableHeading}**`,
    '',
    shown
      .map((candidate, index) =>
        renderedOr(
          () => candidateDetail(candidate, index + 1, item, context),
          `**${index + 1}. ${escapeMarkdown(candidate.institution.name)}**`,
        ),
      )
      .join('\n\n'),
    ...(verdict.recognisable.length > shown.length
      ? ['', messages.moreResults(verdict.recognisable.length - shown.length)]
      : []),
  ].join('\n');
  const summarise = inform ? messages.informSummary : messages.orderSummary;
  return {
    offered,
    card: {
      uuid: identity.uuid,
      summary: fitSummary(
        summarise(itemName, best.institution.name, best.window.resultDate, best.window.ageDays, best.own),
      ),
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
  verdict: Verdict<StoredResult>,
  panel: RecognitionItem,
  order: DraftOrder,
  context: CardContext,
  identity: CardIdentity,
): RenderedCard {
  // No app link: the panel itself is still to be done; there is no repeat to decide on.
  const { messages } = context;
  const best = verdict.components.map((component) => ({
    component,
    candidate: component.recognisable[0] as Candidate<StoredResult>,
  }));
  const names = best.map(({ component }) => context.itemName(component.item));
  const suggestionId = randomUUID();
  const offered = best.map(({ component, candidate }) => offerOf(candidate, suggestionId, component.item));
  const records = best.flatMap(({ component, candidate }): Action[] =>
    candidate.own
      ? []
      : [
          {
            type: 'create',
            description: messages.recordResult(
              context.itemName(component.item),
              candidate.institution.name,
              candidate.window.resultDate,
            ),
            resource: context.recordOf(candidate, component.item),
          },
        ],
  );
  const detail = [
    ...(verdict.presentation === 'inform' ? [`> ${messages.emergencyNote}`, ''] : []),
    orderedItemLine(context.itemName(panel), order, messages),
    '',
    `**${messages.panelHeading}**`,
    '',
    best
      .map(
        ({ component, candidate }, index) =>
          `${escapeMarkdown(context.itemName(component.item))}${messages.colon.trim()}\n\n${renderedOr(
            () => candidateDetail(candidate, index + 1, component.item, context),
            `**${index + 1}. ${escapeMarkdown(candidate.institution.name)}**`,
          )}`,
      )
      .join('\n\n'),
  ].join('\n');
  return {
    offered,
    card: {
      uuid: identity.uuid,
      summary: fitSummary(messages.panelSummary(context.itemName(panel), names)),
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
  const item = verdict.item;
  if (!item || verdict.presentation === 'silent') return null;
  if (verdict.recognisable.length > 0) return renderRepeatCard(verdict, item, order, context, identity);
  if (verdict.components.length > 0) return renderPanelCard(verdict, item, order, context, identity);
  return null;
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
