import { EXCEPTION_REASONS, type ExceptionReason } from '../../rules';
import { excelCsv } from '../csv/excel-csv';
import { SYSTEMS } from '../fhir/systems';
import type { Messages } from '../i18n';
import type { PatientNotification } from '../contract/decisions';
import type { OrderListing } from './order-records';
import type { Group, Statistics } from './statistics';
import { ownValue } from '../web/own-key';

const clocks = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the hospital's clock shows it, `2026-12-01 23:03:18`: the form Excel and WPS read as a
 * date and time (with an offset they keep the cell as text). The offset is in the column's header
 * (`zoneOffset`). One cached Intl formatter per zone: a month's CSV formats two instants an order, and
 * dayjs's zone plugin took ten times as long for the same text.
 */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = clockParts(iso, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The zone's offset from UTC at an instant, `+08:00`. */
export function zoneOffset(iso: string, timeZone: string): string {
  const name = clockParts(iso, timeZone).timeZoneName;
  // `GMT+08:00`, or plain `GMT` at a zero offset.
  return name === 'GMT' ? '+00:00' : (name ?? '').slice(3);
}

/** The columns of the orders CSV that hold a local time: their headers name the offset. */
export const ORDER_TIME_COLUMNS: ReadonlySet<number> = new Set([0, 13]);

function clockParts(iso: string, timeZone: string): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    clocks.set(timeZone, clock);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of clock.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return parts;
}

/** The reason's name (without the doctor's instructions); an EHR's own reason as it sent it. */
export function reasonText(
  record: { reasonSystem: string | null; reasonCode: string | null; reasonDisplay: string | null },
  messages: Messages,
): string {
  if (!record.reasonCode) return '';
  const ours =
    record.reasonSystem === SYSTEMS.exceptionReason &&
    (EXCEPTION_REASONS as readonly string[]).includes(record.reasonCode);
  if (!ours) return record.reasonDisplay ?? record.reasonCode;
  const code = record.reasonCode as ExceptionReason;
  return messages.quality.reasonNames[code] ?? messages.exceptionReasons[code];
}

export function notificationText(
  notification: PatientNotification | null,
  messages: Messages,
  timeZone: string,
): string {
  if (!notification) return '';
  const words = messages.quality;
  return words.notification(
    words.notificationParties[notification.party],
    words.notificationMethods[notification.method],
    localDateTime(notification.notifiedAt, timeZone),
    notification.notifiedBy,
  );
}

/** One order as a row of the orders CSV (columns: `messages.quality.orderColumns`). */
export function orderCsvRow(record: OrderListing, messages: Messages, timeZone: string): unknown[] {
  const words = messages.quality;
  return [
    localDateTime(record.createdAt, timeZone),
    record.departmentName ?? record.departmentCode,
    record.doctorName ?? record.doctorRef,
    record.itemCode,
    record.itemName,
    ownValue(words.modalities, record.modality) ?? record.modality,
    words.scopes[record.scope],
    record.candidates,
    words.outcomes[record.outcome],
    reasonText(record, messages),
    record.explanation ?? (record.explanationMissing ? words.explanationMissing : ''),
    notificationText(record.notification, messages, timeZone),
    ownValue(words.sources, record.decisionSource ?? '') ?? record.decisionSource,
    record.decidedAt ? localDateTime(record.decidedAt, timeZone) : '',
    (record.priceFen / 100).toFixed(2),
    record.promptId,
  ];
}

const percent = (rate: number | null) => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);

function groupRows(groups: readonly Group[], label: (group: Group) => string = (group) => group.label): unknown[][] {
  return groups.map((group) => [
    label(group),
    group.eligible,
    group.accepted,
    group.overridden,
    group.noDecision,
    group.unexplained,
    percent(group.rate),
    group.yuanSaved.toFixed(2),
  ]);
}

function scopeRows(tally: Statistics['emergency'], words: Messages['quality']['report']): unknown[][] {
  const rows = words.scopeRows;
  return [
    [rows.prompts, tally.prompts],
    [rows.orders, tally.orders],
    [rows.accepted, tally.accepted],
    [rows.overridden, tally.overridden + tally.notCounted],
    [rows.noDecision, tally.noDecision],
    [rows.unexplained, tally.unexplained],
    [rows.yuanSaved, tally.yuanSaved.toFixed(2)],
  ];
}

/**
 * The monthly report the health commission's templates ask for: the recognition rate's totals, the
 * in-hospital repeats and emergencies apart, the items recognised against the national targets, repeats
 * of the same patient, exceptions and informing, then by department, modality and item, and the reasons.
 */
export function monthlyReportCsv(stats: Statistics, month: string, hospital: string, messages: Messages): string {
  const words = messages.quality.report;
  const { totals, recognisedItems, repeats, exceptions } = stats;
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
    [words.inHospital],
    ...scopeRows(stats.inHospital, words),
    [],
    [words.emergency],
    ...scopeRows(stats.emergency, words),
    [],
    [words.recognisedItems],
    ...words.recognisedItemRows(recognisedItems.count, recognisedItems.targets.city, recognisedItems.targets.province),
    [],
    [words.exceptions],
    [words.exceptionRows.overridden, exceptions.overridden],
    [words.exceptionRows.informed, exceptions.informed],
    [words.exceptionRows.informedShare, percent(exceptions.informedShare)],
    [words.exceptionRows.explanationMissing, exceptions.explanationMissing],
    [],
    [words.repeats],
    [words.repeatRows.orders, repeats.orders],
    [words.repeatRows.patients, repeats.patients],
    [words.repeatRows.patientsWithMoreThanOne, repeats.patientsWithMoreThanOne],
    words.repeatColumns,
    ...repeats.byPatientItem.map((row) => [row.patient, row.itemCode, row.itemName, row.count]),
    [],
    [words.byDepartment],
    words.groupColumns,
    ...groupRows(stats.byDepartment),
    [],
    [words.byModality],
    words.groupColumns,
    ...groupRows(stats.byModality, (group) => ownValue(messages.quality.modalities, group.key) ?? group.label),
    [],
    [words.byItem],
    words.groupColumns,
    ...groupRows(stats.byItem),
    [],
    [words.reasons],
    words.reasonColumns,
    ...stats.reasons.map((reason) => [
      reasonText({ reasonSystem: reason.system, reasonCode: reason.code, reasonDisplay: reason.display }, messages),
      reason.count,
      reason.counted ? words.counted : words.notCounted,
    ]),
  ]);
}
