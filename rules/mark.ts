import type { RecognitionItem } from './catalog';
import type { RegionPolicy } from './policy';
import { fail, PASS, type Check } from './reasons';

/** Whether the report carries one of the region's marks for the item's kind. */
export function carriesMark(mark: string | null, item: RecognitionItem, policy: RegionPolicy): boolean {
  const text = mark?.trim();
  return text !== undefined && text !== '' && policy.marks[item.kind].some((known) => known.text === text);
}

/** Where the region requires it, the report carries one of the region's recognition marks. */
export function checkMark(mark: string | null, item: RecognitionItem, policy: RegionPolicy): Check {
  if (!policy.markRequired) return PASS;
  return carriesMark(mark, item, policy) ? PASS : fail('mark.missing');
}
