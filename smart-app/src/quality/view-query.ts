import { z } from 'zod';
import type { OrderFilters } from '../../../server/contract/quality';
import type { Query } from '../consoles/console-api';
import type { OrderOutcome, OrderScope } from './quality-model';

/**
 * What the quality console shows, as it travels in the page's query string so a view can be shared
 * and a reload restores it. The names and values are the API's own (server/quality/filters.ts): the
 * query goes to the API as it stands.
 */
export type QualityView = Pick<OrderFilters, 'granularity' | 'sort' | 'order' | 'page' | 'pageSize'> &
  Partial<Pick<OrderFilters, 'from' | 'to' | 'department' | 'doctor' | 'item' | 'discipline' | 'modality' | 'outcome' | 'reason' | 'scope'>>;

type FilterName = 'department' | 'doctor' | 'item' | 'discipline' | 'modality' | 'outcome' | 'reason' | 'scope';

export const ORDER_OUTCOMES = ['accepted', 'overridden', 'not-counted', 'no-decision', 'unexplained-repeat'] as const satisfies readonly OrderOutcome[];
export const ORDER_SCOPES = ['external', 'in-hospital', 'emergency'] as const satisfies readonly OrderScope[];
export const GRANULARITIES = ['day', 'week', 'month'] as const satisfies readonly QualityView['granularity'][];
/** The columns the API sorts by. */
export const SORT_KEYS = ['createdAt', 'department', 'doctor', 'item', 'outcome'] as const satisfies readonly QualityView['sort'][];
export const PAGE_SIZES = [25, 50, 100] as const;

const DEFAULTS = { granularity: 'day', sort: 'createdAt', order: 'desc', page: 1, pageSize: 25 } as const satisfies Partial<QualityView>;

const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const day = z.iso.date().optional().catch(undefined);

/** A hand-edited or outdated link still opens: whatever cannot be read falls back to its default. */
const viewSchema = z.object({
  from: day,
  to: day,
  department: text(200),
  doctor: text(200),
  item: text(64),
  discipline: text(32),
  modality: text(8),
  outcome: z.enum(ORDER_OUTCOMES).optional().catch(undefined),
  reason: text(64),
  scope: z.enum(ORDER_SCOPES).optional().catch(undefined),
  granularity: z.enum(GRANULARITIES).catch(DEFAULTS.granularity),
  sort: z.enum(SORT_KEYS).catch(DEFAULTS.sort),
  order: z.enum(['asc', 'desc']).catch(DEFAULTS.order),
  page: z.coerce.number().int().min(1).catch(DEFAULTS.page),
  pageSize: z.coerce
    .number()
    .refine((size) => (PAGE_SIZES as readonly number[]).includes(size))
    .catch(DEFAULTS.pageSize),
}) satisfies z.ZodType<QualityView>;

export function viewFrom(params: URLSearchParams): QualityView {
  return viewSchema.parse(Object.fromEntries(params));
}

/** The query string of a view: only what differs from the defaults, so links stay short. */
export function paramsOf(view: QualityView): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(view) as [keyof QualityView, QualityView[keyof QualityView]][]) {
    if (value !== undefined && value !== (DEFAULTS as Partial<QualityView>)[name]) params.set(name, String(value));
  }
  return params;
}

/** The filters alone: what the statistics and the exported list are of. */
export function filtersQuery(view: QualityView): Query {
  const { sort: _sort, order: _order, page: _page, pageSize: _pageSize, ...filters } = view;
  return filters;
}

/** The list's page: the filters, the order and the page. */
export function ordersQuery(view: QualityView): Query {
  const { granularity: _granularity, ...query } = view;
  return query;
}

/** A filter changed: the list starts again at its first page. */
export function withFilter<Name extends FilterName | 'from' | 'to'>(view: QualityView, name: Name, value: QualityView[Name]): QualityView {
  return { ...view, [name]: value || undefined, page: 1 };
}

export function withoutFilters(view: QualityView): QualityView {
  return { granularity: view.granularity, sort: view.sort, order: view.order, page: 1, pageSize: view.pageSize };
}
