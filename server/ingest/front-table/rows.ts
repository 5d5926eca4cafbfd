import { SYSTEMS } from '../../fhir/systems';
import type { RegisteredSource } from '../../store/result-sources';
import { ownValue } from '../../web/own-key';
import { hl7Instant } from '../hl7v2/time';
import { incomingBundle, type IncomingReport } from '../incoming-bundle';
import { itemCodings, localSystemsOf, sourceInstitution, type SourceReading } from '../source-reading';
import type { FrontTable } from './settings';

export const cell = (row: Record<string, unknown>, name: string | undefined): string => {
  if (!name) return '';
  const value = row[name];
  if (value instanceof Date) return value.toISOString();
  return value === null || value === undefined ? '' : String(value).trim();
};

/** A column's time: ISO, a database timestamp, or HL7's digits, in the region's local time when it names no zone. */
function instantOf(value: string, timeZone: string): string | null {
  if (/^\d{8,14}$/.test(value)) return hl7Instant(value, timeZone);
  const normalised = value.replace(' ', 'T');
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(normalised)) return Number.isNaN(Date.parse(normalised)) ? null : normalised;
  return hl7Instant(normalised.replace(/[-:T]/g, '').slice(0, 14), timeZone);
}

const STATUS: Record<string, string> = { C: 'amended', X: 'entered-in-error', W: 'entered-in-error', P: 'preliminary' };

export interface RowProblem {
  readonly reportId: string;
  readonly reason: string;
}

/**
 * One report's rows (one per analyte) as the FHIR Bundle `POST /fhir` takes, or why they cannot be
 * filed. Rows the table marks as not a 互认 item are left out before this.
 */
export function reportAsBundle(
  rows: readonly Record<string, unknown>[],
  table: FrontTable,
  source: RegisteredSource,
  context: SourceReading,
): Record<string, unknown> | RowProblem {
  const { columns } = table;
  const first = rows[0] ?? {};
  const reportId = cell(first, columns.reportId);
  const nationalId = cell(first, columns.nationalId);
  if (!nationalId) return { reportId, reason: `缺少患者身份证号（列 ${columns.nationalId}）` };
  const facility = cell(first, columns.institution);
  const institutionId = sourceInstitution(source, facility);
  if (!institutionId) return { reportId, reason: `机构 ${facility || '（未填）'} 不是该数据源登记的机构` };
  const collected = instantOf(cell(first, columns.collectedAt), context.timeZone);
  const itemCode = cell(first, columns.itemCode);
  const institution = context.reference.institutions.get(institutionId);
  const localSystems = localSystemsOf(source, institution);
  const itemName = cell(first, columns.itemName);
  const item = itemCodings(
    { code: itemCode, display: itemName, loinc: false },
    institutionId,
    localSystems,
    context.reference,
  );
  const status = rows.map((row) => ownValue(STATUS, cell(row, columns.status).toUpperCase())).find(Boolean) ?? 'final';
  const observations = rows.map((row, index) => {
    const value = cell(row, columns.value);
    const unit = cell(row, columns.unit);
    const range = cell(row, columns.referenceRange);
    const flag = cell(row, columns.flag);
    const method = cell(row, columns.method);
    const instrument = cell(row, columns.instrument);
    return {
      resourceType: 'Observation',
      id: `t-${reportId}-${index + 1}`,
      status: 'final',
      code: { text: cell(row, columns.analyte) },
      ...(collected ? { effectiveDateTime: collected } : {}),
      ...(value !== '' && Number.isFinite(Number(value))
        ? { valueQuantity: { value: Number(value), ...(unit ? { unit } : {}) } }
        : { valueString: value }),
      ...(range ? { referenceRange: [{ text: range }] } : {}),
      ...(flag ? { interpretation: [{ coding: [{ system: SYSTEMS.interpretation, code: flag }] }] } : {}),
      ...(method ? { method: { text: method } } : {}),
      ...(instrument ? { device: { display: instrument } } : {}),
    };
  });
  const report: IncomingReport = {
    id: `t-${reportId}`,
    identifier: { system: `urn:huren:source:${source.id}:report`, value: reportId },
    status,
    code: { coding: item.codings, ...(itemName ? { text: itemName } : {}) },
    effective: collected,
    issued: null,
    observations,
  };
  return incomingBundle({
    patient: {
      id: `p-${reportId}`,
      system: context.nationalIdSystem,
      nationalId,
      name: cell(first, columns.patientName),
    },
    institution: { id: institutionId, name: institution?.name ?? institutionId },
    reports: [report],
  });
}

/** Rows of one report together, in the table's order; the report ids in the order first seen. */
export function groupByReport(
  rows: readonly Record<string, unknown>[],
  column: string,
): Map<string, Record<string, unknown>[]> {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const id = cell(row, column);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}
