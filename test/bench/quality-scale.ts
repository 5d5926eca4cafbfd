import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { EXCEPTION_REASONS } from '../../rules';
import { createApiToken } from '../../server/store/api-tokens';
import { openStore } from '../../server/store/database';
import { refreshOrderTallies } from '../../server/store/order-tallies';
import { SYSTEMS } from '../../server/fhir/systems';
import { insertOrders, type OrderSpec } from '../support/quality-orders';
import { startChild, type Child } from './processes';
import { benchStore } from './quality-store';
import { CATALOG_CODES, random } from './synthetic';

/**
 * Quality statistics at province scale (issue 12): a province-month of prompts and decisions across
 * hundreds of hospitals, loaded straight into the store, then the real server over real HTTP answering
 * the quality department's statistics, orders pages and the full CSV export of one hospital at a time.
 * Prints p50/p95 per endpoint and the server's peak RSS; asserts nothing.
 * `npx tsx test/bench/quality-scale.ts`; BENCH_QUALITY_PROMPTS (5000000), BENCH_QUALITY_HOSPITALS (500),
 * BENCH_QUALITY_SAMPLES (20 per endpoint), BENCH_STORES (sqlite,postgres).
 */
export interface QualityScaleOptions {
  readonly prompts: number;
  readonly hospitals: number;
  readonly samples: number;
  readonly stores: readonly string[];
  readonly log?: (message: string) => void;
}

export interface QualityScaleRow {
  readonly store: string;
  readonly prompts: number;
  readonly orders: number;
  readonly hospitals: number;
  readonly loadSeconds: number;
  readonly endpoint: string;
  /** Orders of the period the answer covers (one hospital's month). */
  readonly hospitalOrders: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly bytes: number;
  readonly peakRssMiB: number;
}

const MONTH = { from: '2026-11-01', to: '2026-11-30' };
const DAYS = 30;
const SIGNED_SHARE = 0.2;
const TIME_ZONE = 'Asia/Shanghai';
const DEPARTMENTS = [
  '心血管内科',
  '呼吸内科',
  '消化内科',
  '神经内科',
  '内分泌科',
  '肾内科',
  '普通外科',
  '骨科',
  '妇科',
  '儿科',
  '急诊科',
  '肿瘤科',
];

const hospitalId = (index: number) => `H-PROV-${String(index).padStart(4, '0')}`;

/** One hospital's month of orders, deterministic: departments, doctors, patients, items, outcomes as a busy hospital has them. */
function* hospitalMonth(hospital: number, hospitals: number, orders: number): Generator<OrderSpec> {
  const next = random(hospital * 7919 + 1);
  const id = hospitalId(hospital);
  for (let index = 0; index < orders; index += 1) {
    const day = Math.floor((index * DAYS) / orders);
    const createdOn = `2026-11-${String(day + 1).padStart(2, '0')}`;
    const createdAt = new Date(
      Date.parse(`${createdOn}T00:00:00+08:00`) + Math.floor(next() * 86_400_000),
    ).toISOString();
    const department = Math.floor(next() * DEPARTMENTS.length);
    const doctor = department * 10 + Math.floor(next() * 10);
    const ownOnly = next() < 0.1;
    const offered = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      institutionId: ownOnly ? id : hospitalId(Math.floor(next() * hospitals)),
      own: ownOnly,
    }));
    const roll = next();
    const reasonCode = EXCEPTION_REASONS[Math.floor(next() * EXCEPTION_REASONS.length)] as string;
    const signed = next() < SIGNED_SHARE;
    yield {
      id: `${id}-${index}`,
      hospitalId: id,
      createdAt,
      createdOn,
      patientKey: `${id}-patient-${Math.floor(next() * orders * 0.6)}`,
      itemCode: CATALOG_CODES[Math.floor(next() * CATALOG_CODES.length)] as string,
      department: { code: String(department).padStart(4, '0'), name: DEPARTMENTS[department] as string },
      doctor: { ref: `Practitioner/${id}-${doctor}`, name: `医生${doctor}` },
      encounterKind: next() < 0.05 ? 'emergency' : 'outpatient',
      offered,
      signed,
      ...(roll < 0.55
        ? { decision: { outcome: 'accepted' as const } }
        : roll < 0.72
          ? {
              decision: {
                outcome: 'overridden' as const,
                reasonCode,
                ...(next() < 0.7 ? { explanation: '病情变化，需复查' } : {}),
                notified: next() < 0.6,
              },
            }
          : { unexplained: signed && next() < 0.5 }),
    };
  }
}

