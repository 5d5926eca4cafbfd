import { addDays, localDate } from '../../rules';
import type { OrderFilters } from '../contract/quality';
import type { OrderRecord } from './order-records';

/** The period: the last 30 local days by default, never more than a year at once. */
export function periodOf(filters: OrderFilters, now: Date, timeZone: string): { from: string; to: string } {
  const to = filters.to ?? localDate(now, timeZone);
  const from = filters.from ?? addDays(to, -29);
  return { from: from < addDays(to, -366) ? addDays(to, -366) : from, to };
}

export function matches(record: OrderRecord, filters: OrderFilters): boolean {
  return (
    (!filters.department || record.departmentCode === filters.department || record.departmentName === filters.department) &&
    (!filters.doctor || record.doctorRef === filters.doctor) &&
    (!filters.item || record.itemCode === filters.item) &&
    (!filters.discipline || record.discipline === filters.discipline) &&
    (!filters.modality || record.modality === filters.modality) &&
    (!filters.outcome || record.outcome === filters.outcome) &&
    (!filters.reason || record.reasonCode === filters.reason) &&
    (!filters.scope || record.scope === filters.scope)
  );
}

const SORT_KEYS: Record<OrderFilters['sort'], (record: OrderRecord) => string> = {
  createdAt: (record) => record.createdAt,
  department: (record) => record.departmentName ?? '',
  doctor: (record) => record.doctorName ?? record.doctorRef,
  item: (record) => record.itemName,
  outcome: (record) => record.outcome,
};

export function sorted(records: readonly OrderRecord[], filters: OrderFilters): OrderRecord[] {
  const key = SORT_KEYS[filters.sort];
  const direction = filters.order === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => direction * (key(a).localeCompare(key(b)) || a.createdAt.localeCompare(b.createdAt)));
}
