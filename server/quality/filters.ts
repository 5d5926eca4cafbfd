import { z } from 'zod';
import { addDays, localDate } from '../../rules';
import { ORDER_OUTCOMES, ORDER_SCOPES, type OrderRecord } from './order-records';

const day = z.iso.date();

/** The console's filters, as they travel in the URL so a view can be shared. */
export const orderFiltersSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  department: z.string().max(200).optional(),
  doctor: z.string().max(200).optional(),
  item: z.string().max(64).optional(),
  discipline: z.string().max(32).optional(),
  modality: z.string().max(8).optional(),
  outcome: z.enum(ORDER_OUTCOMES).optional(),
  reason: z.string().max(64).optional(),
  scope: z.enum(ORDER_SCOPES).optional(),
  granularity: z.enum(['day', 'week', 'month']).default('day'),
  sort: z.enum(['createdAt', 'department', 'doctor', 'item', 'outcome']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type OrderFilters = z.infer<typeof orderFiltersSchema>;

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
