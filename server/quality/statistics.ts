import type { OrderRecord } from './order-records';
import type { Granularity, OrderOutcome } from '../contract/quality';

/**
 * The national quality target's recognition rate: results recognised ÷ eligible results the patient
 * already had. Here an eligible result is an ordered item for which the patient had a recognisable
 * report of another institution (a prompted order, counted once however often it was prompted); it
 * leaves the denominator only for the two reasons that do not count as non-recognition. An order with
 * no decision, or an unexplained repeat, was not recognised. Emergency orders and repeats of the
 * hospital's own results are counted apart, with the same tally.
 */
export interface Tally {
  readonly orders: number;
  readonly eligible: number;
  readonly accepted: number;
  readonly overridden: number;
  readonly notCounted: number;
  readonly noDecision: number;
  readonly unexplained: number;
  /** accepted ÷ eligible, null when nothing was eligible. */
  readonly rate: number | null;
  readonly yuanSaved: number;
}

export interface Group extends Tally {
  readonly key: string;
  readonly label: string;
}

export interface FlaggedDoctor {
  readonly doctorRef: string;
  readonly doctorName: string | null;
  readonly department: string;
  readonly eligible: number;
  readonly nonRecognitionRate: number;
  readonly departmentNonRecognitionRate: number;
  readonly direction: 'higher' | 'lower';
}

/** The 2024 national guidance's targets for items recognised (004: 地市域内…超过200项; 省域内…超过300项). */
export const RECOGNISED_ITEM_TARGETS = { city: 200, province: 300 } as const;

export interface RecognisedItems {
  /** Distinct catalog items the hospital recognised from other institutions' results in the period. */
  readonly count: number;
  readonly items: readonly { readonly code: string; readonly name: string }[];
  readonly targets: typeof RECOGNISED_ITEM_TARGETS;
}

/** Repeat examinations of the same patient (003: 对同一患者的重复检查检验记录进行统计). */
export interface Repeats {
  /** Orders repeated although another institution's result could be recognised. */
  readonly orders: number;
  readonly patients: number;
  readonly patientsWithMoreThanOne: number;
  /** Per patient (the key's first characters: no identity leaves the hospital's records) and item, most first. */
  readonly byPatientItem: readonly { readonly patient: string; readonly itemCode: string; readonly itemName: string; readonly count: number }[];
}

/** Exceptions (non-recognition that counts) and whether the patient was informed (001: 充分告知患者或其家属). */
export interface Exceptions {
  readonly overridden: number;
  readonly informed: number;
  /** informed ÷ overridden, null without exceptions. */
  readonly informedShare: number | null;
  /** Of those, decisions still missing the explanation their reason needs (counted until completed). */
  readonly explanationMissing: number;
}

export interface Statistics {
  /** The recognition rate's orders: external results, emergencies aside. */
  readonly totals: Tally & { readonly prompts: number };
  readonly inHospital: Tally & { readonly prompts: number };
  readonly emergency: Tally & { readonly prompts: number };
  readonly recognisedItems: RecognisedItems;
  readonly repeats: Repeats;
  readonly exceptions: Exceptions;
  readonly reasons: readonly { readonly system: string | null; readonly code: string | null; readonly display: string | null; readonly count: number; readonly counted: boolean }[];
  readonly byDepartment: readonly Group[];
  readonly byDoctor: readonly Group[];
  readonly byItem: readonly Group[];
  readonly byModality: readonly Group[];
  readonly trend: readonly Group[];
  readonly flaggedDoctors: readonly FlaggedDoctor[];
}

const ZERO: Record<OrderOutcome, number> = { accepted: 0, overridden: 0, 'not-counted': 0, 'no-decision': 0, 'unexplained-repeat': 0 };

export function tally(records: readonly OrderRecord[]): Tally {
  const counts = { ...ZERO };
  let fen = 0;
  for (const record of records) {
    counts[record.outcome] += 1;
    if (record.outcome === 'accepted') fen += record.savingFen;
  }
  const eligible = records.length - counts['not-counted'];
  return {
    orders: records.length,
    eligible,
    accepted: counts.accepted,
    overridden: counts.overridden,
    notCounted: counts['not-counted'],
    noDecision: counts['no-decision'],
    unexplained: counts['unexplained-repeat'],
    rate: eligible > 0 ? counts.accepted / eligible : null,
    yuanSaved: fen / 100,
  };
}

function groupBy(records: readonly OrderRecord[], key: (record: OrderRecord) => string, label: (record: OrderRecord) => string): Group[] {
  const groups = new Map<string, OrderRecord[]>();
  for (const record of records) groups.set(key(record), [...(groups.get(key(record)) ?? []), record]);
  return [...groups.entries()]
    .map(([groupKey, members]) => ({ key: groupKey, label: label(members[0] as OrderRecord), ...tally(members) }))
    .sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key));
}

