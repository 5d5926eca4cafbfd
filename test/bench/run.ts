import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import { createApiToken } from '../../server/store/api-tokens';
import { startCluster, type Cluster } from '../support/postgres-cluster';
import { drive, type LoadFigures } from './load';
import { startChild, type Child } from './processes';
import { orderSelectBody, patientCount, random, syntheticBundle } from './synthetic';
import { mintTokens } from './tokens';

/**
 * `npm run bench`: the floor (bare express), then for each store the ingest rate while filling it to
 * each size, and order-select under load at that size. Prints a table; asserts nothing.
 * BENCH_SIZES (10000,1000000), BENCH_STORES (sqlite,postgres), BENCH_SECONDS (15),
 * BENCH_CONNECTIONS (32), BENCH_CLIENT (the demo EHR whose key signs the calls).
 */
const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000').split(',').map(Number).sort((a, b) => a - b);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const CLIENT = process.env.BENCH_CLIENT ?? 'https://ehr.h-cq-006.example';
/** BENCH_AUTH=off measures without CDS client JWTs, to see what authentication costs. */
const AUTH = process.env.BENCH_AUTH !== 'off';
/** BENCH_PROFILE=<folder>: a V8 CPU profile of the server during each load phase only (not filling). */
const PROFILE = process.env.BENCH_PROFILE;
const BUNDLE = 500;
const PUBLIC_URL = 'http://huren.bench';
const ENDPOINT = 'recognition-order-select';

