import { RESULT_STATUSES, withoutMarks, type RecognitionItem, type ResultStatus } from '../../rules';
import { itemCodeFor, institutionIdFrom } from '../fhir/item-codes';
import { nationalIdOf, patientKey } from '../fhir/patient-key';
import {
  endpointSchema,
  imagingStudySchema,
  observationSchema,
  organizationSchema,
  patientSchema,
  type CodeableConcept,
  type DiagnosticReport,
  type Observation,
} from '../contract/fhir';
import { SYSTEMS } from '../fhir/systems';
import type { ReferenceData } from '../store/reference';
import type { LabValue, Report } from '../contract/report';
import type { IncomingResult } from '../store/results';
import type { BundleIndex } from './bundle-index';
import { instantOf } from './effective-time';
import { viewerUrlOf } from '../fhir/viewer-url';

export interface EntryProblem {
  /** FHIR issue type: `required`, `invalid`, `not-found`, `code-invalid`, … */
  readonly code: string;
  readonly diagnostics: string;
  readonly expression: string;
  /** 400 when the entry is malformed, 422 when it is well-formed but cannot be recognised. */
  readonly status: 400 | 422;
}

export interface ExtractionContext {
  readonly reference: ReferenceData;
  readonly index: BundleIndex;
  readonly patientKeySecret: string;
  readonly patientIdentifierSystems: readonly string[];
}

type Extracted =
  { readonly ok: true; readonly result: IncomingResult } | { readonly ok: false; readonly problem: EntryProblem };

function problem(status: 400 | 422, code: string, expression: string, diagnostics: string): Extracted {
  return { ok: false, problem: { status, code, expression, diagnostics } };
}

/** What a person would call it: the text or a display, never a bare code. */
function displayOf(concept: CodeableConcept | undefined): string | null {
  return concept?.text ?? concept?.coding?.find((coding) => coding.display)?.display ?? null;
}

function textOf(concept: CodeableConcept | undefined): string | null {
  return displayOf(concept) ?? concept?.coding?.[0]?.code ?? null;
}

function patientKeyOf(report: DiagnosticReport, context: ExtractionContext): string | null {
  const subject = report.subject;
  const resolved = patientSchema.safeParse(context.index.resolve(subject?.reference));
  const identifiers = resolved.success
    ? resolved.data.identifier
    : subject?.identifier
      ? [subject.identifier]
      : undefined;
  const nationalId = nationalIdOf(identifiers, context.patientIdentifierSystems);
  return nationalId ? patientKey(context.patientKeySecret, nationalId) : null;
}

function performerOf(report: DiagnosticReport, context: ExtractionContext): string | null {
  for (const performer of report.performer ?? []) {
    const organization = organizationSchema.safeParse(context.index.resolve(performer.reference));
    const id = organization.success
      ? institutionIdFrom(organization.data.identifier)
      : performer.identifier
        ? institutionIdFrom([performer.identifier])
        : null;
    if (id) return id;
  }
  return null;
}

function reportKeyOf(report: DiagnosticReport): string | null {
  const identifier = report.identifier?.find((candidate) => candidate.system && candidate.value);
  if (identifier) return `${identifier.system}|${identifier.value}`;
  return report.id ? `id|${report.id}` : null;
}

/** The performing Organization's name as the report carries it (images show the mark after it: …-JJJLHR). */
function performerNameOf(report: DiagnosticReport, context: ExtractionContext): string | null {
  for (const performer of report.performer ?? []) {
    const organization = organizationSchema.safeParse(context.index.resolve(performer.reference));
    const name = organization.success ? organization.data.name : performer.display;
    if (name) return name.trim();
  }
  return null;
}

/**
 * The recognition mark, wherever the region lets it stand (001): a structured tag, before the item's
 * name on the report (京津冀鲁HR, ★), or after the institution's name (-JJJLHR). The forms come from the
 * regions' policies, so a new region's mark is configuration.
 */
