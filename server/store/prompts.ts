import { createHash } from 'node:crypto';
import { z } from 'zod';
import { localDate, type EncounterKind, type Presentation } from '../../rules';
import { offeredCandidateSchema, type OfferedCandidate } from '../contract/quality';
import type { Database } from './database';

/** A card we issued, as the quality department will review it. */
export interface Prompt {
  readonly id: string;
  readonly serviceId: string;
  readonly hookInstance: string;
  readonly hospitalId: string;
  readonly userRef: string;
  readonly practitionerName: string | null;
  readonly departmentCode: string | null;
  readonly departmentName: string | null;
  readonly encounterRef: string | null;
  readonly encounterKind: EncounterKind;
  readonly patientKey: string;
  readonly orderRef: string | null;
  readonly itemCode: string | null;
  readonly presentation: Presentation;
  readonly candidates: readonly OfferedCandidate[];
  readonly createdAt: string;
}

interface PromptRow {
  id: string;
  service_id: string;
  hook_instance: string;
  hospital_id: string;
  user_ref: string;
  practitioner_name: string | null;
  department_code: string | null;
  department_name: string | null;
  encounter_ref: string | null;
  encounter_kind: string;
  patient_key: string;
  order_ref: string | null;
  item_code: string | null;
  presentation: string;
  candidates: string;
  created_at: string;
}

function toPrompt(row: PromptRow): Prompt {
  return {
    id: row.id,
    serviceId: row.service_id,
    hookInstance: row.hook_instance,
    hospitalId: row.hospital_id,
    userRef: row.user_ref,
    practitionerName: row.practitioner_name,
    departmentCode: row.department_code,
    departmentName: row.department_name,
    encounterRef: row.encounter_ref,
    encounterKind: row.encounter_kind as EncounterKind,
    patientKey: row.patient_key,
    orderRef: row.order_ref,
    itemCode: row.item_code,
    presentation: row.presentation as Presentation,
    candidates: z.array(offeredCandidateSchema).parse(JSON.parse(row.candidates)),
    createdAt: row.created_at,
  };
}

/** What makes an order this order: the EHR's draft id alone does not (some reuse one for every draft). */
export interface OrderIdentity {
  readonly hospitalId: string;
  readonly patientKey: string;
  readonly itemCode: string;
  /** The encounter; without one, the local day stands for it. */
  readonly encounterRef: string | null;
  readonly orderRef: string;
}

/** The order's identity as stored in `prompts.order_key` (the quality review groups orders by it). */
export function orderKeyOf(order: OrderIdentity, localDay: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        order.hospitalId,
        order.patientKey,
        order.itemCode,
        order.encounterRef ?? `day:${localDay}`,
        order.orderRef,
      ]),
    )
    .digest('hex');
}

export async function savePrompts(db: Database, prompts: readonly Prompt[], timeZone: string): Promise<void> {
  if (prompts.length === 0) return;
  await db('prompts').insert(
    prompts.map((prompt) => ({
      order_key:
        prompt.orderRef && prompt.itemCode
          ? orderKeyOf(
              { ...prompt, itemCode: prompt.itemCode, orderRef: prompt.orderRef },
              localDate(new Date(prompt.createdAt), timeZone),
            )
          : null,
      id: prompt.id,
      service_id: prompt.serviceId,
      hook_instance: prompt.hookInstance,
      hospital_id: prompt.hospitalId,
      user_ref: prompt.userRef,
      practitioner_name: prompt.practitionerName,
      department_code: prompt.departmentCode,
      department_name: prompt.departmentName,
      encounter_ref: prompt.encounterRef,
      encounter_kind: prompt.encounterKind,
      patient_key: prompt.patientKey,
      order_ref: prompt.orderRef,
      item_code: prompt.itemCode,
      presentation: prompt.presentation,
      candidates: JSON.stringify(prompt.candidates),
      created_at: prompt.createdAt,
      created_on: localDate(new Date(prompt.createdAt), timeZone),
    })),
  );
}

/** Only for prompts whose card never reached the EHR (the hook answered without it). */
export async function deletePrompts(db: Database, ids: readonly string[]): Promise<void> {
  if (ids.length > 0)
    await db('prompts')
      .whereIn('id', [...ids])
      .delete();
}

/** A hospital's prompts created since a time, oldest first (order and history cards). */
export async function findPromptsSince(db: Database, hospitalId: string, since: string): Promise<Prompt[]> {
  return (
    await db<PromptRow>('prompts')
      .where('hospital_id', hospitalId)
      .andWhere('created_at', '>=', since)
      .orderBy('created_at')
  ).map(toPrompt);
}

/** Whether the hospital has met this patient: a card was issued for them there. */
export async function findPrompt(db: Database, id: string): Promise<Prompt | null> {
  const row = await db<PromptRow>('prompts').where('id', id).first();
  return row ? toPrompt(row) : null;
}

