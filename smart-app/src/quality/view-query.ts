import { z } from 'zod';
import {
  GRANULARITIES,
  ORDER_FILTER_MAX_LENGTH as MAX,
  ORDER_OUTCOMES,
  ORDER_SCOPES,
  ORDER_SORT_KEYS,
  type OrderFilters,
} from '../../../server/contract/quality';
import type { Query } from '../consoles/console-api';

/**
 * What the quality console shows, as it travels in the page's query string so a view can be shared
 * and a reload restores it. The names and values are the API's own (orderFiltersSchema in
 * server/contract/quality.ts): the query goes to the API as it stands.
 */
export type QualityView = Pick<OrderFilters, 'granularity' | 'sort' | 'order' | 'page' | 'pageSize'> &
  Partial<
    Pick<
      OrderFilters,
      'from' | 'to' | 'department' | 'doctor' | 'item' | 'discipline' | 'modality' | 'outcome' | 'reason' | 'scope'
    >
  >;

type FilterName = 'department' | 'doctor' | 'item' | 'discipline' | 'modality' | 'outcome' | 'reason' | 'scope';

export const PAGE_SIZES = [25, 50, 100] as const;

const DEFAULTS = {
  granularity: 'day',
  sort: 'createdAt',
  order: 'desc',
  page: 1,
  pageSize: 25,
} as const satisfies Partial<QualityView>;

const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const day = z.iso.date().optional().catch(undefined);

/** A hand-edited or outdated link still opens: whatever cannot be read falls back to its default. */
const viewSchema = z.object({
  from: day,
  to: day,
  department: text(MAX.department),
  doctor: text(MAX.doctor),
  item: text(MAX.item),
  discipline: text(MAX.discipline),
  modality: text(MAX.modality),
  outcome: z.enum(ORDER_OUTCOMES).optional().catch(undefined),
  reason: text(MAX.reason),
  scope: z.enum(ORDER_SCOPES).optional().catch(undefined),
  granularity: z.enum(GRANULARITIES).catch(DEFAULTS.granularity),
  sort: z.enum(ORDER_SORT_KEYS).catch(DEFAULTS.sort),
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
export function withFilter<Name extends FilterName | 'from' | 'to'>(
  view: QualityView,
  name: Name,
  value: QualityView[Name],
): QualityView {
  return { ...view, [name]: value || undefined, page: 1 };
}

export function withoutFilters(view: QualityView): QualityView {
  return { granularity: view.granularity, sort: view.sort, order: view.order, page: 1, pageSize: view.pageSize };
}
