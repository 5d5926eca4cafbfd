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

/**
 * Search over a catalog the way clinicians type: a part of a name, synonym or code, or the pinyin
 * of a Chinese name or synonym, in full or by initials (xcg → 血常规). The spellings are worked out
 * once per item, not per keystroke.
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
      .filter(
        ({ texts, spelled }) =>
          texts.some((text) => text.includes(needle)) ||
          (latin && spelled.some((spelling) => spelling.includes(compact))),
      )
      .slice(0, limit)
      .map(({ item }) => item);
  };
}
