import type { ProvinceFigures } from '../contract/province-figures';
import type { Database } from '../store/database';
import { figureRows } from '../store/quality-figures';
import type { OrderPeriod } from '../store/quality-orders';
import { recognisedFigure, recognisedItemCodes } from '../store/quality-repeats';
import { GROUP_KEYS, tallyFigure, tallyRows } from '../store/quality-tallies';
import type { ReferenceData } from '../store/reference';
import { NO_ORDERS, RECOGNISED_ITEM_TARGETS, added, countsOf, groups, tally } from '../quality/statistics';

/**
 * Every hospital's figures in a period, aggregated in one statement over the same derived orders a
 * hospital's console counts (external results, emergencies and the hospital's own results aside): the
 * province's total, each hospital ranked by recognition rate with its recognised items (004's 200 and
 * 300), each item, each month. Only groups leave the store.
 */
export async function provinceFigures(
  db: Database,
  period: Omit<OrderPeriod, 'hospitalId'>,
  reference: ReferenceData,
): Promise<ProvinceFigures> {
  const external = (figure: string, key: string, label: string) =>
    tallyFigure(db, figure, { keys: [key], label, externalOnly: true });
  const figures = await figureRows(db, { ...period, hospitalId: null }, {}, [
    external('hospital', GROUP_KEYS.hospital, GROUP_KEYS.hospital),
    external('item', GROUP_KEYS.item, GROUP_KEYS.itemLabel),
    external('month', GROUP_KEYS.month, GROUP_KEYS.month),
    recognisedFigure(db, 'recognised', period.locale),
  ]);
  const recognised = recognisedItemCodes(figures.get('recognised'));
  const itemsOf = new Map<string, Set<string>>();
  for (const item of recognised)
    itemsOf.set(item.hospitalId, (itemsOf.get(item.hospitalId) ?? new Set()).add(item.code));
  const hospitalRows = tallyRows(figures.get('hospital'));
  // Every order is one hospital's: the province's counts are their sum.
  const total = hospitalRows.reduce((sum, row) => added(sum, countsOf(row)), NO_ORDERS);
  const hospitals = hospitalRows
    .map((row) => {
      const institution = reference.institutions.get(row.key);
      return {
        id: row.key,
        name: institution?.name ?? row.key,
        region: institution?.region ?? '',
        level: institution?.level ?? 0,
        ...tally(countsOf(row)),
        recognisedItems: itemsOf.get(row.key)?.size ?? 0,
      };
    })
    // Highest rate first; hospitals with nothing eligible last; then more eligible orders, then the id.
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.eligible - a.eligible || a.id.localeCompare(b.id));
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
    byItem: groups(
      tallyRows(figures.get('item')).map((row) => ({ key: row.key, label: row.label, counts: countsOf(row) })),
    ),
    byMonth: groups(
      tallyRows(figures.get('month')).map((row) => ({ key: row.key, label: row.key, counts: countsOf(row) })),
    ).sort((a, b) => a.key.localeCompare(b.key)),
  };
}
