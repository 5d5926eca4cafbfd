import type { ConsoleApi } from '../consoles/console-api';
import type { Facets, OrderDetail, OrdersPage, StatisticsView } from './quality-model';
import { filtersQuery, ordersQuery, type QualityView } from './view-query';

/** The quality API (server/quality/routes.ts), for one signed-in quality token. */
export interface QualityApi {
  statistics(view: QualityView, signal: AbortSignal): Promise<StatisticsView>;
  orders(view: QualityView, signal: AbortSignal): Promise<OrdersPage>;
  /** The filters' choices: who and what occurs in the period. */
  facets(period: Pick<QualityView, 'from' | 'to'>, signal: AbortSignal): Promise<Facets>;
  order(promptId: string, signal: AbortSignal): Promise<OrderDetail>;
  /** The filtered list in the list's order, as the CSV the server writes; resolves with the file's name. */
  downloadOrders(view: QualityView): Promise<string>;
  downloadMonthlyReport(month: string): Promise<string>;
}

export function qualityApi(api: ConsoleApi): QualityApi {
  return {
    statistics: (view, signal) => api.get('/api/quality/statistics', filtersQuery(view), signal),
    orders: (view, signal) => api.get('/api/quality/orders', ordersQuery(view), signal),
    facets: (period, signal) => api.get('/api/quality/facets', period, signal),
    order: (promptId, signal) => api.get(`/api/quality/orders/${encodeURIComponent(promptId)}`, {}, signal),
    downloadOrders: (view) =>
      api.download('/api/quality/orders.csv', { ...filtersQuery(view), sort: view.sort, order: view.order }),
    downloadMonthlyReport: (month) => api.download('/api/quality/report.csv', { month }),
  };
}