function* province(hospitals: number, ordersPerHospital: number): Generator<OrderSpec> {
  for (let hospital = 0; hospital < hospitals; hospital += 1)
    yield* hospitalMonth(hospital, hospitals, ordersPerHospital);
}

async function prepare(
  db: Knex,
  options: QualityScaleOptions,
  log: (message: string) => void,
): Promise<{ orders: number; loadSeconds: number }> {
  const now = new Date().toISOString();
  const institutions = Array.from({ length: options.hospitals }, (_, index) => ({
    id: hospitalId(index),
    name: `省内医院${index}`,
    level: 2,
    grade: '甲',
    region: 'CQ',
    created_at: now,
  }));
  for (let start = 0; start < institutions.length; start += 200)
    await db('institutions').insert(institutions.slice(start, start + 200));
  // Prompts = orders × (1 + the share signed after a card at selection).
  const ordersPerHospital = Math.round(options.prompts / options.hospitals / (1 + SIGNED_SHARE));
  const started = Date.now();
  let loaded = 0;
  const counted = function* (): Generator<OrderSpec> {
    for (const spec of province(options.hospitals, ordersPerHospital)) {
      loaded += 1;
      if (loaded % 250_000 === 0)
        log(`  ${loaded.toLocaleString('en')} orders loaded (${Math.round((Date.now() - started) / 1000)} s)`);
      yield spec;
    }
  };
  await insertOrders(db, counted(), 10_000);
  await db.raw('ANALYZE');
  return { orders: loaded, loadSeconds: (Date.now() - started) / 1000 };
}

async function timed(url: string, token: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  for await (const chunk of response.body ?? []) bytes += (chunk as Uint8Array).byteLength;
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - started, bytes };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Each answer is one hospital's, with its quality token; `platform` ones are every hospital's, with the platform's. */
const ENDPOINTS: readonly { name: string; path: (hospital: number) => string; platform?: boolean }[] = [
  {
    name: 'statistics (month, by week)',
    path: () => `/api/quality/statistics?from=${MONTH.from}&to=${MONTH.to}&granularity=week`,
  },
  {
    name: 'orders page 1 (50, newest)',
    path: () => `/api/quality/orders?from=${MONTH.from}&to=${MONTH.to}&pageSize=50`,
  },
  {
    name: 'orders page 100 (50, by doctor)',
    path: () => `/api/quality/orders?from=${MONTH.from}&to=${MONTH.to}&pageSize=50&page=100&sort=doctor&order=asc`,
  },
  {
    name: 'orders filtered (overridden, one department)',
    path: () => `/api/quality/orders?from=${MONTH.from}&to=${MONTH.to}&outcome=overridden&department=0003`,
  },
  {
    name: 'orders CSV, whole month (last byte)',
    path: () => `/api/quality/orders.csv?from=${MONTH.from}&to=${MONTH.to}`,
  },
  { name: 'facets', path: () => `/api/quality/facets?from=${MONTH.from}&to=${MONTH.to}` },
  { name: 'monthly report CSV', path: () => `/api/quality/report.csv?month=2026-11` },
  {
    name: 'province figures, every hospital (month)',
    path: () => `/api/platform/figures?from=${MONTH.from}&to=${MONTH.to}`,
    platform: true,
  },
  {
    // Not whole months: the month less its days outside (server/store/order-tallies.ts).
    name: 'province figures, every hospital (2nd to 29th)',
    path: () => `/api/platform/figures?from=2026-11-02&to=2026-11-29`,
    platform: true,
  },
  {
    name: 'province figures, every hospital (10th to 20th)',
    path: () => `/api/platform/figures?from=2026-11-10&to=2026-11-20`,
    platform: true,
  },
];

