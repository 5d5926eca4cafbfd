import type { StatisticsView } from '../../../server/quality/schemas';

/** The quality API's answers, typed from the server's own schemas (types only: nothing of the server is bundled). */
export type { Facets, OrderDetail, OrderRow, OrdersPage, StatisticsView } from '../../../server/quality/schemas';
export type { OrderOutcome, OrderScope } from '../../../server/quality/order-records';
export type { Granularity } from '../../../server/quality/statistics';

/** One row of a breakdown (a department, a doctor, an item, a modality) or one period of the trend. */
export type Group = StatisticsView['trend'][number];
export type FlaggedDoctor = StatisticsView['flaggedDoctors'][number];
export type FlagDirection = FlaggedDoctor['direction'];
export type ReasonCount = StatisticsView['reasons'][number];