function markOf(
  report: DiagnosticReport,
  observations: readonly Observation[],
  item: RecognitionItem,
  context: ExtractionContext,
): string | null {
  const tag = report.meta?.tag?.find((coding) => coding.system === SYSTEMS.recognitionMark);
  const tagged = tag?.code?.trim() || tag?.display?.trim();
  if (tagged) return tagged;
  const itemNames = [displayOf(report.code), ...observations.map((observation) => displayOf(observation.code))].flatMap(
    (name) => (name ? [name.trim()] : []),
  );
  const institutionName = performerNameOf(report, context);
  for (const policy of context.reference.regions.values()) {
    for (const mark of policy.marks[item.kind]) {
      if (mark.forms.includes('item-name-prefix') && itemNames.some((name) => name.startsWith(mark.text)))
        return mark.text;
      if (mark.forms.includes('institution-name-suffix') && institutionName?.endsWith(mark.text)) return mark.text;
    }
  }
  return null;
}

function valueOf(observation: Observation): string {
  const quantity = observation.valueQuantity;
  if (quantity?.value !== undefined) return `${quantity.comparator ?? ''}${quantity.value}`;
  return observation.valueString ?? textOf(observation.valueCodeableConcept) ?? '';
}

function rangeOf(observation: Observation): string | null {
  const range = observation.referenceRange?.[0];
  if (!range) return null;
  if (range.text) return range.text;
  const low = range.low?.value;
  const high = range.high?.value;
  if (low !== undefined && high !== undefined) return `${low}-${high}`;
  if (low !== undefined) return `≥${low}`;
  if (high !== undefined) return `≤${high}`;
  return null;
}

function labValue(observation: Observation): LabValue {
  return {
    name: textOf(observation.code) ?? '',
    value: valueOf(observation),
    unit: observation.valueQuantity?.unit ?? observation.valueQuantity?.code ?? null,
    referenceRange: rangeOf(observation),
    flag: observation.interpretation?.[0]?.coding?.[0]?.code ?? null,
  };
}

function resolvedObservations(report: DiagnosticReport, context: ExtractionContext): Observation[] | EntryProblem {
  const observations: Observation[] = [];
  for (const [position, reference] of (report.result ?? []).entries()) {
    const parsed = observationSchema.safeParse(context.index.resolve(reference.reference));
    if (!parsed.success) {
      return {
        status: 400,
        code: 'not-found',
        expression: `DiagnosticReport.result[${position}]`,
        diagnostics: 'the referenced Observation is not a valid Observation in this Bundle',
      };
    }
    observations.push(parsed.data);
  }
  return observations;
}

const FINDINGS_LOINC = '59776-5';

function imagingReport(
  report: DiagnosticReport,
  observations: readonly Observation[],
  item: RecognitionItem,
  context: ExtractionContext,
): Report {
  const study = imagingStudySchema.safeParse(context.index.resolve(report.imagingStudy?.[0]?.reference));
  const studyUid = study.success
    ? (study.data.identifier?.find((id) => id.system === SYSTEMS.dicomUid)?.value?.replace(/^urn:oid:/, '') ?? null)
    : null;
  const endpoint = study.success
    ? endpointSchema.safeParse(context.index.resolve(study.data.endpoint?.[0]?.reference))
    : null;
  // Only web links reach the doctor's screen: a javascript: or file: address never does.
  const viewerUrl = endpoint?.success ? viewerUrlOf(endpoint.data.address) : null;
  const findings =
    observations.find((o) => o.code.coding?.some((c) => c.system === SYSTEMS.loinc && c.code === FINDINGS_LOINC)) ??
    observations.find((o) => o.valueString);
  return {
    kind: 'imaging',
    title: displayOf(report.code) ?? item.nameZh,
    modality: (study.success ? study.data.modality?.[0]?.code : undefined) ?? item.modality,
    findings: findings?.valueString ?? (study.success ? (study.data.description ?? null) : null),
    impression: report.conclusion ?? null,
    studyUid,
    viewerUrl,
  };
}