async function benchOneStore(
  store: string,
  options: QualityScaleOptions,
  log: (message: string) => void,
): Promise<QualityScaleRow[]> {
  const place = await benchStore(store, 'huren_quality_bench', log);
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    PORT: '0',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    SEED_DEMO: 'off',
    TIME_ZONE,
    ...place.env,
  };
  let server: Child | null = null;
  try {
    // The server migrates the empty store and loads the demo registry and catalog, then stops for the bulk load.
    const seeding = await startChild('server/main.ts', { ...env, SEED_DEMO: 'on' }, /demo data loaded/);
    await seeding.stop();
    const opened = openStore(
      'DATABASE_URL' in place.env
        ? { client: 'pg', url: place.env.DATABASE_URL }
        : { client: 'sqlite', file: place.env.SQLITE_FILE },
    );
    const direct = opened.db;
    log(`${store}: loading ${options.prompts.toLocaleString('en')} prompts across ${options.hospitals} hospitals`);
    const { orders, loadSeconds } = await prepare(direct, options, log);
    const prompts = Number((await direct('prompts').count({ n: '*' }).first())?.n ?? 0);
    // The province's rollup for everything just loaded (as the maintenance process builds it after an
    // upgrade): timed here, so the first read below is a read like the others.
    const rollupStarted = Date.now();
    const rollupDays = await refreshOrderTallies({ writer: direct, reader: direct }, SYSTEMS.exceptionReason);
    log(
      `${store}: the province's rollup built: ${rollupDays.toLocaleString('en')} hospital-days in ${Math.round((Date.now() - rollupStarted) / 1000)} s`,
    );
    log(
      `${store}: ${orders.toLocaleString('en')} orders, ${prompts.toLocaleString('en')} prompts in ${Math.round(loadSeconds)} s`,
    );
    const sampled = Array.from({ length: 5 }, (_, index) => Math.floor((index * options.hospitals) / 5));
    const tokens = await Promise.all(
      sampled.map(
        async (hospital) =>
          (
            await createApiToken(
              direct,
              { name: `bench quality ${hospital}`, role: 'quality', hospitalId: hospitalId(hospital) },
              new Date(),
            )
          ).token,
      ),
    );
    const { token: platformToken } = await createApiToken(
      direct,
      { name: 'bench platform', role: 'platform', hospitalId: null },
      new Date(),
    );
    await opened.destroy();
    server = await startChild('server/main.ts', env, /Huren listening/);
    const rows: QualityScaleRow[] = [];
    for (const endpoint of ENDPOINTS) {
      const times: number[] = [];
      let bytes = 0;
      const tokenOf = (which: number) => (endpoint.platform ? platformToken : (tokens[which] as string));
      const running = server;
      await timed(`${server.url}${endpoint.path(0)}`, tokenOf(0)).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${running.outputTail()}`);
      });
      // The province's answer reads every hospital's month: a few samples tell its time.
      const samples = endpoint.platform ? Math.min(options.samples, 3) : options.samples;
      for (let sample = 0; sample < samples; sample += 1) {
        const which = sample % sampled.length;
        const result = await timed(`${server.url}${endpoint.path(sampled[which] as number)}`, tokenOf(which));
        times.push(result.ms);
        bytes = result.bytes;
      }
      times.sort((a, b) => a - b);
      const row = {
        store,
        prompts,
        orders,
        hospitals: options.hospitals,
        loadSeconds,
        endpoint: endpoint.name,
        hospitalOrders: Math.round(orders / options.hospitals),
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: times.at(-1) ?? 0,
        bytes,
        peakRssMiB: server.peakMemoryMiB(),
      };
      log(`${store}: ${endpoint.name}: p50 ${row.p50.toFixed(0)} ms, p95 ${row.p95.toFixed(0)} ms`);
      rows.push(row);
    }
    return rows;
  } finally {
    await server?.stop();
    place.remove();
  }
}

export async function runQualityScale(options: QualityScaleOptions): Promise<QualityScaleRow[]> {
  const log = options.log ?? ((message: string) => process.stderr.write(`[quality-bench] ${message}\n`));
  const rows: QualityScaleRow[] = [];
  for (const store of options.stores) rows.push(...(await benchOneStore(store, options, log)));
  return rows;
}

export function qualityScaleTable(rows: readonly QualityScaleRow[]): string {
  const first = rows[0];
  const loads = [...new Map(rows.map((row) => [row.store, row])).values()].map(
    (row) =>
      `${row.store}: ${row.prompts.toLocaleString('en')} prompts (${row.orders.toLocaleString('en')} orders) loaded in ${Math.round(row.loadSeconds)} s`,
  );
  return [
    first
      ? `Quality statistics at province scale: ${first.hospitals} hospitals, one month, ~${first.hospitalOrders.toLocaleString('en')} orders per hospital; each answer is one hospital's month`
      : 'no rows',
    ...loads,
    '',
    '| store | endpoint | p50 ms | p95 ms | max ms | answer KiB | server peak RSS MiB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.store} | ${row.endpoint} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.max.toFixed(0)} | ${(row.bytes / 1024).toFixed(0)} | ${row.peakRssMiB.toFixed(0)} |`,
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runQualityScale({
    prompts: Number(process.env.BENCH_QUALITY_PROMPTS ?? 5_000_000),
    hospitals: Number(process.env.BENCH_QUALITY_HOSPITALS ?? 500),
    samples: Number(process.env.BENCH_QUALITY_SAMPLES ?? 20),
    stores: (process.env.BENCH_STORES ?? 'sqlite,postgres').split(','),
  });
  process.stdout.write(`${qualityScaleTable(rows)}\n`);
}
