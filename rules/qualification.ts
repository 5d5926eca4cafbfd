import { addMonths, type LocalDate } from './calendar';
import type { RecognitionItem } from './catalog';
import type { Qualification } from './institution';
import { fail, PASS, type Check } from './reasons';

function coversItem(qualification: Qualification, item: RecognitionItem): boolean {
  return qualification.scope.kind === 'item' && qualification.scope.itemCode === item.code;
}

function coversDiscipline(qualification: Qualification, item: RecognitionItem): boolean {
  return qualification.scope.kind === 'discipline' && qualification.scope.discipline === item.discipline;
}

/** Validity is inclusive: a qualification starting or ending on the result's day covers it. */
function validOn(qualification: Qualification, day: LocalDate): boolean {
  return qualification.validFrom <= day && day <= qualification.validUntil;
}

/** A withdrawal counts from its day on; results produced before it keep their recognition. */
function withdrawnBy(qualification: Qualification, day: LocalDate): boolean {
  return qualification.withdrawnOn !== null && qualification.withdrawnOn <= day;
}

/** The most recent assessment wins; on the same day a failure wins over a pass. */
function latest(qualifications: readonly Qualification[]): Qualification | undefined {
  return [...qualifications].sort(
    (a, b) => b.validFrom.localeCompare(a.validFrom) || Number(a.passed) - Number(b.passed),
  )[0];
}

/**
 * The performing institution passed quality control for this item, valid on the result's day and not
 * withdrawn by then. The latest assessment of the item itself decides (001: 最近一次室间质评或盲样考核成绩合格,
 * 方可标注互认标识); only where no assessment of the item is in force on that day does its discipline's decide. Where
 * the region sets an interval (半年一次), an assessment older than that on the result's day no longer counts.
 */
export function checkQualification(
  qualifications: readonly Qualification[],
  item: RecognitionItem,
  resultDate: LocalDate,
  intervalMonths: number | null,
): Check {
  const itemLevel = qualifications.filter((q) => coversItem(q, item));
  const disciplineLevel = qualifications.filter((q) => coversDiscipline(q, item));
  if (itemLevel.length === 0 && disciplineLevel.length === 0) return fail('qualification.none');
  const onDay = (list: readonly Qualification[]) => list.filter((q) => validOn(q, resultDate));
  const deciding = latest(onDay(itemLevel)) ?? latest(onDay(disciplineLevel));
  if (!deciding) return fail('qualification.not-valid-on-date');
  if (!deciding.passed) return fail('qualification.failed');
  if (withdrawnBy(deciding, resultDate)) return fail('qualification.withdrawn');
  if (intervalMonths !== null && addMonths(deciding.validFrom, intervalMonths) < resultDate)
    return fail('qualification.overdue');
  return PASS;
}

/** A stored result as the qualification check sees it: its item and its local day. */
export interface QualifiedResult {
  readonly item: RecognitionItem;
  readonly resultDate: LocalDate;
}

/**
 * What a change of one institution's qualifications does to its stored results, before it is saved:
 * how many pass the qualification check after the change and did not before (gained), and the
 * reverse (lost), in all and per item. Only this check is replayed: a result may still be refused
 * for its window, mark or scope when a doctor orders.
 */
export function qualificationChangeEffect(
  results: readonly QualifiedResult[],
  before: readonly Qualification[],
  after: readonly Qualification[],
  intervalMonths: number | null,
): {
  readonly gained: number;
  readonly lost: number;
  readonly byItem: ReadonlyMap<string, { gained: number; lost: number }>;
} {
  const byItem = new Map<string, { gained: number; lost: number }>();
  let gained = 0;
  let lost = 0;
  for (const { item, resultDate } of results) {
    const was = checkQualification(before, item, resultDate, intervalMonths).ok;
    const is = checkQualification(after, item, resultDate, intervalMonths).ok;
    if (was === is) continue;
    const counts = byItem.get(item.code) ?? { gained: 0, lost: 0 };
    if (is) {
      gained += 1;
      counts.gained += 1;
    } else {
      lost += 1;
      counts.lost += 1;
    }
    byItem.set(item.code, counts);
  }
  return { gained, lost, byItem };
}
