import type { OrderOutcome, OrderRecord } from './order-records';

/**
 * The national quality target's recognition rate: results recognised ÷ eligible results the patient
 * already had. Here an eligible result is an ordered item for which the patient had a recognisable
 * report (a prompted order, counted once however often it was prompted); it leaves the denominator
 * only for the two reasons that do not count as non-recognition. An order with no decision, or an
 * unexplained repeat, was not recognised.
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

export type Granularity = 'day' | 'week' | 'month';

export interface Statistics {
  readonly totals: Tally & { readonly prompts: number };
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
    if (record.outcome === 'accepted') fen += record.priceFen;
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

export function statistics(records: readonly OrderRecord[], prompts: number, granularity: Granularity): Statistics {
  const reasons = new Map<string, { system: string | null; code: string | null; display: string | null; count: number; counted: boolean }>();
  for (const record of records) {
    if (record.outcome !== 'overridden' && record.outcome !== 'not-counted') continue;
    const key = `${record.reasonSystem}|${record.reasonCode}`;
    const known = reasons.get(key) ?? { system: record.reasonSystem, code: record.reasonCode, display: record.reasonDisplay, count: 0, counted: record.outcome === 'overridden' };
    reasons.set(key, { ...known, count: known.count + 1 });
  }
  const trend = groupBy(records, (r) => period(r.createdOn, granularity), (r) => period(r.createdOn, granularity)).sort((a, b) => a.key.localeCompare(b.key));
  return {
    totals: { prompts, ...tally(records) },
    reasons: [...reasons.values()].sort((a, b) => Number(b.counted) - Number(a.counted) || b.count - a.count),
    byDepartment: groupBy(records, (r) => r.departmentCode ?? departmentOf(r), departmentOf),
    byDoctor: groupBy(records, (r) => r.doctorRef, (r) => r.doctorName ?? r.doctorRef),
    byItem: groupBy(records, (r) => r.itemCode, (r) => r.itemName),
    byModality: groupBy(records, (r) => r.modality, (r) => r.modality),
    trend,
    flaggedDoctors: flagDoctors(records),
  };
}
