import { SYSTEMS } from '../fhir/systems';

/**
 * A report that came another way (HL7 v2, CDA) as the FHIR Bundle `POST /fhir` takes: built here so
 * every way in is filed by the one extraction, and a card never depends on how its result arrived.
 */
export interface IncomingReport {
  readonly id: string;
  /** Kept across versions of the same report, so a later one replaces it. */
  readonly identifier: { readonly system: string; readonly value: string };
  readonly status: string;
  /** The source's version of the report (numbers, or UTC instants), when it has one. */
  readonly version?: string;
  readonly code: { readonly coding: readonly Record<string, string>[]; readonly text?: string };
  readonly effective: string | null;
  readonly issued: string | null;
  readonly observations: readonly Record<string, unknown>[];
  /** Imaging: the conclusion, kept apart from the findings (never part of the recognisable result). */
  readonly conclusion?: string;
  readonly imagingStudy?: Record<string, unknown>;
  readonly endpoint?: Record<string, unknown>;
}

export function incomingBundle(input: {
  readonly patient: {
    readonly id: string;
    readonly system: string;
    readonly nationalId: string;
    readonly name: string;
  };
  readonly institution: { readonly id: string; readonly name: string };
  readonly reports: readonly IncomingReport[];
}): Record<string, unknown> {
  const patient = {
    resourceType: 'Patient',
    id: input.patient.id,
    identifier: [{ system: input.patient.system, value: input.patient.nationalId }],
    ...(input.patient.name ? { name: [{ text: input.patient.name }] } : {}),
  };
  const organization = {
    resourceType: 'Organization',
    id: `o-${input.institution.id}`,
    identifier: [{ system: SYSTEMS.institution, value: input.institution.id }],
    name: input.institution.name,
  };
  const resources: Record<string, unknown>[] = [patient, organization];
  for (const report of input.reports) {
    resources.push(
      {
        resourceType: 'DiagnosticReport',
        id: report.id,
        ...(report.version ? { meta: { versionId: report.version } } : {}),
        identifier: [report.identifier],
        status: report.status,
        code: report.code,
        subject: { reference: `Patient/${patient.id}` },
        ...(report.effective ? { effectiveDateTime: report.effective } : {}),
        ...(report.issued ? { issued: report.issued } : {}),
        performer: [{ reference: `Organization/${organization.id}` }],
        result: report.observations.map((observation) => ({ reference: `Observation/${String(observation.id)}` })),
        ...(report.conclusion ? { conclusion: report.conclusion } : {}),
        ...(report.imagingStudy
          ? { imagingStudy: [{ reference: `ImagingStudy/${String(report.imagingStudy.id)}` }] }
          : {}),
      },
      ...report.observations,
      ...(report.imagingStudy ? [report.imagingStudy] : []),
      ...(report.endpoint ? [report.endpoint] : []),
    );
  }
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${String(resource.resourceType)}-${String(resource.id)}`,
      resource,
      request: { method: 'PUT', url: `${String(resource.resourceType)}/${String(resource.id)}` },
    })),
  };
}
