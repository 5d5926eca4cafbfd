import type { RecognitionItem } from '../../rules';
import { SYSTEMS } from '../fhir/systems';
import type { InstitutionRecord } from '../contract/admin';
import type { Messages } from '../i18n';
import type { StoredResult } from '../store/results';
import { ownValue } from '../web/own-key';

type LabValues = Extract<StoredResult['report'], { kind: 'lab' }>['values'];
type ImagingReport = Extract<StoredResult['report'], { kind: 'imaging' }>;

/** Units as Chinese reports print them, and their UCUM codes; others are written as printed, without a code. */
const UCUM: Record<string, string> = {
  'mmol/L': 'mmol/L',
  'umol/L': 'umol/L',
  'μmol/L': 'umol/L',
  'g/L': 'g/L',
  'mg/L': 'mg/L',
  'mg/dL': 'mg/dL',
  'ng/mL': 'ng/mL',
  'pg/mL': 'pg/mL',
  'pmol/L': 'pmol/L',
  'U/L': 'U/L',
  'IU/L': '[IU]/L',
  'mIU/L': 'm[IU]/L',
  'IU/mL': '[IU]/mL',
  '10^9/L': '10*9/L',
  '10^12/L': '10*12/L',
  '%': '%',
  s: 's',
  'mm/h': 'mm/h',
  fL: 'fL',
  pg: 'pg',
};

const NUMBER = /^\s*([<>]=?)?\s*(-?\d+(?:\.\d+)?)\s*$/;

/** A printed value as a FHIR Quantity (value, comparator, unit, UCUM system and code where known); null when not a number. */
function quantityOf(printed: string, unit: string | null): Record<string, unknown> | null {
  const match = NUMBER.exec(printed);
  if (!match) return null;
  const code = unit ? ownValue(UCUM, unit) : undefined;
  return {
    value: Number(match[2]),
    ...(match[1] ? { comparator: match[1] } : {}),
    ...(unit ? { unit } : {}),
    ...(code ? { system: 'http://unitsofmeasure.org', code } : {}),
  };
}

/** `3.5-5.3` as low and high in the value's unit, the printed text kept; the text alone when it is not a range. */
function referenceRangeOf(printed: string, unit: string | null): Record<string, unknown> {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[-–~～]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(printed);
  const low = match ? quantityOf(match[1] ?? '', unit) : null;
  const high = match ? quantityOf(match[2] ?? '', unit) : null;
  return { ...(low ? { low } : {}), ...(high ? { high } : {}), text: printed };
}

/** The source report's values as the EHR can chart and flag them: a Quantity where the value is a number. */
function labObservations(values: LabValues): Record<string, unknown>[] {
  return values.map((value, index) => {
    const quantity = quantityOf(value.value, value.unit);
    return {
      resourceType: 'Observation',
      id: `v${index + 1}`,
      status: 'final',
      code: { text: value.name },
      ...(quantity
        ? { valueQuantity: quantity }
        : { valueString: value.unit ? `${value.value} ${value.unit}` : value.value }),
      ...(value.referenceRange ? { referenceRange: [referenceRangeOf(value.referenceRange, value.unit)] } : {}),
      ...(value.flag ? { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: value.flag }] }] } : {}),
    };
  });
}

/**
 * The findings are the recognised result; the other hospital's impression is kept apart, labelled as
 * for reference only (001, 002: 检查检验结果不包括医师出具的诊断结论).
 */
function imagingObservations(report: ImagingReport, messages: Messages, own: boolean): Record<string, unknown>[] {
  const narrative = (id: string, code: string, text: string, value: string) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: SYSTEMS.loinc, code }], text },
    valueString: value,
  });
  return [
    ...(report.findings ? [narrative('findings', FINDINGS_LOINC, messages.findingsLabel, report.findings)] : []),
    ...(report.impression
      ? [narrative('impression', IMPRESSION_LOINC, messages.impressionLabel(own), report.impression)]
      : []),
  ];
}

const FINDINGS_LOINC = '59776-5';
const IMPRESSION_LOINC = '19005-8';

/**
 * The accepted result as a FHIR R4 DiagnosticReport for the EHR's record: it names the institution, the
 * original report's identifier and its date (002: 包括检查结果、检查机构名称、检查时间等), and carries the
 * values (lab) or the findings, with the impression apart (imaging), as contained Observations. The caller
 * sets `subject`.
 */
export function writeBackReport(
  result: StoredResult,
  item: RecognitionItem,
  institution: InstitutionRecord | undefined,
  acceptedAt: Date,
  messages: Messages,
  resultDate: string,
  own: boolean,
): Record<string, unknown> {
  const separator = result.reportKey.indexOf('|');
  const original = { system: result.reportKey.slice(0, separator), value: result.reportKey.slice(separator + 1) };
  const report = result.report;
  const contained = report.kind === 'lab' ? labObservations(report.values) : imagingObservations(report, messages, own);
  const institutionName = institution?.name ?? result.institutionId;
  return {
    resourceType: 'DiagnosticReport',
    meta: { tag: [{ system: SYSTEMS.topic, code: 'external-result-recognised', display: messages.writeBack.tag }] },
    identifier: [
      { system: SYSTEMS.result, value: result.id },
      ...(original.system && original.value ? [{ system: original.system, value: original.value }] : []),
    ],
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: item.kind === 'lab' ? 'LAB' : 'RAD' },
        ],
      },
    ],
    code: {
      coding: [
        { system: SYSTEMS.recognitionItem, code: item.code, display: item.nameZh },
        ...(item.loinc ? [{ system: SYSTEMS.loinc, code: item.loinc }] : []),
      ],
      text: item.nameZh,
    },
    effectiveDateTime: result.effectiveAt,
    issued: acceptedAt.toISOString(),
    performer: [{ identifier: { system: SYSTEMS.institution, value: result.institutionId }, display: institutionName }],
    ...(contained.length > 0
      ? { contained, result: contained.map((observation) => ({ reference: `#${observation.id}` })) }
      : {}),
    conclusion: messages.writeBack.conclusion(institutionName, resultDate, report.title),
  };
}
