import type { ProvinceFigures } from '../contract/province-figures';
import type { Database } from '../store/database';
import { recognisedItemsOfPeriod, refreshOrderTallies, talliedGroups, type TalliedGroup } from '../store/order-tallies';
import type { OutcomeCounts } from '../store/quality-figures';
import type { OrderPeriod } from '../store/quality-orders';
import type { ReferenceData } from '../store/reference';
import { NO_ORDERS, RECOGNISED_ITEM_TARGETS, added, groups, tally } from '../quality/statistics';

/**
 * Every hospital's figures in a period, counted as each hospital's console counts its orders (external
 * results only; emergencies and the hospital's own results aside): the province's total, each hospital
 * ranked by recognition rate with its recognised items (004's 200 and 300), each item, each month.
 * Read from the rollup (server/store/order-tallies.ts), brought up to date first with what changed
 * since its last refresh, so the answer costs the period's hospital-day-items, not its orders.
 */
export async function provinceFigures(
  stores: { readonly writer: Database; readonly reader: Database },
  period: Omit<OrderPeriod, 'hospitalId'>,
  reference: ReferenceData,
): Promise<ProvinceFigures> {
  await refreshOrderTallies(stores, period.exceptionReasonSystem);
  const [tallied, recognised] = await Promise.all([
    talliedGroups(stores.reader, period),
    recognisedItemsOfPeriod(stores.reader, period),
  ]);
  const summed = (key: (row: TalliedGroup) => string) => {
    const sums = new Map<string, OutcomeCounts>();
    for (const row of tallied) sums.set(key(row), added(sums.get(key(row)) ?? NO_ORDERS, row));
    // A month less its days outside the period can leave a group with nothing in it.
    return [...sums].filter(([, counts]) => counts.orders > 0).map(([group, counts]) => ({ key: group, counts }));
  };
  const hospitalRows = summed((row) => row.hospitalId);
  const itemsOf = new Map<string, Set<string>>();
  for (const item of recognised)
    itemsOf.set(item.hospitalId, (itemsOf.get(item.hospitalId) ?? new Set()).add(item.code));
  // Every order is one hospital's: the province's counts are their sum.
  const total = hospitalRows.reduce((sum, row) => added(sum, row.counts), NO_ORDERS);
  const hospitals = hospitalRows
    .map((row) => {
      const institution = reference.institutions.get(row.key);
      return {
        id: row.key,
        name: institution?.name ?? row.key,
        region: institution?.region ?? '',
        level: institution?.level ?? 0,
        ...tally(row.counts),
        recognisedItems: itemsOf.get(row.key)?.size ?? 0,
      };
    })
    // Highest rate first; hospitals with nothing eligible last; then more eligible orders, then the id.
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.eligible - a.eligible || a.id.localeCompare(b.id));
  const itemName = (code: string) => {
    const item = reference.catalog.get(code);
    return item ? (period.locale === 'en' ? item.nameEn : item.nameZh) : code;
  };
  let place = 0;
  const byHospital = hospitals.map((hospital) => ({ ...hospital, rank: hospital.rate === null ? null : ++place }));
  return {
    period: { from: period.from, to: period.to },
    totals: {
      ...tally(total),
      hospitals: byHospital.length,
      recognisedItems: new Set(recognised.map((item) => item.code)).size,
    },
    targets: RECOGNISED_ITEM_TARGETS,
    byHospital,
    byItem: groups(summed((row) => row.itemCode).map((row) => ({ ...row, label: itemName(row.key) }))),
    byMonth: groups(summed((row) => row.month).map((row) => ({ ...row, label: row.key }))).sort((a, b) =>
      a.key.localeCompare(b.key),
    ),
  };
}
