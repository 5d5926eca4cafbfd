import type { Hl7Field, Hl7Message, Hl7Segment } from '@medplum/core';
import { SYSTEMS } from '../../fhir/systems';
import type { ReferenceData } from '../../store/reference';
import type { RegisteredSource } from '../../store/result-sources';
import { incomingBundle, type IncomingReport } from '../incoming-bundle';
import { itemCodings, localSystemsOf, sourceInstitution, type SourceReading } from '../source-reading';
import { ownValue } from '../../web/own-key';
import { hl7Instant } from './time';

/** Versions of HL7 v2 whose ORU^R01 we read (Chinese LIS send 2.3.1 to 2.5.1). */
const VERSIONS = new Set(['2.3', '2.3.1', '2.4', '2.5', '2.5.1']);
/** PID-3 identifier types (CX-5) and assigning authorities (CX-4) that mean 身份证. */
const NATIONAL_ID_TYPES = new Set(['ID', 'NNCHN', 'SFZ', 'PPN-CN']);
const NATIONAL_ID_OID = '2.16.156.10011.1.3';

/** Why a message is refused: AR when it cannot be read at all, AE when it is read but cannot be filed. */
export interface MessageProblem {
  readonly ack: 'AR' | 'AE';
  /** Where, as HL7 names it: `MSH-9`, `PID-3`, `OBR[2]-4`. */
  readonly field: string;
  /** For the people who fix it, in Chinese. */
  readonly reason: string;
}

export interface ReadOru {
  readonly institutionId: string;
  readonly bundle: Record<string, unknown>;
}

const text = (field: Hl7Field | undefined, component = 1): string => field?.getComponent(component).trim() ?? '';
// getField numbers fields as HL7 does (MSH-1 is the field separator).
const fieldOf = (segment: Hl7Segment, index: number): Hl7Field | undefined => segment.getField(index);

/** OBX-11 and OBR-25, as the index keeps them: C corrected is an amendment, X and W withdraw it. */
function statusOf(code: string): string {
  switch (code.toUpperCase()) {
    case 'C':
      return 'amended';
    case 'X':
    case 'W':
    case 'D':
      return 'entered-in-error';
    case 'P':
    case 'R':
    case 'I':
      return 'preliminary';
    default:
      return 'final';
  }
}

/**
 * The patient's identifier from PID-3, by the platform's order of identifier systems: each repetition
 * read through the source's own `identifierTypes` first (by CX-5, then CX-4), else the built-in
 * 身份证 codes. Null when no repetition is one Huren keys patients by.
 */
function patientIdentifierOf(
  pid: Hl7Segment,
  source: RegisteredSource,
  context: SourceReading,
): { system: string; value: string } | null {
  const identifiers = fieldOf(pid, 3);
  if (!identifiers) return null;
  const found: { system: string; value: string }[] = [];
  for (let repetition = 0; repetition < identifiers.components.length; repetition++) {
    const value = identifiers.getComponent(1, undefined, repetition).trim();
    const authority = identifiers.getComponent(4, undefined, repetition).trim();
    const type = identifiers.getComponent(5, undefined, repetition).trim();
    if (!value) continue;
    const own = source.identifierTypes ?? {};
    const mapped = ownValue(own, type) ?? ownValue(own, authority);
    const builtIn = NATIONAL_ID_TYPES.has(type.toUpperCase()) || authority.includes(NATIONAL_ID_OID);
    const system =
      mapped === undefined
        ? builtIn
          ? context.nationalIdSystem
          : null
        : mapped === 'resident-id'
          ? context.nationalIdSystem
          : mapped === 'none'
            ? null
            : mapped;
    if (system && context.identifierSystems.includes(system)) found.push({ system, value });
  }
  for (const system of context.identifierSystems) {
    const match = found.find((identifier) => identifier.system === system);
    if (match) return match;
  }
  return null;
}

/** OBR-4 (code^text^system) as codings, through the hospital's mapping. */
function codingsOf(
  field: Hl7Field | undefined,
  institutionId: string,
  localSystems: readonly string[],
  reference: ReferenceData,
) {
  const system = text(field, 3).toUpperCase();
  return itemCodings(
    { code: text(field, 1), display: text(field, 2), loinc: system === 'LN' || system === 'LOINC' },
    institutionId,
    localSystems,
    reference,
  );
}

/** One OBX as an Observation (NM, SN, ST, TX, CE and CWE values). */
function observationOf(obx: Hl7Segment, id: string, timeZone: string): Record<string, unknown> {
  const type = text(fieldOf(obx, 2)).toUpperCase();
  const valueField = fieldOf(obx, 5);
  const unit = text(fieldOf(obx, 6)) || undefined;
  let value: Record<string, unknown>;
  if (type === 'NM' && Number.isFinite(Number(text(valueField)))) {
    value = { valueQuantity: { value: Number(text(valueField)), ...(unit ? { unit } : {}) } };
  } else if (type === 'SN' && Number.isFinite(Number(text(valueField, 2)))) {
    const comparator = text(valueField, 1);
    value = {
      valueQuantity: {
        value: Number(text(valueField, 2)),
        ...(['<', '<=', '>', '>='].includes(comparator) ? { comparator } : {}),
        ...(unit ? { unit } : {}),
      },
    };
  } else if (type === 'CE' || type === 'CWE') {
    value = { valueCodeableConcept: { text: text(valueField, 2) || text(valueField, 1) } };
  } else {
    value = { valueString: valueField?.toString() ?? '' };
  }
  const name = text(fieldOf(obx, 3), 2) || text(fieldOf(obx, 3), 1);
  const range = text(fieldOf(obx, 7));
  const flag = text(fieldOf(obx, 8));
  const method = text(fieldOf(obx, 17), 2) || text(fieldOf(obx, 17), 1);
  const equipment = text(fieldOf(obx, 18), 2) || text(fieldOf(obx, 18), 1);
  const effective = hl7Instant(text(fieldOf(obx, 14)), timeZone);
  return {
    resourceType: 'Observation',
    id,
    status: statusOf(text(fieldOf(obx, 11))) === 'entered-in-error' ? 'entered-in-error' : 'final',
    code: { text: name },
    ...(effective ? { effectiveDateTime: effective } : {}),
    ...value,
    ...(range ? { referenceRange: [{ text: range }] } : {}),
    ...(flag ? { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: flag }] }] } : {}),
    ...(method ? { method: { text: method } } : {}),
    ...(equipment ? { device: { display: equipment } } : {}),
  };
}

