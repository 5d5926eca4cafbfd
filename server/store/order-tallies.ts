import type { Knex } from 'knex';
import { addDays, addMonths, daysBetween } from '../../rules';
import type { Database } from './database';
import { figureRowsOver, type OutcomeCounts } from './quality-figures';
import { orderFacts } from './quality-orders';
import { recognisedFigure } from './quality-repeats';
import { GROUP_KEYS, tallyFigure, tallyRows } from './quality-tallies';

/**
 * The province's rollup (migration 20261206180000): each hospital's external orders per local day and
 * item, counted as its quality console counts them (server/store/quality-orders.ts), the items it
 * recognised, and the same per month. An order belongs to the day of its first card. Triggers note the
 * hospital-days whose prompts, decisions or unexplained repeats change, in the changing statement
 * (the migration); `refreshOrderTallies` re-derives those days (and the day before, whose orders a card of the next day may still decide),
 * so a refresh costs what changed, not the province.
 */

/** PostgreSQL: the refreshers' writing transactions, one at a time across processes (SQLite has one writer anyway). */
const REFRESH_LOCK = 2_026_120_618;
const CHUNK = 500;

/** Consecutive days as runs [from, to]. */
function runsOf(days: ReadonlySet<string>): [string, string][] {
  const runs: [string, string][] = [];
  for (const day of [...days].sort()) {
    const last = runs.at(-1);
    if (last && addDays(last[1], 1) === day) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}

/**
 * The orders first shown on the run's days: derived over the run and the day after (a card signed the
 * next morning belongs to the order), without the orders that had a card before the run.
 */
function ordersOfRun(db: Database, hospitalId: string, [from, to]: [string, string], exceptionReasonSystem: string) {
  const period = { hospitalId, from, to: addDays(to, 1), locale: 'zh-CN', exceptionReasonSystem } as const;
  return db.queryBuilder().withMaterialized('o', (inner) =>
    inner
      .select('f.*')
      .from(orderFacts(db, period).wrap('(', ') AS f'))
      .whereBetween('f.created_on', [from, to])
      .whereNotExists((earlier) =>
        earlier
          .select(db.raw('1'))
          .from('prompts as e')
          .whereRaw('e.order_key = f.order_id')
          .andWhere('e.created_on', '<', from),
      ),
  );
}

/** The rollup's count columns, by the name of the count they hold. */
const SUMS = {
  orders: 'orders',
  prompts: 'prompts',
  accepted: 'accepted',
  overridden: 'overridden',
  notCounted: 'not_counted',
  noDecision: 'no_decision',
  unexplained: 'unexplained',
  savingFen: 'saving_fen',
} as const satisfies Record<keyof OutcomeCounts, string>;
const COUNT_COLUMNS = Object.values(SUMS);

/** The last local day of a month (YYYY-MM). */
const lastDayOf = (month: string) => addDays(addMonths(`${month}-01`, 1), -1);

/** A month's rows, summed again from its days (at most 31 days of one hospital's items). */
async function rebuildMonth(trx: Knex.Transaction, hospitalId: string, month: string): Promise<void> {
  const days = [`${month}-01`, lastDayOf(month)];
  for (const table of ['order_month_tallies', 'order_month_recognitions'])
    await trx(table).where({ hospital_id: hospitalId, month }).delete();
  const columns = COUNT_COLUMNS.join(', ');
  await trx.raw(
    `INSERT INTO order_month_tallies (month, hospital_id, item_code, ${columns})
     SELECT ?, hospital_id, item_code, ${COUNT_COLUMNS.map((column) => `SUM(${column})`).join(', ')}
     FROM order_day_tallies WHERE hospital_id = ? AND day BETWEEN ? AND ? GROUP BY hospital_id, item_code`,
    [month, hospitalId, ...days],
  );
  await trx.raw(
    `INSERT INTO order_month_recognitions (month, hospital_id, item_code)
     SELECT DISTINCT ?, hospital_id, item_code FROM order_day_recognitions WHERE hospital_id = ? AND day BETWEEN ? AND ?`,
    [month, hospitalId, ...days],
  );
}

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) await write(rows.slice(start, start + CHUNK));
}

/** A run's rows as the cards and decisions stand now: read outside any transaction. */
async function deriveRun(db: Database, hospitalId: string, run: [string, string], exceptionReasonSystem: string) {
  const figures = await figureRowsOver(db, ordersOfRun(db, hospitalId, run, exceptionReasonSystem), [
    tallyFigure(db, 'tally', { keys: [GROUP_KEYS.day, GROUP_KEYS.item], label: "''", externalOnly: true }),
    recognisedFigure(db, 'recognised', 'zh-CN', 'day'),
  ]);
  return {
    run,
    tallies: tallyRows(figures.get('tally')).map((row) => ({
      day: row.key,
      hospital_id: hospitalId,
      item_code: row.subKey,
      orders: row.orders,
      prompts: row.prompts,
      accepted: row.accepted,
      overridden: row.overridden,
      not_counted: row.notCounted,
      no_decision: row.noDecision,
      unexplained: row.unexplained,
      saving_fen: row.savingFen,
    })),
    recognitions: (figures.get('recognised') ?? []).map((row) => ({
      day: row.key2 ?? '',
      hospital_id: hospitalId,
      item_code: row.key1 ?? '',
    })),
  };
}

