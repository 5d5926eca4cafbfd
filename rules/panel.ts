import type { RecognitionItem } from './catalog';
import type { ResultFacts } from './result';

/** A value's printed name without its bracketed abbreviation or unit (`白细胞计数(WBC)` → `白细胞计数`), for matching. */
const bare = (name: string): string =>
  name
    .normalize('NFKC')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** Whether a report's values include this analyte: by its Chinese or English name, or a synonym (HGB, 血色素). */
export function holdsAnalyte(names: readonly string[], analyte: RecognitionItem): boolean {
  const known = new Set([analyte.nameZh, analyte.nameEn, ...analyte.synonyms].map(bare));
  return names.some((name) => known.has(bare(name)) || bracketed(name).some((inner) => known.has(inner)));
}

/** What a name carries in brackets (`白细胞计数(WBC)` → `wbc`): reports often print the abbreviation there. */
function bracketed(name: string): string[] {
  return [...name.normalize('NFKC').matchAll(/[(（]([^)）]+)[)）]/g)].map((match) => bare(match[1] ?? ''));
}

/**
 * The analytes of a panel a report of it lacks. A panel report stands for the ordered panel only when
 * it holds every analyte the catalog says the panel contains; else it stands only for those it holds.
 * A report whose values the store cannot list is taken to be complete.
 */
export function missingAnalytes(result: ResultFacts, analytes: readonly RecognitionItem[]): readonly RecognitionItem[] {
  const names = result.analyteNames;
  if (!names) return [];
  return analytes.filter((analyte) => !holdsAnalyte(names, analyte));
}
