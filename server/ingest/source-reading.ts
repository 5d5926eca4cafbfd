import { SYSTEMS } from '../fhir/systems';
import type { Services } from '../services';
import type { InstitutionRecord } from '../contract/admin';
import { mappedItemCode, type ReferenceData } from '../store/reference';
import type { RegisteredSource } from '../store/result-sources';
import { ownValue } from '../web/own-key';

/** What every way in reads a hospital's report with: the reference data, the 身份证 system, the region's time zone. */
export interface SourceReading {
  readonly reference: ReferenceData;
  readonly nationalIdSystem: string;
  /** Every identifier system patients are keyed by, in order of preference (PATIENT_IDENTIFIER_SYSTEMS). */
  readonly identifierSystems: readonly string[];
  readonly timeZone: string;
}

export function sourceReading(services: Services, reference: ReferenceData): SourceReading {
  return {
    reference,
    nationalIdSystem: services.config.patientIdentifierSystems[0] ?? '',
    identifierSystems: services.config.patientIdentifierSystems,
    timeZone: services.config.timeZone,
  };
}

/**
 * The institution a sender's own code (HL7 MSH-4, a CDA organization id, a front table's column) stands
 * for, through the source's registration: its `facilities`, or the code itself when it is one of the
 * source's institutions; none given, the source's only institution. Null when it is not one of the
 * source's: one hospital's LIS never files another's reports. Looked up by own keys only.
 */
export function sourceInstitution(source: RegisteredSource, code: string): string | null {
  const mapped = code
    ? (ownValue(source.facilities ?? {}, code) ?? (source.institutions.includes(code) ? code : null))
    : source.institutions.length === 1
      ? (source.institutions[0] ?? null)
      : null;
  return mapped && source.institutions.includes(mapped) ? mapped : null;
}

/**
 * The local code systems a source's item codes are read in: the one its registration names (a LIS
 * speaks its LIS item codes), else each of the institution's, in order.
 */
export function localSystemsOf(source: RegisteredSource, institution: InstitutionRecord | undefined): string[] {
  return source.localCodeSystem ? [source.localCodeSystem] : [...(institution?.localCodeSystems ?? [])];
}

/**
 * A sender's item code as codings: LOINC when its system says so, the regional catalog's code, or a
 * local code through the mappings of the first of `localSystems` that maps it (the administrator's
 * 项目对照), kept with that system too. `mapped` tells whether it stands for a catalog item.
 */
export function itemCodings(
  item: { readonly code: string; readonly display: string; readonly loinc: boolean },
  institutionId: string,
  localSystems: readonly string[],
  reference: ReferenceData,
): { codings: Record<string, string>[]; display: string; mapped: boolean } {
  const { code, display } = item;
  const codings: Record<string, string>[] = [];
  if (!code) return { codings, display, mapped: false };
  if (item.loinc) codings.push({ system: SYSTEMS.loinc, code });
  const mappedIn = localSystems.find((system) => mappedItemCode(reference, institutionId, system, code));
  const catalogCode = reference.catalog.has(code)
    ? code
    : mappedIn && mappedItemCode(reference, institutionId, mappedIn, code);
  if (catalogCode) codings.push({ system: SYSTEMS.recognitionItem, code: catalogCode });
  const localSystem = mappedIn ?? localSystems[0];
  if (localSystem) codings.push({ system: localSystem, code, ...(display ? { display } : {}) });
  return { codings, display, mapped: Boolean(catalogCode) || (item.loinc && reference.itemsByLoinc.has(code)) };
}