/** The writer replaces the rollup's rows; the reader (on SQLite, beside the one writer) derives them. */
export interface RollupStores {
  readonly writer: Database;
  readonly reader: Database;
}

/** Another refresher forgot some of these notes first: its rows are at least as new as ours. */
class Overtaken extends Error {}

/**
 * Re-derives one hospital's noted days (up to the change `upTo`) and forgets the notes. The notes are
 * read and the days derived first, on the reader, outside any transaction: on SQLite the writer is the
 * one connection every hook's prompt is written through, so it is held only while the rows are
 * replaced. That transaction forgets exactly the notes read (one written meanwhile stays for the next
 * refresh) and gives way if another refresher forgot any of them first.
 */
async function refreshHospital(
  { writer: db, reader }: RollupStores,
  hospitalId: string,
  upTo: number,
  exceptionReasonSystem: string,
): Promise<number> {
  const notes: { id: number | string; day: string }[] = await reader('order_day_changes')
    .where('hospital_id', hospitalId)
    .andWhere('id', '<=', upTo)
    .select('id', 'day');
  if (notes.length === 0) return 0;
  const days = new Set(notes.flatMap((note) => [addDays(note.day, -1), note.day]));
  const derived: Awaited<ReturnType<typeof deriveRun>>[] = [];
  for (const run of runsOf(days)) derived.push(await deriveRun(reader, hospitalId, run, exceptionReasonSystem));
  try {
    await db.transaction(async (trx) => {
      if (trx.client.config.client === 'pg') await trx.raw('SELECT pg_advisory_xact_lock(?)', [REFRESH_LOCK]);
      let forgotten = 0;
      const ids = notes.map((note) => note.id);
      for (let start = 0; start < ids.length; start += CHUNK)
        forgotten += await trx('order_day_changes')
          .whereIn('id', ids.slice(start, start + CHUNK))
          .delete();
      if (forgotten < ids.length) throw new Overtaken();
      for (const { run, tallies, recognitions } of derived) {
        for (const table of ['order_day_tallies', 'order_day_recognitions'])
          await trx(table).where('hospital_id', hospitalId).whereBetween('day', run).delete();
        await inChunks(tallies, (rows) => trx('order_day_tallies').insert(rows));
        await inChunks(recognitions, (rows) => trx('order_day_recognitions').insert(rows));
      }
      for (const month of new Set([...days].map((day) => day.slice(0, 7)))) await rebuildMonth(trx, hospitalId, month);
    });
  } catch (error) {
    if (error instanceof Overtaken) return 0;
    throw error;
  }
  return days.size;
}

/** The refresh under way in this process, per store: a second caller waits for it instead of doing its work again. */
const underWay = new WeakMap<Database, Promise<number>>();

/**
 * Brings the rollup up to date with every change noted so far (not those noted while it runs, so a
 * steady stream of writes cannot keep it going). Answers how many hospital-days it re-derived. One
 * refresh at a time in a process: a caller that finds one under way waits for it, then refreshes what
 * was noted since it began (little), so its answer still includes every change made before the call.
 */
export async function refreshOrderTallies(stores: RollupStores, exceptionReasonSystem: string): Promise<number> {
  const db = stores.writer;
  const running = underWay.get(db);
  if (running) await running.catch(() => 0);
  const current = underWay.get(db);
  // Another waiter started the next refresh first: it began after this call, so it is enough.
  if (current && current !== running) return current;
  const refresh = refreshAll(stores, exceptionReasonSystem).finally(() => {
    if (underWay.get(db) === refresh) underWay.delete(db);
  });
  underWay.set(db, refresh);
  return refresh;
}

async function refreshAll(stores: RollupStores, exceptionReasonSystem: string): Promise<number> {
  const last = await stores.reader('order_day_changes').max({ id: 'id' }).first();
  const upTo = Number(last?.id ?? 0);
  let days = 0;
  for (;;) {
    const next = await stores.reader('order_day_changes').where('id', '<=', upTo).orderBy('id').first('hospital_id');
    if (!next) return days;
    days += await refreshHospital(stores, String(next.hospital_id), upTo, exceptionReasonSystem);
  }
}

