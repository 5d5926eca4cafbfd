import { viewerUrlOf } from '../../fhir/viewer-url';
import { SYSTEMS } from '../../fhir/systems';
import type { ReferenceData } from '../../store/reference';
import type { RegisteredSource } from '../../store/result-sources';
import { hl7Instant } from '../hl7v2/time';
import { incomingBundle, type IncomingReport } from '../incoming-bundle';
import { itemCodings, localSystemsOf, sourceInstitution, type SourceReading } from '../source-reading';
import { at, attribute, child, children, textAt, textOf, type XmlNode } from './xml';

/** WS/T 500.7 检验报告 and 500.6 检查报告: their document codes and template ids. */
const LAB = { code: 'C0007', template: '2.16.156.10011.2.1.1.27' };
const IMAGING = { code: 'C0006', template: '2.16.156.10011.2.1.1.26' };
const NATIONAL_ID_ROOT = '2.16.156.10011.1.3';
const LOINC_OID = '2.16.840.1.113883.6.1';
const FINDINGS_LOINC = '59776-5';

export interface DocumentProblem {
  /** 400: the document cannot be read; 422: it is read but cannot be filed (quarantined). */
  readonly status: 400 | 422;
  /** Where, as an XPath: `/ClinicalDocument/recordTarget`. */
  readonly field: string;
  readonly reason: string;
}

export interface ReadDocument {
  /** id and versionNumber: a repeat of both is answered, not stored twice. */
  readonly documentId: string;
  readonly bundle: Record<string, unknown>;
}

const problem = (status: 400 | 422, field: string, reason: string): DocumentProblem => ({ status, field, reason });

/** Every element of a name below a node, depth first (entries nest organizers, components and observations). */
function descendants(node: unknown, name: string): XmlNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const found: XmlNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key === '#text') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (key === name && typeof item === 'object' && item !== null) found.push(item as XmlNode);
      found.push(...descendants(item, name));
    }
  }
  return found;
}

/** A coded element as codings: LOINC, a catalog code, or a local code through the hospital's mapping. */
function codingsOf(
  code: XmlNode | undefined,
  institutionId: string,
  localSystems: readonly string[],
  reference: ReferenceData,
) {
  const item = {
    code: attribute(code, 'code'),
    display: attribute(code, 'displayName') || textAt(code, 'originalText'),
    loinc: attribute(code, 'codeSystem') === LOINC_OID,
  };
  return itemCodings(item, institutionId, localSystems, reference);
}

function observationOf(observation: XmlNode, id: string, timeZone: string): Record<string, unknown> {
  const value = child(observation, 'value');
  const type = attribute(value, 'type').toUpperCase();
  const number = Number(attribute(value, 'value'));
  const unit = attribute(value, 'unit');
  const valued =
    type === 'PQ' && Number.isFinite(number)
      ? { valueQuantity: { value: number, ...(unit ? { unit } : {}) } }
      : type === 'CD' || type === 'CE'
        ? { valueCodeableConcept: { text: attribute(value, 'displayName') || attribute(value, 'code') } }
        : { valueString: textOf(value) || attribute(value, 'value') };
  const name = attribute(child(observation, 'code'), 'displayName') || attribute(child(observation, 'code'), 'code');
  const range = textAt(observation, 'referenceRange', 'observationRange', 'text');
  const flag = attribute(child(observation, 'interpretationCode'), 'code');
  const method = attribute(child(observation, 'methodCode'), 'displayName');
  const device = children(observation, 'participant')
    .map((participant) => textAt(participant, 'participantRole', 'playingDevice', 'manufacturerModelName'))
    .find(Boolean);
  const effective = hl7Instant(attribute(child(observation, 'effectiveTime'), 'value'), timeZone);
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { text: name },
    ...(effective ? { effectiveDateTime: effective } : {}),
    ...valued,
    ...(range ? { referenceRange: [{ text: range }] } : {}),
    ...(flag ? { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: flag }] }] } : {}),
    ...(method ? { method: { text: method } } : {}),
    ...(device ? { device: { display: device } } : {}),
  };
}