/**
 * An ORU^R01 as the FHIR Bundle `POST /fhir` takes, so it is filed by the same extraction: one
 * DiagnosticReport per OBR with its OBX as Observations, the patient by 身份证 (PID-3), the performing
 * institution by the sending facility (MSH-4) as the source registered it.
 */
export function oruAsBundle(
  message: Hl7Message,
  source: RegisteredSource,
  context: SourceReading,
): ReadOru | MessageProblem {
  const msh = message.header;
  const type = `${text(fieldOf(msh, 9), 1)}^${text(fieldOf(msh, 9), 2)}`;
  if (type !== 'ORU^R01')
    return { ack: 'AR', field: 'MSH-9', reason: `不支持的消息类型 ${type}：只接收 ORU^R01 检验检查结果` };
  const version = text(fieldOf(msh, 12));
  if (!VERSIONS.has(version))
    return { ack: 'AR', field: 'MSH-12', reason: `不支持的 HL7 版本 ${version || '（未填）'}：支持 2.3.1 至 2.5.1` };
  const institutionId = sourceInstitution(source, text(fieldOf(msh, 4)));
  if (!institutionId)
    return {
      ack: 'AE',
      field: 'MSH-4',
      reason: `发送机构 ${text(fieldOf(msh, 4)) || '（未填）'} 不是该数据源登记的机构`,
    };
  const pid = message.getSegment('PID');
  if (!pid) return { ack: 'AE', field: 'PID', reason: '缺少患者信息（PID 段）' };
  const patientId = patientIdentifierOf(pid, source, context);
  if (!patientId)
    return {
      ack: 'AE',
      field: 'PID-3',
      reason:
        'PID-3 中没有可识别的患者证件号（身份证：标识类型 ID 或分配机构 2.16.156.10011.1.3；其他类型须在数据源的 identifierTypes 中登记）',
    };
  const institution = context.reference.institutions.get(institutionId);
  const localSystems = localSystemsOf(source, institution);
  const controlId = text(fieldOf(msh, 10));
  const sent = hl7Instant(text(fieldOf(msh, 7)), context.timeZone);
  const messageTime = sent ? new Date(sent).toISOString() : null;
  const reports: IncomingReport[] = [];
  let current: { report: Omit<IncomingReport, 'observations'>; results: Record<string, unknown>[] } | null = null;
  const close = () => {
    if (!current) return;
    // A withdrawal applies whatever came before it; other versions apply in their order.
    const { version, ...report } = current.report;
    reports.push({
      ...report,
      ...(report.status === 'entered-in-error' || !version ? {} : { version }),
      observations: current.results,
    });
  };
  for (const segment of message.segments) {
    if (segment.name === 'OBR') {
      close();
      const filler = text(fieldOf(segment, 3)) || text(fieldOf(segment, 2)) || `${controlId}-${reports.length + 1}`;
      const { codings, display } = codingsOf(fieldOf(segment, 4), institutionId, localSystems, context.reference);
      current = {
        report: {
          id: `r-${filler}`,
          identifier: { system: `urn:huren:source:${source.id}:report`, value: filler },
          status: statusOf(text(fieldOf(segment, 25))),
          // The message's time orders its versions (MSH-7), as UTC so they compare as text.
          ...(messageTime ? { version: messageTime } : {}),
          code: { coding: codings, ...(display ? { text: display } : {}) },
          effective: hl7Instant(text(fieldOf(segment, 7)), context.timeZone),
          issued: hl7Instant(text(fieldOf(segment, 22)), context.timeZone),
        },
        results: [],
      };
    } else if (segment.name === 'OBX' && current) {
      current.results.push(
        observationOf(segment, `${current.report.id}-obx${current.results.length + 1}`, context.timeZone),
      );
      // A withdrawn or corrected OBX speaks for its report (OBX-11).
      const status = statusOf(text(fieldOf(segment, 11)));
      if (status !== 'final' && current.report.status === 'final') current.report = { ...current.report, status };
    }
  }
  close();
  if (reports.length === 0) return { ack: 'AE', field: 'OBR', reason: '消息中没有检验检查项目（OBR 段）' };
  return {
    institutionId,
    bundle: incomingBundle({
      patient: {
        id: `p-${controlId || 'hl7'}`,
        system: patientId.system,
        nationalId: patientId.value,
        name: text(fieldOf(pid, 5)),
      },
      institution: { id: institutionId, name: text(fieldOf(msh, 4), 2) || institution?.name || institutionId },
      reports,
    }),
  };
}
