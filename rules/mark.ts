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

/** Separators a report prints between a mark and the name it stands before or after. */
const JOINERS = /^[\s\-·:：]+|[\s\-·:：]+$/g;

/**
 * A name as the report printed it, without a recognition mark before or after it (001: the lab mark
 * stands before the item's name, the imaging mark after a name): 京津冀鲁HR肌酐 → 肌酐, 头颅CT-JJJLHR →
 * 头颅CT. The mark itself is kept apart and shown as a labelled chip. A name that is nothing but a mark
 * stays as it was.
 */
export function withoutMarks(name: string, marks: readonly string[]): string {
  let plain = name.trim();
  for (const mark of marks) {
    if (!mark) continue;
    if (plain.startsWith(mark)) plain = plain.slice(mark.length).replace(JOINERS, '');
    if (plain.endsWith(mark)) plain = plain.slice(0, -mark.length).replace(JOINERS, '');
  }
  return plain === '' ? name.trim() : plain;
}