function effectiveOf(
  report: DiagnosticReport,
  observations: readonly Observation[],
  context: ExtractionContext,
): string | null {
  const study = imagingStudySchema.safeParse(context.index.resolve(report.imagingStudy?.[0]?.reference));
  return (
    instantOf(report.effectiveDateTime) ??
    instantOf(report.effectivePeriod?.start) ??
    (study.success ? instantOf(study.data.started) : null) ??
    instantOf(observations.find((o) => o.effectiveDateTime)?.effectiveDateTime)
  );
}

/** Turns one DiagnosticReport (with what it references in the Bundle) into a row of the results index. */
export function extractResult(report: DiagnosticReport, context: ExtractionContext): Extracted {
  if (!(RESULT_STATUSES as readonly string[]).includes(report.status)) {
    return problem(400, 'code-invalid', 'DiagnosticReport.status', `unknown status "${report.status}"`);
  }
  const status = report.status as ResultStatus;
  const reportKey = reportKeyOf(report);
  if (!reportKey)
    return problem(
      400,
      'required',
      'DiagnosticReport.identifier',
      'the report needs an identifier (or an id) so amendments can replace it',
    );
  const key = patientKeyOf(report, context);
  if (!key) {
    return problem(
      400,
      'required',
      'DiagnosticReport.subject',
      `the patient's national identifier (system ${context.patientIdentifierSystems.join(' or ')}) is missing`,
    );
  }
  const institutionId = performerOf(report, context);
  if (!institutionId)
    return problem(
      400,
      'required',
      'DiagnosticReport.performer',
      `the performing Organization needs an identifier with system ${SYSTEMS.institution}`,
    );
  if (!context.reference.institutions.has(institutionId)) {
    return problem(422, 'not-found', 'DiagnosticReport.performer', `institution "${institutionId}" is not registered`);
  }
  const itemCode = itemCodeFor(report.code.coding, context.reference, institutionId);
  const item = itemCode ? context.reference.catalog.get(itemCode) : undefined;
  if (!item)
    return problem(
      422,
      'code-invalid',
      'DiagnosticReport.code',
      "no recognised catalog item matches this report's codes; it is kept out of the index",
    );
  const observations = resolvedObservations(report, context);
  if (!Array.isArray(observations)) return { ok: false, problem: observations };
  const effectiveAt = effectiveOf(report, observations, context);
  if (!effectiveAt) {
    return problem(
      400,
      'required',
      'DiagnosticReport.effectiveDateTime',
      'the clinically relevant time (collection or study time, to the day) is missing or invalid',
    );
  }
  const withSystem = observations.find((o) => o.method || o.device);
  // The mark is kept as the result's mark; the names a doctor reads are the names, without it.
  const marks = [...context.reference.regions.values()].flatMap((policy) =>
    policy.marks[item.kind].map((mark) => mark.text),
  );
  const plain = (name: string) => withoutMarks(name, marks);
  const content: Report =
    item.kind === 'lab'
      ? {
          kind: 'lab',
          title: plain(displayOf(report.code) ?? item.nameZh),
          values: observations.map(labValue).map((value) => ({ ...value, name: plain(value.name) })),
        }
      : { ...imagingReport(report, observations, item, context), title: plain(displayOf(report.code) ?? item.nameZh) };
  return {
    ok: true,
    result: {
      patientKey: key,
      itemCode: item.code,
      institutionId,
      reportKey,
      status,
      effectiveAt,
      issuedAt: instantOf(report.issued),
      mark: markOf(report, observations, item, context),
      method: textOf(withSystem?.method) ?? null,
      brand: withSystem?.device?.display ?? null,
      report: content,
      sourceVersion: report.meta?.versionId ?? null,
    },
  };
}
