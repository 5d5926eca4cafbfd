import type { StatisticsView } from '../../../server/contract/quality';

/** The quality API's answers, typed from the server's own schemas (server/contract/, the one part of the server the app may import). */
export type {
  Facets,
  Granularity,
  OrderDetail,
  OrderOutcome,
  OrderRow,
  OrderScope,
  OrdersPage,
  StatisticsView,
} from '../../../server/contract/quality';

/** One row of a breakdown (a department, a doctor, an item, a modality) or one period of the trend. */
export type Group = StatisticsView['trend'][number];
export type FlaggedDoctor = StatisticsView['flaggedDoctors'][number];
export type FlagDirection = FlaggedDoctor['direction'];
export type ReasonCount = StatisticsView['reasons'][number];
