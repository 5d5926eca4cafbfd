const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** A unit as reports print it in plain text (`10^9/L`) typeset for reading (`10⁹/L`); the stored text is kept. */
export function typesetUnit(unit: string): string {
  return unit.replace(/\^(-?\d+)/g, (_match, power: string) =>
    [...power].map((character) => SUPERSCRIPT[character] ?? character).join(''),
  );
}
