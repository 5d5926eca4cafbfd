import dayjs from 'dayjs';
import isoWeekPlugin from 'dayjs/plugin/isoWeek.js';
import type { Database } from '../store/database';
import { exceptionCounts, exceptionFigure, reasonCounts, reasonFigure } from '../store/quality-exceptions';
import { figureRows } from '../store/quality-figures';
import type { OrderCriteria, OrderPeriod } from '../store/quality-orders';
import {
  recognisedFigure,
  recognisedItemCodes,
  repeatCounts,
  repeatFigure,
  type RepeatCount,
} from '../store/quality-repeats';
import { GROUP_KEYS, tallyFigure, tallyRows, type OutcomeCounts, type TallyRow } from '../store/quality-tallies';
import type { Granularity } from '../contract/quality';

dayjs.extend(isoWeekPlugin);

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
  readonly byPatientItem: readonly {
    readonly patient: string;
    readonly itemCode: string;
    readonly itemName: string;
    readonly count: number;
  }[];
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
  readonly reasons: readonly {
    readonly system: string | null;
    readonly code: string | null;
    readonly display: string | null;
    readonly count: number;
    readonly counted: boolean;
  }[];
  readonly byDepartment: readonly Group[];
  readonly byDoctor: readonly Group[];
  readonly byItem: readonly Group[];
  readonly byModality: readonly Group[];
  readonly trend: readonly Group[];
  readonly flaggedDoctors: readonly FlaggedDoctor[];
}

/** The tally of outcome counts (summed in SQL, server/store/quality-tallies.ts). */
export function tally(counts: OutcomeCounts): Tally {
  const eligible = counts.orders - counts.notCounted;
  return {
    orders: counts.orders,
    eligible,
    accepted: counts.accepted,
    overridden: counts.overridden,
    notCounted: counts.notCounted,
    noDecision: counts.noDecision,
    unexplained: counts.unexplained,
    rate: eligible > 0 ? counts.accepted / eligible : null,
    yuanSaved: counts.savingFen / 100,
  };
}

/** The counts of no orders at all. */
export const NO_ORDERS: OutcomeCounts = {
  orders: 0,
  prompts: 0,
  accepted: 0,
  overridden: 0,
  notCounted: 0,
  noDecision: 0,
  unexplained: 0,
  savingFen: 0,
};

/** Two groups' counts together. */
export function added(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  return {
    orders: a.orders + b.orders,
    prompts: a.prompts + b.prompts,
    accepted: a.accepted + b.accepted,
    overridden: a.overridden + b.overridden,
    notCounted: a.notCounted + b.notCounted,
    noDecision: a.noDecision + b.noDecision,
    unexplained: a.unexplained + b.unexplained,
    savingFen: a.savingFen + b.savingFen,
  };
}

/** Groups most orders first, then by key. */
export function groups(
  rows: readonly { readonly key: string; readonly label: string; readonly counts: OutcomeCounts }[],
): Group[] {
  return rows
    .map((row) => ({ key: row.key, label: row.label, ...tally(row.counts) }))
    .sort((a, b) => b.orders - a.orders || a.key.localeCompare(b.key));
}

/** ISO 8601 week of a local date: `2026-W10`. */
export function isoWeek(date: string): string {
  const day = dayjs(date);
  return `${day.isoWeekYear()}-W${String(day.isoWeek()).padStart(2, '0')}`;
}

function period(date: string, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'month') return date.slice(0, 7);
  return isoWeek(date);
}