/** The rollup's counts of one hospital's item in one month of the period. */
export interface TalliedGroup extends OutcomeCounts {
  readonly hospitalId: string;
  readonly itemCode: string;
  /** YYYY-MM */
  readonly month: string;
}

/** A period as the whole months it covers and, for each month it covers only in part, the days it covers. */
function partsOf(period: { readonly from: string; readonly to: string }): {
  months: string[];
  partial: { month: string; inside: [string, string] }[];
} {
  const months: string[] = [];
  const partial: { month: string; inside: [string, string] }[] = [];
  for (
    let month = period.from.slice(0, 7);
    month <= period.to.slice(0, 7);
    month = addMonths(`${month}-01`, 1).slice(0, 7)
  ) {
    const first = `${month}-01`;
    const last = lastDayOf(month);
    if (period.from <= first && last <= period.to) months.push(month);
    else
      partial.push({ month, inside: [period.from > first ? period.from : first, period.to < last ? period.to : last] });
  }
  return { months, partial };
}

const sums = (db: Database) => Object.entries(SUMS).map(([name, column]) => db.raw(`SUM(${column}) AS ??`, [name]));

/**
 * The rollup over a period, summed by hospital, item and month: whole months from the monthly rows;
 * a month covered in part from its days inside the period, or, when it covers most of the month, from
 * the month's rows less its days outside (a sum can be taken apart; fewer rows to read). Some groups
 * may so come out at zero; the caller adds these up by hospital, by item and by month (thousands of
 * rows, not the period's orders) and drops the empty ones.
 */
export async function talliedGroups(
  db: Database,
  period: { readonly from: string; readonly to: string },
): Promise<TalliedGroup[]> {
  const { months, partial } = partsOf(period);
  const whole = [...months];
  const days: { range: [string, string]; sign: 1 | -1 }[] = [];
  for (const { month, inside } of partial) {
    const [first, last] = [`${month}-01`, lastDayOf(month)];
    if ((daysBetween(inside[0], inside[1]) + 1) * 2 <= daysBetween(first, last) + 1) {
      days.push({ range: inside, sign: 1 });
      continue;
    }
    whole.push(month);
    if (inside[0] > first) days.push({ range: [first, addDays(inside[0], -1)], sign: -1 });
    if (inside[1] < last) days.push({ range: [addDays(inside[1], 1), last], sign: -1 });
  }
  const queries: Promise<{ rows: Record<string, unknown>[]; sign: number }>[] = [];
  if (whole.length > 0)
    queries.push(
      db('order_month_tallies')
        .whereIn('month', whole)
        .groupBy('hospital_id', 'item_code', 'month')
        .select('hospital_id', 'item_code', 'month', ...sums(db))
        .then((rows: Record<string, unknown>[]) => ({ rows, sign: 1 })),
    );
  for (const { range, sign } of days)
    queries.push(
      db('order_day_tallies')
        .whereBetween('day', range)
        .groupBy('hospital_id', 'item_code')
        .select('hospital_id', 'item_code', db.raw('? AS month', [range[0].slice(0, 7)]), ...sums(db))
        .then((rows: Record<string, unknown>[]) => ({ rows, sign })),
    );
  return (await Promise.all(queries)).flatMap(({ rows, sign }) =>
    rows.map((row) => ({
      hospitalId: String(row.hospital_id),
      itemCode: String(row.item_code),
      month: String(row.month),
      orders: sign * Number(row.orders),
      prompts: sign * Number(row.prompts),
      accepted: sign * Number(row.accepted),
      overridden: sign * Number(row.overridden),
      notCounted: sign * Number(row.notCounted),
      noDecision: sign * Number(row.noDecision),
      unexplained: sign * Number(row.unexplained),
      savingFen: sign * Number(row.savingFen),
    })),
  );
}

/** Each hospital's recognised items in the period (each item once per hospital). */
export async function recognisedItemsOfPeriod(
  db: Database,
  period: { readonly from: string; readonly to: string },
): Promise<{ hospitalId: string; code: string }[]> {
  const { months, partial } = partsOf(period);
  const queries: Promise<{ hospital_id: string; item_code: string }[]>[] = [];
  if (months.length > 0)
    queries.push(db('order_month_recognitions').whereIn('month', months).distinct('hospital_id', 'item_code'));
  // Which items were recognised cannot be taken apart like a count: the days themselves.
  for (const { inside } of partial)
    queries.push(db('order_day_recognitions').whereBetween('day', inside).distinct('hospital_id', 'item_code'));
  const distinct = new Map<string, { hospitalId: string; code: string }>();
  for (const row of (await Promise.all(queries)).flat())
    distinct.set(`${row.hospital_id}\u0000${row.item_code}`, { hospitalId: row.hospital_id, code: row.item_code });
  return [...distinct.values()];
}