interface Row {
  store: string;
  results: number;
  ingestPerSecond: number | null;
  load: LoadFigures;
  cardsPerCall: number;
  degraded: number;
  peakMiB: number;
  cpuMsPerCall: number;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function ingest(server: Child, token: string, from: number, to: number, patients: number): Promise<number> {
  let next = from;
  const started = Date.now();
  const poster = async () => {
    while (next < to) {
      const offset = next;
      const size = Math.min(BUNDLE, to - offset);
      next += size;
      const response = await fetch(`${server.url}/fhir`, { method: 'POST', headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` }, body: JSON.stringify(syntheticBundle(offset, size, patients, new Date())) });
      if (!response.ok) throw new Error(`ingest refused: ${response.status} ${(await response.text()).slice(0, 300)}`);
      await response.arrayBuffer();
      if ((offset / BUNDLE) % 200 === 0) log(`  ingested ${offset + size} / ${to}`);
    }
  };
  await Promise.all([poster(), poster()]);
  return (to - from) / ((Date.now() - started) / 1000);
}

async function clientTokens(floorRps: number): Promise<string[]> {
  const needed = AUTH ? Math.min(200_000, Math.ceil(Math.max(floorRps, 2_000) * SECONDS * 0.8)) : 0;
  if (AUTH) log(`  minting ${needed} client tokens (${CLIENT})`);
  return mintTokens(CLIENT, `${PUBLIC_URL}/cds-services/${ENDPOINT}`, needed);
}

async function loadRun(server: Child, patients: number, tokens: readonly string[]): Promise<{ load: LoadFigures; cardsPerCall: number; degraded: number }> {
  const next = random(42);
  let used = 0;
  let cards = 0;
  let answered = 0;
  let degraded = 0;
  const load = await drive({
    url: `${server.url}/cds-services/${ENDPOINT}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
    next: () => {
      const token = AUTH ? tokens[used % tokens.length] : undefined;
      used += 1;
      return { body: JSON.stringify(orderSelectBody(next, patients, `bench-${used}`)), ...(token ? { authorization: `Bearer ${token}` } : {}) };
    },
    onResponse: (status, body, headers) => {
      if (status !== 200) return;
      answered += 1;
      if (headers['x-huren-degraded']) degraded += 1;
      cards += (body.match(/"uuid":"[^"]+","summary"/g) ?? []).length;
    },
  });
  if (AUTH && used > tokens.length) log(`  ran out of tokens after ${tokens.length} calls: the rest were replays (401)`);
  return { load, cardsPerCall: answered ? cards / answered : 0, degraded };
}

async function benchStore(store: string, floorRps: number): Promise<Row[]> {
  const rows: Row[] = [];
  let cluster: Cluster | null = null;
  let folder: string | null = null;
  const env: Record<string, string> = { NODE_ENV: 'development', PORT: '0', CDS_AUTH: AUTH ? 'on' : 'off', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', PUBLIC_URL, SEED_DEMO: 'on' };
  if (store === 'postgres') {
    log('starting a PostgreSQL cluster with default durability (fsync on)');
    cluster = await startCluster({ durable: true });
    const admin = knex({ client: 'pg', connection: cluster.adminUrl });
    await admin.raw('create database huren_bench');
    await admin.destroy();
    env.DATABASE_URL = cluster.adminUrl.replace(/\/postgres$/, '/huren_bench');
  } else {
    folder = mkdtempSync(join(tmpdir(), 'huren-bench-'));
    env.SQLITE_FILE = join(folder, 'bench.sqlite');
  }
  // LOG_LEVEL=warn hides the listening line, so wait for the port in the seed summary instead.
  // The first start seeds the empty store; restarts find it filled and only listen.
  const start = (ready: RegExp, profileDir?: string) => startChild('server/main.ts', { ...env, LOG_LEVEL: 'info' }, ready, profileDir);
  let server = await start(/demo data loaded/);
  const direct = knex(env.DATABASE_URL ? { client: 'pg', connection: env.DATABASE_URL } : { client: 'sqlite3', connection: { filename: env.SQLITE_FILE as string }, useNullAsDefault: true });
  const { token } = await createApiToken(direct, { name: 'bench ingest', role: 'platform', hospitalId: null }, new Date());
  await direct.destroy();
  try {
    let loaded = 0;
    for (const size of SIZES) {
      const patients = patientCount(size);
      log(`${store}: filling to ${size} results across ${patients} patients`);
      const ingestPerSecond = await ingest(server, token, loaded, size, patients);
      loaded = size;
      log(`${store}: ${Math.round(ingestPerSecond)} results/s; order-select under load`);
      const tokens = await clientTokens(floorRps);
      if (PROFILE) {
        // Restart on the filled store so the profile holds the load phase and nothing else.
        await server.stop();
        server = await start(/Huren listening/, PROFILE);
      }
      const cpuBefore = server.cpuMs();
      const { load, cardsPerCall, degraded } = await loadRun(server, patients, tokens);
      const cpuMsPerCall = (server.cpuMs() - cpuBefore) / Math.max(1, load.requests);
      const peakMiB = server.peakMemoryMiB();
      if (PROFILE) {
        await server.stop();
        server = await start(/Huren listening/);
      }
      rows.push({ store, results: size, ingestPerSecond, load, cardsPerCall, degraded, peakMiB, cpuMsPerCall });
    }
  } finally {
    await server.stop();
    cluster?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
  return rows;
}

function print(floor: LoadFigures, floorCpuMsPerCall: number, rows: Row[]): void {
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const lines = [
    `order-select at ${CONNECTIONS} connections for ${SECONDS} s, 2-5 draft orders per call, ${AUTH ? `JWTs of ${CLIENT}` : 'CDS_AUTH=off'}; floor = bare express answering a card-sized JSON`,
    '',
    '| store | stored results | ingest results/s | req/s | of floor | p50 ms | p99 ms | server CPU ms/call | peak RSS MiB | non-2xx | degraded | cards/call |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| floor | – | – | ${fixed(floor.rps, 0)} | 100% | ${fixed(floor.p50)} | ${fixed(floor.p99)} | ${fixed(floorCpuMsPerCall, 2)} | – | ${floor.non2xx} | – | – |`,
    ...rows.map((row) =>
      `| ${row.store} | ${row.results.toLocaleString('en')} | ${row.ingestPerSecond === null ? '–' : fixed(row.ingestPerSecond, 0)} | ${fixed(row.load.rps, 0)} | ${fixed((100 * row.load.rps) / floor.rps, 0)}% | ${fixed(row.load.p50)} | ${fixed(row.load.p99)} | ${fixed(row.cpuMsPerCall, 2)} | ${fixed(row.peakMiB, 0)} | ${row.load.non2xx + row.load.errors} | ${row.degraded} | ${fixed(row.cardsPerCall, 2)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  log('floor: bare express');
  const floorServer = await startChild('test/bench/floor.ts', {}, /"port"/);
  const body = JSON.stringify(orderSelectBody(random(1), 1000, 'floor'));
  const floorCpu = floorServer.cpuMs();
  const floor = await drive({ url: `${floorServer.url}/cds-services/floor`, connections: CONNECTIONS, seconds: SECONDS, next: () => ({ body }) });
  const floorCpuMsPerCall = (floorServer.cpuMs() - floorCpu) / Math.max(1, floor.requests);
  await floorServer.stop();
  log(`floor: ${Math.round(floor.rps)} req/s`);
  const rows: Row[] = [];
  for (const store of STORES) rows.push(...(await benchStore(store, floor.rps)));
  print(floor, floorCpuMsPerCall, rows);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
