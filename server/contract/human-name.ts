import type { HumanName } from '@medplum/fhirtypes';

const HAN = /\p{Script=Han}/u;

/**
 * A person's name as it is written: the official name (else the first), its `text` when it has one.
 * Chinese names go family name first without spaces (李明); others given names first (John Smith).
 */
export function writtenName(names: readonly HumanName[] | undefined): string | null {
  const name = names?.find((candidate) => candidate.use === 'official') ?? names?.[0];
  if (!name) return null;
  if (name.text?.trim()) return name.text.trim();
  const family = name.family?.trim() ?? '';
  const given = (name.given ?? []).map((part) => part.trim()).filter(Boolean);
  const joined = HAN.test(family + given.join(''))
    ? `${family}${given.join('')}`
    : [...given, family].filter(Boolean).join(' ');
  return joined || null;
}