export async function findPrompts(db: Database, ids: readonly string[]): Promise<Prompt[]> {
  if (ids.length === 0) return [];
  return (await db<PromptRow>('prompts').whereIn('id', [...ids])).map(toPrompt);
}

export interface OrderHistory {
  readonly promptId: string;
  readonly orderKey: string;
  readonly decided: boolean;
  readonly unexplainedLogged: boolean;
}

/** Earlier prompts for these orders (by identity, see `orderKeyOf`), oldest first, and whether each was decided. */
export async function orderHistory(db: Database, orderKeys: readonly string[]): Promise<OrderHistory[]> {
  if (orderKeys.length === 0) return [];
  const rows = await db('prompts as p')
    .leftJoin('decisions as d', 'd.prompt_id', 'p.id')
    .leftJoin('unexplained_repeats as u', 'u.prompt_id', 'p.id')
    .whereIn('p.order_key', [...orderKeys])
    .orderBy('p.created_at')
    .select<{ id: string; order_key: string; decision: string | null; unexplained: string | null }[]>(
      'p.id',
      'p.order_key',
      'd.prompt_id as decision',
      'u.prompt_id as unexplained',
    );
  return rows.map((row) => ({
    promptId: row.id,
    orderKey: row.order_key,
    decided: row.decision !== null,
    unexplainedLogged: row.unexplained !== null,
  }));
}

export async function logUnexplainedRepeats(
  db: Database,
  entries: readonly { promptId: string; hospitalId: string; hookInstance: string }[],
  now: Date,
  timeZone: string,
): Promise<void> {
  for (const entry of entries) {
    await db('unexplained_repeats')
      .insert({
        prompt_id: entry.promptId,
        hospital_id: entry.hospitalId,
        hook_instance: entry.hookInstance,
        logged_at: now.toISOString(),
        logged_on: localDate(now, timeZone),
      })
      .onConflict('prompt_id')
      .ignore();
  }
}

/** The cards of one order (the same patient's same order reference at a hospital), oldest first. */
export async function promptIdsOfOrder(
  db: Database,
  order: { readonly hospitalId: string; readonly patientKey: string; readonly orderRef: string },
): Promise<string[]> {
  return (await db('prompts')
    .where({ hospital_id: order.hospitalId, patient_key: order.patientKey, order_ref: order.orderRef })
    .orderBy('created_at')
    .pluck('id')) as string[];
}

/** Whether an order got a card from the given (signing) service or has an unexplained repeat logged. */
/**
 * Whether an order was seen signed: prompted at order-sign, logged as an unexplained repeat, or
 * reported signed by a HIS (his_order_events) for any of its prompts.
 */
export async function orderSeenSigned(
  db: Database,
  order: { readonly hospitalId: string; readonly patientKey: string; readonly orderRef: string },
  orderSignService: string,
): Promise<boolean> {
  const row = await db('prompts as p')
    .leftJoin('unexplained_repeats as u', 'u.prompt_id', 'p.id')
    .leftJoin('his_order_events as h', (join) => join.on('h.prompt_id', 'p.id').andOnVal('h.event', 'signed'))
    .where({ 'p.hospital_id': order.hospitalId, 'p.patient_key': order.patientKey, 'p.order_ref': order.orderRef })
    .andWhere((query) =>
      query.where('p.service_id', orderSignService).orWhereNotNull('u.prompt_id').orWhereNotNull('h.prompt_id'),
    )
    .first('p.id');
  return row !== undefined;
}

/** The prompts of one order reference at a hospital (a HIS order id is unique there), newest first. */
export async function promptsOfOrderRef(db: Database, hospitalId: string, orderRef: string): Promise<Prompt[]> {
  return (
    await db<PromptRow>('prompts')
      .where({ hospital_id: hospitalId, order_ref: orderRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(50)
  ).map(toPrompt);
}

/** A patient's cards at these hospitals since a time, not decided yet, newest first (a launch without appContext). */
export async function openPromptsOf(
  db: Database,
  hospitalIds: readonly string[],
  patientKey: string,
  since: string,
): Promise<Prompt[]> {
  if (hospitalIds.length === 0) return [];
  const rows = await db<PromptRow>('prompts as p')
    .leftJoin('decisions as d', 'd.prompt_id', 'p.id')
    .whereIn('p.hospital_id', [...hospitalIds])
    .andWhere('p.patient_key', patientKey)
    .andWhere('p.created_at', '>=', since)
    .whereNotNull('p.item_code')
    .whereNull('d.prompt_id')
    .orderBy([
      { column: 'p.created_at', order: 'desc' },
      { column: 'p.id', order: 'desc' },
    ])
    .limit(20)
    .select('p.*');
  return rows.map(toPrompt);
}