/** ISO 8601 week of a local date: `2026-W10`. */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(day.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((day.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function period(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return date.slice(0, 7);
  return isoWeek(date);
}

const departmentOf = (record: OrderRecord) => record.departmentName ?? record.departmentCode ?? '';

/**
 * Doctors whose non-recognition rate stands far from their department's: more than two standard
 * errors of a binomial proportion away, with at least five eligible orders, so chance alone rarely flags.
 */
export function flagDoctors(records: readonly OrderRecord[]): FlaggedDoctor[] {
  const flagged: FlaggedDoctor[] = [];
  const byDepartment = new Map<string, OrderRecord[]>();
  for (const record of records) byDepartment.set(departmentOf(record), [...(byDepartment.get(departmentOf(record)) ?? []), record]);
  for (const [department, members] of byDepartment) {
    const whole = tally(members);
    if (whole.rate === null) continue;
    const departmentRate = 1 - whole.rate;
    for (const doctor of groupBy(members, (r) => r.doctorRef, (r) => r.doctorName ?? r.doctorRef)) {
      if (doctor.rate === null || doctor.eligible < 5) continue;
      const rate = 1 - doctor.rate;
      const standardError = Math.sqrt((departmentRate * (1 - departmentRate)) / doctor.eligible);
      if (Math.abs(rate - departmentRate) > 2 * standardError && rate !== departmentRate) {
        flagged.push({
          doctorRef: doctor.key, doctorName: doctor.label === doctor.key ? null : doctor.label, department, eligible: doctor.eligible,
          nonRecognitionRate: rate, departmentNonRecognitionRate: departmentRate, direction: rate > departmentRate ? 'higher' : 'lower',
        });
      }
    }
  }
  return flagged;
}

const prompted = (records: readonly OrderRecord[]) => ({ prompts: records.reduce((sum, record) => sum + record.promptIds.length, 0), ...tally(records) });

export function recognisedItems(external: readonly OrderRecord[], itemName: (code: string) => string): RecognisedItems {
  const codes = [...new Set(external.filter((record) => record.outcome === 'accepted').flatMap((record) => record.recognisableItems))].sort();
  return { count: codes.length, items: codes.map((code) => ({ code, name: itemName(code) })), targets: RECOGNISED_ITEM_TARGETS };
}

/** An order is a repeat when the examination was done again despite the external result: overridden, not counted, or signed unexplained. */
const REPEATED: ReadonlySet<OrderOutcome> = new Set(['overridden', 'not-counted', 'unexplained-repeat']);

export function repeats(external: readonly OrderRecord[]): Repeats {
  const repeated = external.filter((record) => REPEATED.has(record.outcome));
  const perPatientItem = new Map<string, { patient: string; itemCode: string; itemName: string; count: number }>();
  const perPatient = new Map<string, number>();
  for (const record of repeated) {
    const key = `${record.patientKey}|${record.itemCode}`;
    const known = perPatientItem.get(key) ?? { patient: record.patientKey.slice(0, 8), itemCode: record.itemCode, itemName: record.itemName, count: 0 };
    perPatientItem.set(key, { ...known, count: known.count + 1 });
    perPatient.set(record.patientKey, (perPatient.get(record.patientKey) ?? 0) + 1);
  }
  return {
    orders: repeated.length,
    patients: perPatient.size,
    patientsWithMoreThanOne: [...perPatient.values()].filter((count) => count > 1).length,
    byPatientItem: [...perPatientItem.values()].sort((a, b) => b.count - a.count || a.patient.localeCompare(b.patient) || a.itemCode.localeCompare(b.itemCode)),
  };
}

export function exceptions(external: readonly OrderRecord[]): Exceptions {
  const overridden = external.filter((record) => record.outcome === 'overridden');
  const informed = overridden.filter((record) => record.notified).length;
  return { overridden: overridden.length, informed, informedShare: overridden.length > 0 ? informed / overridden.length : null, explanationMissing: overridden.filter((record) => record.explanationMissing).length };
}

/** The figures of a set of orders; breakdowns, trend, reasons and flags are about the recognition rate's (external) orders. */
export function statistics(all: readonly OrderRecord[], granularity: Granularity, catalogName: (code: string) => string | undefined = () => undefined): Statistics {
  const records = all.filter((record) => record.scope === 'external');
  const names = new Map(all.map((record) => [record.itemCode, record.itemName]));
  const reasons = new Map<string, { system: string | null; code: string | null; display: string | null; count: number; counted: boolean }>();
  for (const record of records) {
    if (record.outcome !== 'overridden' && record.outcome !== 'not-counted') continue;
    const key = `${record.reasonSystem}|${record.reasonCode}|${record.outcome}`;
    const known = reasons.get(key) ?? { system: record.reasonSystem, code: record.reasonCode, display: record.reasonDisplay, count: 0, counted: record.outcome === 'overridden' };
    reasons.set(key, { ...known, count: known.count + 1 });
  }
  const trend = groupBy(records, (r) => period(r.createdOn, granularity), (r) => period(r.createdOn, granularity)).sort((a, b) => a.key.localeCompare(b.key));
  return {
    totals: prompted(records),
    inHospital: prompted(all.filter((record) => record.scope === 'in-hospital')),
    emergency: prompted(all.filter((record) => record.scope === 'emergency')),
    recognisedItems: recognisedItems(records, (code) => names.get(code) ?? catalogName(code) ?? code),
    repeats: repeats(records),
    exceptions: exceptions(records),
    reasons: [...reasons.values()].sort((a, b) => Number(b.counted) - Number(a.counted) || b.count - a.count || String(a.code).localeCompare(String(b.code))),
    byDepartment: groupBy(records, (r) => r.departmentCode ?? departmentOf(r), departmentOf),
    byDoctor: groupBy(records, (r) => r.doctorRef, (r) => r.doctorName ?? r.doctorRef),
    byItem: groupBy(records, (r) => r.itemCode, (r) => r.itemName),
    byModality: groupBy(records, (r) => r.modality, (r) => r.modality),
    trend,
    flaggedDoctors: flagDoctors(records),
  };
}
