import type { RecognitionItem } from './catalog';
import type { RegionPolicy } from './policy';
import { fail, PASS, type Check } from './reasons';

/** Where the region requires it, the report carries one of the region's recognition marks. */
export function checkMark(mark: string | null, item: RecognitionItem, policy: RegionPolicy): Check {
  if (!policy.markRequired) return PASS;
  return mark !== null && policy.marks[item.kind].includes(mark.trim()) ? PASS : fail('mark.missing');
}