/** The institution the document's custodian (else its author's organization) stands for, as the source registered it. */
function institutionOf(document: XmlNode, source: RegisteredSource): { id: string; name: string } | null {
  const organizations = [
    at(document, 'custodian', 'assignedCustodian', 'representedCustodianOrganization'),
    ...children(document, 'author').map((author) => at(author, 'assignedAuthor', 'representedOrganization')),
  ];
  for (const organization of organizations) {
    for (const id of children(organization, 'id')) {
      const code = attribute(id, 'extension') || attribute(id, 'root');
      const mapped = code ? sourceInstitution(source, code) : null;
      if (mapped) return { id: mapped, name: textAt(organization, 'name') };
    }
  }
  return null;
}

/**
 * A WS/T 500 检验报告 (C0007) or 检查报告 (C0006) as the FHIR Bundle `POST /fhir` takes: the patient by
 * 身份证 (recordTarget), the institution by the custodian, one report per 检验项目 (an organizer, or an
 * observation whose code is a catalog item), 检查所见 kept apart from the conclusion.
 */
export function documentAsBundle(
  document: XmlNode,
  source: RegisteredSource,
  context: SourceReading,
): ReadDocument | DocumentProblem {
  const code = attribute(child(document, 'code'), 'code');
  const templates = children(document, 'templateId').map((template) => attribute(template, 'root'));
  const kind =
    code === LAB.code || templates.includes(LAB.template)
      ? 'lab'
      : code === IMAGING.code || templates.includes(IMAGING.template)
        ? 'imaging'
        : null;
  if (!kind)
    return problem(
      400,
      '/ClinicalDocument/code',
      `不支持的文档类型 ${code || '（未填）'}：只接收 C0007 检验报告和 C0006 检查报告`,
    );
  const [documentIdNode] = children(document, 'id');
  const documentId = `${attribute(documentIdNode, 'root')}|${attribute(documentIdNode, 'extension')}`;
  if (documentId === '|') return problem(400, '/ClinicalDocument/id', '缺少文档标识（id）');
  const version = Number(attribute(child(document, 'versionNumber'), 'value') || '0');
  const setId = attribute(child(document, 'setId'), 'extension') || attribute(documentIdNode, 'extension');
  const institution = institutionOf(document, source);
  if (!institution) return problem(422, '/ClinicalDocument/custodian', '文档的保管机构不是该数据源登记的机构');
  const patientRole = at(document, 'recordTarget', 'patientRole');
  if (!patientRole) return problem(422, '/ClinicalDocument/recordTarget', '缺少患者信息（recordTarget）');
  const nationalId = [...children(child(patientRole, 'patient'), 'id'), ...children(patientRole, 'id')].find(
    (id) => attribute(id, 'root') === NATIONAL_ID_ROOT,
  )?.['@extension'];
  if (typeof nationalId !== 'string' || !nationalId.trim())
    return problem(
      422,
      '/ClinicalDocument/recordTarget/patientRole/patient/id',
      '缺少患者身份证号（root 2.16.156.10011.1.3）',
    );
  const registered = context.reference.institutions.get(institution.id);
  const localSystems = localSystemsOf(source, registered);
  // versionNumber -1 withdraws the document, a later version amends it.
  const status = version < 0 ? 'entered-in-error' : version > 0 ? 'amended' : 'final';
  const documentTime = hl7Instant(attribute(child(document, 'effectiveTime'), 'value'), context.timeZone);
  const body = at(document, 'component', 'structuredBody');
  const reports: IncomingReport[] = [];
  const report = (
    index: number,
    codes: ReturnType<typeof codingsOf>,
    observations: Record<string, unknown>[],
    extra: Partial<IncomingReport> = {},
  ) => {
    const effective = observations
      .map((o) => o.effectiveDateTime)
      .find((time): time is string => typeof time === 'string');
    reports.push({
      id: `d-${setId}-${index}`,
      identifier: { system: `urn:huren:source:${source.id}:document`, value: `${setId}#${index}` },
      status,
      // A deletion (−1) applies whatever came before it; other versions apply in their order.
      ...(version >= 0 ? { version: String(version) } : {}),
      code: { coding: codes.codings, ...(codes.display ? { text: codes.display } : {}) },
      effective: effective ?? documentTime,
      issued: documentTime,
      observations,
      ...extra,
    });
  };
  if (kind === 'lab') {
    const organizers = descendants(body, 'organizer');
    if (organizers.length > 0) {
      organizers.forEach((organizer, index) => {
        const codes = codingsOf(child(organizer, 'code'), institution.id, localSystems, context.reference);
        const observations = descendants(organizer, 'observation').map((observation, position) =>
          observationOf(observation, `d-${setId}-${index}-o${position + 1}`, context.timeZone),
        );
        report(index, codes, observations);
      });
    } else {
      descendants(body, 'observation').forEach((observation, index) => {
        const codes = codingsOf(child(observation, 'code'), institution.id, localSystems, context.reference);
        report(index, codes, [observationOf(observation, `d-${setId}-${index}-o1`, context.timeZone)]);
      });
    }
  } else {
    const sections = descendants(body, 'section');
    const titled = (pattern: RegExp) =>
      sections.find(
        (section) =>
          pattern.test(textAt(section, 'title')) || pattern.test(attribute(child(section, 'code'), 'displayName')),
      );
    const findings = titled(/所见|findings/i);
    const conclusion = titled(/结论|诊断|提示|印象|impression/i);
    const itemCode = [child(at(document, 'documentationOf', 'serviceEvent'), 'code'), ...descendants(body, 'code')]
      .map((candidate) => codingsOf(candidate, institution.id, localSystems, context.reference))
      .find((codes) => codes.mapped);
    if (!itemCode)
      return problem(
        422,
        '/ClinicalDocument/component/structuredBody',
        '文档中的检查项目未能对照到互认目录，请在“项目对照”中维护',
      );
    const studyUid = descendants(document, 'id')
      .map((id) => attribute(id, 'root'))
      .find((root) => root.startsWith('1.2.840.10008') || root.startsWith('2.25.'));
    const viewer = descendants(body, 'reference')
      .map((node) => attribute(node, 'value') || textOf(node))
      .map((url) => viewerUrlOf(url))
      .find(Boolean);
    const findingsText = textAt(findings, 'text');
    const study =
      studyUid || viewer
        ? {
            resourceType: 'ImagingStudy',
            id: `d-${setId}-study`,
            status: 'available',
            ...(studyUid ? { identifier: [{ system: SYSTEMS.dicomUid, value: `urn:oid:${studyUid}` }] } : {}),
            subject: { reference: 'Patient/p-cda' },
            ...(viewer ? { endpoint: [{ reference: `Endpoint/d-${setId}-viewer` }] } : {}),
          }
        : undefined;
    report(
      0,
      itemCode,
      findingsText
        ? [
            {
              resourceType: 'Observation',
              id: `d-${setId}-findings`,
              status: 'final',
              code: { coding: [{ system: SYSTEMS.loinc, code: FINDINGS_LOINC }], text: '检查所见' },
              valueString: findingsText,
            },
          ]
        : [],
      {
        ...(conclusion ? { conclusion: textAt(conclusion, 'text') } : {}),
        ...(study ? { imagingStudy: study } : {}),
        ...(viewer
          ? { endpoint: { resourceType: 'Endpoint', id: `d-${setId}-viewer`, status: 'active', address: viewer } }
          : {}),
      },
    );
  }
  if (reports.length === 0) return problem(422, '/ClinicalDocument/component/structuredBody', '文档中没有检验检查结果');
  return {
    documentId: `${documentId}|v${version}`,
    bundle: incomingBundle({
      patient: {
        id: 'p-cda',
        system: context.nationalIdSystem,
        nationalId: nationalId.trim(),
        name: textAt(patientRole, 'patient', 'name'),
      },
      institution: { id: institution.id, name: institution.name || registered?.name || institution.id },
      reports,
    }),
  };
}
