import { createHmac } from 'node:crypto';
import type { Identifier } from '../contract/fhir';

/**
 * The index is keyed by an HMAC of the national identifier, never the identifier itself: without the
 * secret a leaked database cannot be joined back to people. Normalised so that the check digit `x`,
 * full-width characters and stray spaces do not split one person in two.
 */
export function patientKey(secret: string, nationalId: string): string {
  return createHmac('sha256', secret).update(normalisedNationalId(nationalId)).digest('hex');
}

/** NFKC first: full-width digits and `Ｘ` (common from Chinese input methods) are the same person's number. */
export function normalisedNationalId(nationalId: string): string {
  return nationalId.normalize('NFKC').trim().toUpperCase();
}

/** The national identifier, from the first configured system the resource carries. */
export function nationalIdOf(
  identifiers: readonly Identifier[] | undefined,
  systems: readonly string[],
): string | null {
  for (const system of systems) {
    const value = identifiers?.find((identifier) => identifier.system === system)?.value?.trim();
    if (value) return value;
  }
  return null;
}
