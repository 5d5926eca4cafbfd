import type { RecognitionItem } from '../../rules';
import { SYSTEMS } from '../fhir/systems';
import type { InstitutionRecord } from '../admin/schemas';
import type { Messages } from '../i18n';
import type { StoredResult } from '../store/results';

/**
 * The accepted external result as a FHIR R4 DiagnosticReport for the EHR's record: it names the
 * external institution, the original report's identifier and its date, and carries the values
 * (lab) or the findings (imaging) as contained Observations. An imaging report's impression is the
 * external doctor's conclusion, which recognition does not cover (001, 002: 不包括医师出具的诊断结论):
 * it goes apart, in its own Observation marked for reference only, never into the conclusion.
 * The app sets `subject`.
 */
export function writeBackReport(
  result: StoredResult,
  item: RecognitionItem,
  institution: InstitutionRecord | undefined,
  acceptedAt: Date,
  messages: Messages,
  resultDate: string,
): Record<string, unknown> {
  const separator = result.reportKey.indexOf('|');
  const original = { system: result.reportKey.slice(0, separator), value: result.reportKey.slice(separator + 1) };
  const report = result.report;
  const contained =
    report.kind === 'lab'
      ? report.values.map((value, index) => ({
          resourceType: 'Observation',
          id: `v${index + 1}`,
          status: 'final',
          code: { text: value.name },
          valueString: value.unit ? `${value.value} ${value.unit}` : value.value,
          ...(value.referenceRange ? { referenceRange: [{ text: value.referenceRange }] } : {}),
          ...(value.flag ? { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: value.flag }] }] } : {}),
        }))
      : [];
  const findings = report.kind === 'imaging' && report.findings ? `${messages.findingsLabel}: ${report.findings}` : '';
  const recognised =
    report.kind === 'imaging' && report.findings ? [{ resourceType: 'Observation', id: 'findings', status: 'final', code: { text: messages.findingsLabel }, valueString: report.findings }] : [];
  const impression =
    report.kind === 'imaging' && report.impression
      ? [{ resourceType: 'Observation', id: 'impression', status: 'final', code: { text: messages.externalImpression }, valueString: report.impression, note: [{ text: messages.externalImpressionNote }] }]
      : [];
  const institutionName = institution?.name ?? result.institutionId;
  return {
    resourceType: 'DiagnosticReport',
    meta: { tag: [{ system: SYSTEMS.topic, code: 'external-result-recognised', display: messages.writeBack.tag }] },
    identifier: [
      { system: SYSTEMS.result, value: result.id },
      ...(original.system && original.value ? [{ system: original.system, value: original.value }] : []),
    ],
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: item.kind === 'lab' ? 'LAB' : 'RAD' }] }],
    code: { coding: [{ system: SYSTEMS.recognitionItem, code: item.code, display: item.nameZh }, ...(item.loinc ? [{ system: SYSTEMS.loinc, code: item.loinc }] : [])], text: item.nameZh },
    effectiveDateTime: result.effectiveAt,
    issued: acceptedAt.toISOString(),
    performer: [{ identifier: { system: SYSTEMS.institution, value: result.institutionId }, display: institutionName }],
    ...(contained.length + recognised.length + impression.length > 0
      ? { contained: [...contained, ...recognised, ...impression], result: [...contained, ...recognised, ...impression].map((observation) => ({ reference: `#${observation.id}` })) }
      : {}),
    conclusion: [messages.writeBack.conclusion(institutionName, resultDate, report.title), findings].filter(Boolean).join('\n'),
  };
}
