import { localDate } from '../../rules';
import { bool, type Database } from './database';
import {
  patientNotificationSchema,
  type DecisionOutcome,
  type DecisionSource,
  type PatientNotification,
} from '../contract/decisions';

export interface ReasonCoding {
  readonly system: string;
  readonly code: string;
  readonly display: string | null;
}

/** Whether the accepted result reached the EHR's record (the SMART app writes it back). */
export interface WriteBack {
  readonly status: 'written' | 'refused';
  readonly detail: string | null;
}

/** The doctor's decision on one card: accept an external result, override with a reason, or take it back. */
export interface Decision {
  readonly promptId: string;
  readonly hospitalId: string;
  readonly outcome: DecisionOutcome;
  readonly resultId: string | null;
  readonly reason: ReasonCoding | null;
  readonly explanation: string | null;
  readonly notification: PatientNotification | null;
  /** The practitioner of the SMART launch (the hook's user is on the prompt). */
  readonly practitionerRef: string | null;
  readonly practitionerName: string | null;
  readonly source: DecisionSource;
  /** False while something the policy asks for is missing (e.g. an override without patient notification). */
  readonly complete: boolean;
  readonly decidedAt: string;
  readonly writeBack: WriteBack | null;
  /** Made on an order the EHR had already signed: the examination was ordered all the same, nothing was saved. */
  readonly afterSigning?: boolean;
}

export interface StoredDecision extends Decision {
  readonly version: number;
  readonly recordedAt: string;
}

interface DecisionRow {
  prompt_id: string;
  hospital_id: string;
  outcome: DecisionOutcome;
  result_id: string | null;
  reason_system: string | null;
  reason_code: string | null;
  reason_display: string | null;
  explanation: string | null;
  notification: string | null;
  practitioner_ref: string | null;
  practitioner_name: string | null;
  source: DecisionSource;
  complete: boolean | number;
  version: number;
  decided_at: string;
  recorded_at: string;
  write_back_status: WriteBack['status'] | null;
  write_back_detail: string | null;
  after_signing: boolean | number;
}

function toDecision(row: DecisionRow): StoredDecision {
  return {
    promptId: row.prompt_id,
    hospitalId: row.hospital_id,
    outcome: row.outcome,
    resultId: row.result_id,
    reason:
      row.reason_system && row.reason_code
        ? { system: row.reason_system, code: row.reason_code, display: row.reason_display }
        : null,
    explanation: row.explanation,
    notification: row.notification ? patientNotificationSchema.parse(JSON.parse(row.notification)) : null,
    practitionerRef: row.practitioner_ref,
    practitionerName: row.practitioner_name,
    source: row.source,
    complete: bool(row.complete),
    version: Number(row.version),
    decidedAt: row.decided_at,
    recordedAt: row.recorded_at,
    writeBack: row.write_back_status ? { status: row.write_back_status, detail: row.write_back_detail } : null,
    afterSigning: bool(row.after_signing),
  };
}

export async function findDecision(db: Database, promptId: string): Promise<StoredDecision | null> {
  const row = await db<DecisionRow>('decisions').where('prompt_id', promptId).first();
  return row ? toDecision(row) : null;
}

/**
 * The parts of a decision that make it a different decision (time and bookkeeping aside). Whether
 * the EHR took the result into its record is not one: it is kept beside the version (recordWriteBack).
 */
function substance(decision: Decision): string {
  return JSON.stringify([
    decision.outcome,
    decision.resultId,
    decision.reason?.system ?? null,
    decision.reason?.code ?? null,
    decision.explanation,
    decision.notification,
    decision.practitionerRef,
    decision.complete,
    decision.afterSigning ?? false,
  ]);
}

export type RecordOutcome = { readonly changed: boolean; readonly decision: StoredDecision };

/**
 * Writes a decision as a new version, keeping every earlier one in the history. Saying the same
 * thing again changes nothing. Runs in the caller's transaction when given one.
 */
export async function recordDecision(
  db: Database,
  decision: Decision,
  now: Date,
  timeZone: string,
): Promise<RecordOutcome> {
  // Serialises concurrent decisions on one card (EHR feedback and the app at once) on PostgreSQL;
  // SQLite already runs one write transaction at a time.
  await db('prompts').select('id').where('id', decision.promptId).forUpdate().first();
  const current = await findDecision(db, decision.promptId);
  if (current && substance(current) === substance(decision)) return { changed: false, decision: current };
  const version = (current?.version ?? 0) + 1;
  const row = {
    hospital_id: decision.hospitalId,
    outcome: decision.outcome,
    result_id: decision.resultId,
    reason_system: decision.reason?.system ?? null,
    reason_code: decision.reason?.code ?? null,
    reason_display: decision.reason?.display ?? null,
    explanation: decision.explanation,
    notification: decision.notification ? JSON.stringify(decision.notification) : null,
    practitioner_ref: decision.practitionerRef,
    practitioner_name: decision.practitionerName,
    source: decision.source,
    complete: decision.complete,
    version,
    decided_at: decision.decidedAt,
    recorded_at: now.toISOString(),
    decided_on: localDate(new Date(decision.decidedAt), timeZone),
    write_back_status: decision.writeBack?.status ?? null,
    write_back_detail: decision.writeBack?.detail ?? null,
    after_signing: decision.afterSigning ?? false,
  };
  if (current) await db('decisions').where('prompt_id', decision.promptId).update(row);
  else await db('decisions').insert({ prompt_id: decision.promptId, ...row });
  const stored: StoredDecision = { ...decision, afterSigning: row.after_signing, version, recordedAt: row.recorded_at };
  await db('decision_history').insert({
    prompt_id: decision.promptId,
    version,
    snapshot: JSON.stringify(stored),
    recorded_at: row.recorded_at,
  });
  return { changed: true, decision: stored };
}

export async function decisionHistory(db: Database, promptId: string): Promise<StoredDecision[]> {
  const rows = await db<{ snapshot: string }>('decision_history').where('prompt_id', promptId).orderBy('version');
  return rows.map((row) => JSON.parse(row.snapshot) as StoredDecision);
}

/**
 * Notes on the decision in force whether the EHR took its result into the record, without making a
 * new version: the doctor decided once. The history's snapshot of that version carries it too.
 * Answers false when that version is no longer the one in force.
 */
export async function recordWriteBack(
  db: Database,
  promptId: string,
  version: number,
  writeBack: WriteBack,
): Promise<boolean> {
  await db('prompts').select('id').where('id', promptId).forUpdate().first();
  const updated = await db('decisions')
    .where({ prompt_id: promptId, version })
    .update({ write_back_status: writeBack.status, write_back_detail: writeBack.detail });
  if (updated === 0) return false;
  const entry = await db<{ snapshot: string }>('decision_history')
    .where('prompt_id', promptId)
    .andWhere('version', version)
    .first();
  if (entry) {
    const snapshot = { ...(JSON.parse(entry.snapshot) as StoredDecision), writeBack };
    await db('decision_history')
      .where({ prompt_id: promptId, version })
      .update({ snapshot: JSON.stringify(snapshot) });
  }
  return true;
}

/** Of these cards, the ones whose current decision is an acceptance. */
export async function acceptedPromptIds(db: Database, promptIds: readonly string[]): Promise<string[]> {
  return (await db('decisions')
    .whereIn('prompt_id', [...promptIds])
    .andWhere('outcome', 'accepted')
    .pluck('prompt_id')) as string[];
}
