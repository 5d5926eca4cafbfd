import { pinyin } from 'pinyin-pro';

/** What a catalog item can be found by: its names, synonyms and abbreviations, and its codes. */
export interface SearchTerms {
  readonly names: readonly (string | null | undefined)[];
  readonly codes: readonly (string | null | undefined)[];
}

const HAN = /\p{Script=Han}/u;
const LATIN = /^[a-z0-9]+$/;

/** A Chinese name as typed on a Latin keyboard: full pinyin (xuechanggui) and its initials (xcg). */
function spellings(name: string): string[] {
  if (!HAN.test(name)) return [];
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }).map((syllable) =>
    syllable.toLowerCase().replace(/[^a-z0-9]/g, ''),
  );
  return [syllables.join(''), syllables.map((syllable) => syllable.charAt(0)).join('')];
}

/** How well a text answers the query: whole (0), its beginning (1), somewhere inside (2), not at all. */
function closeness(texts: readonly string[], needle: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (const text of texts) {
    if (text === needle) return 0;
    if (text.startsWith(needle)) best = Math.min(best, 1);
    else if (text.includes(needle)) best = Math.min(best, 2);
  }
  return best;
}

/**
 * Search over a catalog the way clinicians type: a part of a name, synonym or code, or the pinyin
 * of a Chinese name or synonym, in full or by initials (xcg → 血常规). Exact names and synonyms come
 * first, then those that begin with the query, then the rest (血红蛋白 before 糖化血红蛋白). The
 * spellings are worked out once per item, not per keystroke.
 */
export function itemSearch<T>(
  items: readonly T[],
  termsOf: (item: T) => SearchTerms,
): (query: string, limit?: number) => T[] {
  const index = items.map((item) => {
    const { names, codes } = termsOf(item);
    const texts = [...names, ...codes]
      .filter((text): text is string => Boolean(text))
      .map((text) => text.toLowerCase());
    const spelled = names.filter((name): name is string => Boolean(name)).flatMap(spellings);
    return { item, texts, spelled };
  });
  return (query, limit = 30) => {
    const needle = query.trim().toLowerCase();
    if (!needle) return items.slice(0, limit);
    const compact = needle.replace(/\s+/g, '');
    const latin = LATIN.test(compact);
    return index
      .map((entry, position) => ({
        entry,
        position,
        score: Math.min(closeness(entry.texts, needle), latin ? closeness(entry.spelled, compact) : Infinity),
      }))
      .filter(({ score }) => Number.isFinite(score))
      .sort((a, b) => a.score - b.score || a.position - b.position)
      .slice(0, limit)
      .map(({ entry }) => entry.item);
  };
}
