import { stringify } from 'csv-stringify/sync';
import { EXCEPTION_REASONS, type ExceptionReason } from '../../rules';
import { SYSTEMS } from '../fhir/systems';
import type { Messages } from '../i18n';
import type { OrderRecord } from './order-records';
import type { Group, Statistics } from './statistics';

/** UTF-8 with a byte-order mark, CRLF line ends: what Excel opens correctly, Chinese headers included. */
function excelCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${stringify(rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : cell))), { record_delimiter: '\r\n' })}`;
}

export function reasonText(record: { reasonSystem: string | null; reasonCode: string | null; reasonDisplay: string | null }, messages: Messages): string {
  if (!record.reasonCode) return '';
  const ours = record.reasonSystem === SYSTEMS.exceptionReason && (EXCEPTION_REASONS as readonly string[]).includes(record.reasonCode);
  return ours ? messages.exceptionReasons[record.reasonCode as ExceptionReason] : (record.reasonDisplay ?? record.reasonCode);
}

export function ordersCsv(records: readonly OrderRecord[], messages: Messages): string {
  return excelCsv([
    messages.quality.orderColumns,
    ...records.map((record) => [
      record.createdAt, record.departmentName ?? record.departmentCode, record.doctorName ?? record.doctorRef, record.itemCode, record.itemName, record.modality,
      record.candidates, messages.quality.outcomes[record.outcome], record.reasonCode, reasonText(record, messages), record.explanation,
      record.notified ? '✓' : '', record.decisionSource, record.decidedAt, (record.priceFen / 100).toFixed(2), record.promptId,
    ]),
  ]);
}

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);

function groupRows(groups: readonly Group[]): unknown[][] {
  return groups.map((group) => [group.label, group.eligible, group.accepted, group.overridden, group.noDecision, group.unexplained, percent(group.rate), group.yuanSaved.toFixed(2)]);
}

/** The monthly report the health commission's templates ask for: totals, by department and modality, the reasons. */
export function monthlyReportCsv(stats: Statistics, month: string, hospital: string, messages: Messages): string {
  const words = messages.quality.report;
  const { totals } = stats;
  return excelCsv([
    [words.title(month, hospital)],
    [],
    [words.totals],
    [words.totalRows.prompts, totals.prompts],
    [words.totalRows.orders, totals.orders],
    [words.totalRows.eligible, totals.eligible],
    [words.totalRows.accepted, totals.accepted],
    [words.totalRows.rate, percent(totals.rate)],
    [words.totalRows.overridden, totals.overridden],
    [words.totalRows.notCounted, totals.notCounted],
    [words.totalRows.noDecision, totals.noDecision],
    [words.totalRows.unexplained, totals.unexplained],
    [words.totalRows.yuanSaved, totals.yuanSaved.toFixed(2)],
    [],
    [words.byDepartment],
    words.groupColumns,
    ...groupRows(stats.byDepartment),
    [],
    [words.byModality],
    words.groupColumns,
    ...groupRows(stats.byModality),
    [],
    [words.byItem],
    words.groupColumns,
    ...groupRows(stats.byItem),
    [],
    [words.reasons],
    words.reasonColumns,
    ...stats.reasons.map((reason) => [reasonText({ reasonSystem: reason.system, reasonCode: reason.code, reasonDisplay: reason.display }, messages), reason.count, reason.counted ? words.counted : words.notCounted]),
  ]);
}
