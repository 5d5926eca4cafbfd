import { mappedItemCode, type ReferenceData } from '../store/reference';
import type { Coding } from '../contract/fhir';
import { SYSTEMS } from './systems';

/**
 * Maps an order's or a report's codings to a catalog item: the catalog's own code first, then LOINC,
 * then the hospital's own codes, in any of its local code systems, through that system's mappings.
 */
export function itemCodeFor(
  codings: readonly Coding[] | undefined,
  reference: ReferenceData,
  institutionId: string | null,
): string | null {
  if (!codings) return null;
  for (const coding of codings) {
    if (coding.system === SYSTEMS.recognitionItem && coding.code && reference.catalog.has(coding.code))
      return coding.code;
  }
  for (const coding of codings) {
    if (coding.system === SYSTEMS.loinc && coding.code) {
      const item = reference.itemsByLoinc.get(coding.code);
      if (item) return item.code;
    }
  }
  if (!institutionId) return null;
  for (const coding of codings) {
    if (!coding.system || !coding.code) continue;
    const itemCode = mappedItemCode(reference, institutionId, coding.system, coding.code);
    if (itemCode) return itemCode;
  }
  return null;
}

/** The institution an Organization (or a reference to one) stands for, by the platform identifier. */
export function institutionIdFrom(
  identifiers: readonly { system?: string; value?: string }[] | undefined,
): string | null {
  return identifiers?.find((identifier) => identifier.system === SYSTEMS.institution)?.value?.trim() || null;
}
