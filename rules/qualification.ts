import type { RecognitionItem } from './catalog';
import type { LocalDate } from './calendar';
import type { Qualification } from './institution';
import { fail, PASS, type Check } from './reasons';

function covers(qualification: Qualification, item: RecognitionItem): boolean {
  const { scope } = qualification;
  return scope.kind === 'item' ? scope.itemCode === item.code : scope.discipline === item.discipline;
}

/** Validity is inclusive: a qualification starting or ending on the result's day covers it. */
function validOn(qualification: Qualification, day: LocalDate): boolean {
  return qualification.validFrom <= day && day <= qualification.validUntil;
}

/** A withdrawal counts from its day on; results produced before it keep their recognition. */
function withdrawnBy(qualification: Qualification, day: LocalDate): boolean {
  return qualification.withdrawnOn !== null && qualification.withdrawnOn <= day;
}

/**
 * The performing institution passed quality control for this item (or its discipline), valid on the
 * result's day and not withdrawn by then. When it did not, the most specific reason is given.
 */
export function checkQualification(
  qualifications: readonly Qualification[],
  item: RecognitionItem,
  resultDate: LocalDate,
): Check {
  const covering = qualifications.filter((q) => covers(q, item));
  if (covering.length === 0) return fail('qualification.none');
  const onDate = covering.filter((q) => validOn(q, resultDate));
  if (onDate.some((q) => q.passed && !withdrawnBy(q, resultDate))) return PASS;
  if (onDate.some((q) => q.passed)) return fail('qualification.withdrawn');
  if (onDate.length > 0) return fail('qualification.failed');
  return fail('qualification.not-valid-on-date');
}