/** The trend: the days' counts (from SQL) added up into days, ISO weeks or months, in time order. */
export function trend(
  days: readonly { readonly day: string; readonly counts: OutcomeCounts }[],
  granularity: Granularity,
): Group[] {
  const buckets = new Map<string, OutcomeCounts>();
  for (const { day, counts } of days)
    buckets.set(period(day, granularity), added(buckets.get(period(day, granularity)) ?? NO_ORDERS, counts));
  return [...buckets.entries()]
    .map(([key, counts]) => ({ key, label: key, ...tally(counts) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** One doctor's counts within a department (the department as the list shows it: its name, else its code). */
export interface DoctorCounts {
  readonly department: string;
  readonly doctorRef: string;
  readonly doctorLabel: string;
  readonly counts: OutcomeCounts;
  /** Where the doctor's first order in the department stands in time order (departments are judged in that order). */
  readonly firstSeq: number;
}

/**
 * Doctors whose non-recognition rate stands far from their department's: more than two standard
 * errors of a binomial proportion away, with at least five eligible orders, so chance alone rarely flags.
 */
export function flagDoctors(doctors: readonly DoctorCounts[]): FlaggedDoctor[] {
  const byDepartment = new Map<string, DoctorCounts[]>();
  for (const doctor of [...doctors].sort((a, b) => a.firstSeq - b.firstSeq))
    byDepartment.set(doctor.department, [...(byDepartment.get(doctor.department) ?? []), doctor]);
  const flagged: FlaggedDoctor[] = [];
  for (const [department, members] of byDepartment) {
    const whole = tally(members.reduce((sum, member) => added(sum, member.counts), NO_ORDERS));
    if (whole.rate === null) continue;
    const departmentRate = 1 - whole.rate;
    for (const doctor of groups(
      members.map((member) => ({ key: member.doctorRef, label: member.doctorLabel, counts: member.counts })),
    )) {
      if (doctor.rate === null || doctor.eligible < 5) continue;
      const rate = 1 - doctor.rate;
      const standardError = Math.sqrt((departmentRate * (1 - departmentRate)) / doctor.eligible);
      if (Math.abs(rate - departmentRate) > 2 * standardError && rate !== departmentRate) {
        flagged.push({
          doctorRef: doctor.key,
          doctorName: doctor.label === doctor.key ? null : doctor.label,
          department,
          eligible: doctor.eligible,
          nonRecognitionRate: rate,
          departmentNonRecognitionRate: departmentRate,
          direction: rate > departmentRate ? 'higher' : 'lower',
        });
      }
    }
  }
  return flagged;
}

/** Repeats of the same patient from the per patient and item counts (SQL): the key's first characters only leave the store. */
export function repeats(counts: readonly RepeatCount[]): Repeats {
  const perPatient = new Map<string, number>();
  for (const row of counts) perPatient.set(row.patientKey, (perPatient.get(row.patientKey) ?? 0) + row.count);
  return {
    orders: counts.reduce((sum, row) => sum + row.count, 0),
    patients: perPatient.size,
    patientsWithMoreThanOne: [...perPatient.values()].filter((count) => count > 1).length,
    byPatientItem: counts
      .map((row) => ({
        patient: row.patientKey.slice(0, 8),
        itemCode: row.itemCode,
        itemName: row.itemName,
        count: row.count,
      }))
      .sort((a, b) => b.count - a.count || a.patient.localeCompare(b.patient) || a.itemCode.localeCompare(b.itemCode)),
  };
}

/** The outcome counts of a row that carries more (a tally row's keys and labels left behind). */
export const countsOf = (row: OutcomeCounts): OutcomeCounts => ({
  orders: row.orders,
  prompts: row.prompts,
  accepted: row.accepted,
  overridden: row.overridden,
  notCounted: row.notCounted,
  noDecision: row.noDecision,
  unexplained: row.unexplained,
  savingFen: row.savingFen,
});

const labelled = (rows: readonly TallyRow[]) =>
  groups(rows.map((row) => ({ key: row.key, label: row.label, counts: countsOf(row) })));

/**
 * The figures of a hospital's filtered orders in a period, aggregated in SQL in one statement
 * (docs/quality.md): the scopes apart; breakdowns, trend, reasons, repeats and flags are about the
 * recognition rate's (external) orders. Only groups leave the store, never the orders.
 */
export async function orderStatistics(
  db: Database,
  scope: OrderPeriod,
  criteria: OrderCriteria,
  granularity: Granularity,
  catalogName: (code: string) => string | undefined = () => undefined,
): Promise<Statistics> {
  const external = (figure: string, key: string, label: string) =>
    tallyFigure(db, figure, { keys: [key], label, externalOnly: true });
  const figures = await figureRows(db, scope, criteria, [
    tallyFigure(db, 'scope', { keys: [GROUP_KEYS.scope], label: GROUP_KEYS.scope, externalOnly: false }),
    external('department', GROUP_KEYS.department, GROUP_KEYS.departmentLabel),
    external('doctor', GROUP_KEYS.doctor, GROUP_KEYS.doctorLabel),
    external('item', GROUP_KEYS.item, GROUP_KEYS.itemLabel),
    external('modality', GROUP_KEYS.modality, GROUP_KEYS.modality),
    external('day', GROUP_KEYS.day, GROUP_KEYS.day),
    tallyFigure(db, 'department-doctor', {
      keys: [GROUP_KEYS.departmentLabel, GROUP_KEYS.doctor],
      label: GROUP_KEYS.doctorLabel,
      externalOnly: true,
    }),
    reasonFigure(db, 'reason'),
    repeatFigure(db, 'repeat'),
    recognisedFigure(db, 'recognised', scope.locale),
    exceptionFigure(db, 'exceptions'),
  ]);
  const tallies = (figure: string) => tallyRows(figures.get(figure));
  const ofScope = (name: string) => {
    const counts = tallies('scope').find((row) => row.key === name) ?? NO_ORDERS;
    return { prompts: counts.prompts, ...tally(countsOf(counts)) };
  };
  const recognised = recognisedItemCodes(figures.get('recognised'));
  const codes = recognised.map((item) => item.code).sort();
  const names = new Map(recognised.map((item) => [item.code, item.name]));
  const excepted = exceptionCounts(figures.get('exceptions'));
  return {
    totals: ofScope('external'),
    inHospital: ofScope('in-hospital'),
    emergency: ofScope('emergency'),
    recognisedItems: {
      count: codes.length,
      items: codes.map((code) => ({ code, name: names.get(code) ?? catalogName(code) ?? code })),
      targets: RECOGNISED_ITEM_TARGETS,
    },
    repeats: repeats(repeatCounts(figures.get('repeat'))),
    exceptions: {
      ...excepted,
      informedShare: excepted.overridden > 0 ? excepted.informed / excepted.overridden : null,
    },
    reasons: reasonCounts(figures.get('reason')).sort(
      (a, b) =>
        Number(b.counted) - Number(a.counted) || b.count - a.count || String(a.code).localeCompare(String(b.code)),
    ),
    byDepartment: labelled(tallies('department')),
    byDoctor: labelled(tallies('doctor')),
    byItem: labelled(tallies('item')),
    byModality: labelled(tallies('modality')),
    trend: trend(
      tallies('day').map((row) => ({ day: row.key, counts: countsOf(row) })),
      granularity,
    ),
    flaggedDoctors: flagDoctors(
      tallies('department-doctor').map((row) => ({
        department: row.key,
        doctorRef: row.subKey,
        doctorLabel: row.label,
        counts: countsOf(row),
        firstSeq: row.firstSeq,
      })),
    ),
  };
}
