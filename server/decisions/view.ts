import { HIS_SERVICE_ID } from '../contract/his';
import {
  countsAsNonRecognition,
  dayBound,
  EXCEPTION_REASONS,
  EXPLANATION_MAX_LENGTH,
  localDate,
  needsExplanation,
  type ExceptionReason,
  type RecognitionItem,
} from '../../rules';
import { SYSTEMS } from '../fhir/systems';
import type { Messages } from '../i18n';
import type { StoredDecision } from '../store/decisions';
import type { PromptContext } from './prompt-context';
import type { DecisionView, PromptView } from '../contract/decisions';
import { writeBackReport } from './write-back';

/** The window in days as the hospital's override bounds it: its narrower days, or the catalog's bound. */
function effectiveDays(narrowedToDays: number | null, item: RecognitionItem): number {
  const bound = dayBound(item.window);
  return narrowedToDays === null ? bound : Math.min(narrowedToDays, bound);
}

export function decisionView(decision: StoredDecision, messages: Messages): DecisionView {
  const ours =
    decision.reason?.system === SYSTEMS.exceptionReason &&
    (EXCEPTION_REASONS as readonly string[]).includes(decision.reason.code);
  return {
    version: decision.version,
    outcome: decision.outcome,
    resultId: decision.resultId,
    reason: decision.reason,
    reasonText: decision.reason
      ? ours
        ? messages.exceptionReasons[decision.reason.code as ExceptionReason]
        : (decision.reason.display ?? decision.reason.code)
      : null,
    explanation: decision.explanation,
    notification: decision.notification,
    practitioner: decision.practitionerRef ? { ref: decision.practitionerRef, name: decision.practitionerName } : null,
    source: decision.source,
    complete: decision.complete,
    decidedAt: decision.decidedAt,
    recordedAt: decision.recordedAt,
    writeBack: decision.writeBack,
    afterSigning: decision.afterSigning ?? false,
  };
}

/**
 * A decision stays editable on the day it was first made; one the EHR left incomplete (an override
 * without the patient notification) stays open until it is completed.
 */
export function isEditable(context: Pick<PromptContext, 'decision' | 'history'>, now: Date, timeZone: string): boolean {
  const first = context.history[0];
  if (!context.decision || !first) return true;
  if (!context.decision.complete) return true;
  return localDate(new Date(first.decidedAt), timeZone) === localDate(now, timeZone);
}

export function writeBackFor(
  context: PromptContext,
  messages: Messages,
  timeZone: string,
): Record<string, unknown> | null {
  const { decision, verdict, reference } = context;
  if (decision?.outcome !== 'accepted' || !decision.resultId || !verdict.item) return null;
  // A HIS files the accepted result itself (it reads the decision back); there is no FHIR record to write to.
  if (context.prompt.serviceId === HIS_SERVICE_ID) return null;
  const result = [...verdict.recognisable.map((c) => c.result), ...verdict.excluded.map((e) => e.result)].find(
    (r) => r.id === decision.resultId,
  );
  if (!result) return null;
  return writeBackReport(
    result,
    verdict.item,
    reference.institutions.get(result.institutionId),
    new Date(decision.decidedAt),
    messages,
    localDate(new Date(result.effectiveAt), timeZone),
    result.institutionId === context.prompt.hospitalId,
  );
}

export function promptView(
  context: PromptContext,
  locale: 'zh-CN' | 'en',
  messages: Messages,
  now: Date,
  timeZone: string,
): PromptView {
  const { prompt, verdict, reference, configuration } = context;
  const item = verdict.item ?? reference.catalog.get(prompt.itemCode);
  if (!item) throw new Error(`catalog item ${prompt.itemCode} of prompt ${prompt.id} is gone`);
  const institution = (id: string) => {
    const record = reference.institutions.get(id);
    return {
      id,
      name: record?.name ?? id,
      level: record?.level ?? null,
      levelText: record ? messages.level(record.level, record.grade) : null,
    };
  };
  const offered = new Map(prompt.candidates.map((candidate) => [candidate.resultId, candidate.suggestionId]));
  return {
    prompt: {
      id: prompt.id,
      serviceId: prompt.serviceId,
      createdAt: prompt.createdAt,
      orderRef: prompt.orderRef,
      encounterKind: { code: prompt.encounterKind, text: messages.encounterKinds[prompt.encounterKind] },
      department: prompt.departmentName,
      orderedBy: { ref: prompt.userRef, name: prompt.practitionerName },
    },
    hospital: { id: prompt.hospitalId, name: reference.institutions.get(prompt.hospitalId)?.name ?? prompt.hospitalId },
    item: {
      code: item.code,
      name: locale === 'en' ? item.nameEn : item.nameZh,
      kind: item.kind,
      modality: item.modality,
      bodySite: item.bodySite,
      window: item.window,
      windowDays: effectiveDays(configuration.items.get(item.code)?.window.narrowedToDays ?? null, item),
      annotation: item.annotation,
      methodRelevant: item.annotation !== 'none',
    },
    localTestSystem: configuration.localTestSystems.get(item.code) ?? null,
    markRequired: configuration.policy.markRequired,
    emergencyNote: prompt.encounterKind === 'emergency' ? messages.emergencyNote : null,
    recognisable: verdict.recognisable.map((candidate) => ({
      resultId: candidate.result.id,
      suggestionId: offered.get(candidate.result.id) ?? null,
      institution: institution(candidate.result.institutionId),
      mark: candidate.result.mark,
      status: candidate.result.status,
      effectiveAt: candidate.result.effectiveAt,
      resultDate: candidate.window.resultDate,
      ageDays: candidate.window.ageDays,
      daysLeft: candidate.window.daysLeft,
      lastDay: candidate.window.lastDay,
      testSystem: candidate.result.testSystem,
      warnings: candidate.warnings.map((code) => ({ code, text: messages.warnings[code] })),
      own: candidate.own,
      via: candidate.via
        ? { code: candidate.via.code, name: locale === 'en' ? candidate.via.nameEn : candidate.via.nameZh }
        : null,
      report: candidate.result.report,
    })),
    excluded: verdict.excluded.map((exclusion) => ({
      resultId: exclusion.result.id,
      institution: institution(exclusion.result.institutionId),
      status: exclusion.result.status,
      resultDate: exclusion.window.resultDate,
      ageDays: exclusion.window.ageDays,
      reasons: exclusion.reasons.map((code) => ({ code, text: messages.exclusionReasons[code] })),
      report: exclusion.result.report,
    })),
    exceptionReasons: EXCEPTION_REASONS.map((code) => ({
      code,
      text: messages.exceptionReasons[code],
      countsAsNonRecognition: countsAsNonRecognition(code),
      needsExplanation: needsExplanation(code),
    })),
    explanationMaxLength: EXPLANATION_MAX_LENGTH,
    decision: context.decision ? decisionView(context.decision, messages) : null,
    history: context.history.map((version) => decisionView(version, messages)),
    editable: isEditable(context, now, timeZone),
    writeBackResource: writeBackFor(context, messages, timeZone),
  };
}
