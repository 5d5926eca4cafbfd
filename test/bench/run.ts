import knex from 'knex';
import { createApiToken } from '../../server/store/api-tokens';
import { drive, driveAtRate, type LoadFigures } from './load';
import { startChild, type Child } from './processes';
import { machineCpuBetween, snapshot, type MachineCpu } from './machine-cpu';
import { scrape, serverViewBetween, type ServerView } from './server-view';
import { ingestWaysTable, runIngestWays } from './ingest-ways';
import { qualityScaleTable, runQualityScale } from './quality-scale';
import { benchStore } from './quality-store';
import { DEMO_HIS_QIJIANG } from '../../fixtures/clients/his';
import { signatureOf } from '../../server/his/signature';
import { hisCheckBody, orderSelectBody, patientCount, random, syntheticBundle } from './synthetic';
import { mintTokens } from './tokens';

/**
 * `npm run bench`: the floor (bare express), then for each store the ingest rate while filling it to
 * each size, and order-select under load at that size; at the largest size a soak at more
 * connections and a run as several processes. Prints a table; asserts nothing.
 * BENCH_SIZES (10000,1000000), BENCH_STORES (sqlite,postgres), BENCH_SECONDS (15),
 * BENCH_CONNECTIONS (32), BENCH_SOAK (64x30), BENCH_RATE (300 order-selects/s, then HIS checks/s, offered at the largest size,
 * and twice that with BENCH_WORKERS; 0 to skip) for BENCH_RATE_SECONDS (60), BENCH_WORKERS (2), BENCH_CLIENT (the demo EHR whose
 * key signs the calls), BENCH_AUTH, BENCH_PROFILE; then the quality statistics at province scale,
 * BENCH_QUALITY_PROMPTS (5000000; 0 to skip), BENCH_QUALITY_HOSPITALS (500), BENCH_QUALITY_SAMPLES (20).
 */
const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const STORES = (process.env.BENCH_STORES ?? 'sqlite,postgres').split(',');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** At the largest size: a longer run at more connections (BENCH_SOAK=64x30; 0 to skip). */
const [SOAK_CONNECTIONS, SOAK_SECONDS] = (process.env.BENCH_SOAK ?? '64x30').split('x').map(Number) as [
  number,
  number | undefined,
];
/** At the largest size: a fixed offered rate, what a province's peak sends, for the latency a doctor feels. */
const RATE = Number(process.env.BENCH_RATE ?? 300);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 60);
/** At the largest size: the server as this many processes (WORKERS), against as many floors (1 to skip). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CLIENT = process.env.BENCH_CLIENT ?? 'https://ehr.h-cq-006.example';
/** BENCH_AUTH=off measures without CDS client JWTs, to see what authentication costs. */
const AUTH = process.env.BENCH_AUTH !== 'off';
/** Quality statistics at province scale (test/bench/quality-scale.ts): prompts loaded (0 to skip), across how many hospitals. */
const QUALITY_PROMPTS = Number(process.env.BENCH_QUALITY_PROMPTS ?? 5_000_000);
const QUALITY_HOSPITALS = Number(process.env.BENCH_QUALITY_HOSPITALS ?? 500);
/** BENCH_PROFILE=<folder>: a V8 CPU profile of the server during each load phase only (not filling). */
const PROFILE = process.env.BENCH_PROFILE;
const BUNDLE = 500;
const PUBLIC_URL = 'http://huren.bench';
/** The ways results come in besides FHIR (test/bench/ingest-ways.ts): seconds a phase, 0 to skip. */
const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 15);
/** The server's default (HOOK_BUDGET_MS): an answer later than this is degraded to no cards. */
const HOOK_BUDGET_MS = 500;
/** Each load phase is preceded by this many seconds of the same load, not measured: the JIT warms up and the store's caches fill. */
const WARM_UP_SECONDS = 3;
const ENDPOINT = 'recognition-order-select';

interface Row {
  store: string;
  /** order-select, or the HIS channel's check on the same server and store. */
  endpoint: 'order-select' | 'his-check';
  results: number;
  processes: number;
  connections: number;
  seconds: number;
  /** Requests a second offered; null when the connections went flat out. */
  rate: number | null;
  ingestPerSecond: number | null;
  load: LoadFigures;
  cardsPerCall: number;
  degraded: number;
  peakMiB: number;
  cpuMsPerCall: number;
  mainThreadMsPerCall: number;
  /** Where the machine's CPU went during the phase. */
  machine: MachineCpu;
  /** The phase as the server's own metrics saw it. */
  server: ServerView;
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
      const response = await fetch(`${server.url}/fhir`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` },
        body: JSON.stringify(syntheticBundle(offset, size, patients, new Date())),
      });
      if (!response.ok) throw new Error(`ingest refused: ${response.status} ${(await response.text()).slice(0, 300)}`);
      await response.arrayBuffer();
      if ((offset / BUNDLE) % 200 === 0) log(`  ingested ${offset + size} / ${to}`);
    }
  };
  await Promise.all([poster(), poster()]);
  return (to - from) / ((Date.now() - started) / 1000);
}

async function clientTokens(floorRps: number, seconds: number): Promise<string[]> {
  const needed = AUTH ? Math.min(200_000, Math.ceil(Math.max(floorRps, 2_000) * seconds * 0.8)) : 0;
  if (AUTH) log(`  minting ${needed} client tokens (${CLIENT})`);
  return mintTokens(CLIENT, `${PUBLIC_URL}/cds-services/${ENDPOINT}`, needed);
}

interface Phase {
  readonly connections: number;
  readonly seconds: number;
  readonly rate?: number;
}

/** Every call of the run gets its own hookInstance, across phases. */
let calls = 0;

async function loadRun(
  server: Child,
  patients: number,
  tokens: readonly string[],
  phase: Phase,
): Promise<{ load: LoadFigures; cardsPerCall: number; degraded: number }> {
  const next = random(42 + calls);
  let used = 0;
  let cards = 0;
  let answered = 0;
  let degraded = 0;
  const statuses = new Map<number, number>();
  const run = phase.rate
    ? (options: Omit<Parameters<typeof driveAtRate>[0], 'rate'>) =>
        driveAtRate({ ...options, rate: phase.rate as number })
    : drive;
  const load = await run({
    url: `${server.url}/cds-services/${ENDPOINT}`,
    connections: phase.connections,
    seconds: phase.seconds,
    next: () => {
      const token = AUTH ? tokens[used % tokens.length] : undefined;
      used += 1;
      calls += 1;
      return {
        body: JSON.stringify(orderSelectBody(next, patients, `bench-${calls}`)),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      };
    },
    onResponse: (status, body, headers) => {
      if (status !== 200) {
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        return;
      }
      answered += 1;
      if (headers['x-huren-degraded']) degraded += 1;
      cards += (body.match(/"uuid":"[^"]+","summary"/g) ?? []).length;
    },
  });
  // A run whose calls were refused says how (a 401 means replayed tokens, a 429 the failure budget).
  if (statuses.size > 0) log(`  answers other than 200: ${JSON.stringify(Object.fromEntries(statuses))}`);
  if (AUTH && used > tokens.length)
    log(`  ran out of tokens after ${tokens.length} calls: the rest were replays (401)`);
  return { load, cardsPerCall: answered ? cards / answered : 0, degraded };
}

/** The HIS channel's check on the same server: the same kind of call, HMAC-signed by the demo 綦江 HIS. */
async function hisCheckRun(server: Child, patients: number, phase: Phase) {
  const next = random(7 + calls);
  let answered = 0;
  let prompts = 0;
  let degraded = 0;
  const run = phase.rate
    ? (options: Omit<Parameters<typeof driveAtRate>[0], 'rate'>) =>
        driveAtRate({ ...options, rate: phase.rate as number })
    : drive;
  const load = await run({
    url: `${server.url}/his/v1/check`,
    connections: phase.connections,
    seconds: phase.seconds,
    next: () => {
      calls += 1;
      const body = JSON.stringify(hisCheckBody(next, patients, `bench-his-${calls}`));
      const timestamp = String(Math.floor(Date.now() / 1000));
      const nonce = `bench-nonce-${calls}-${Math.floor(next() * 1e9)}`;
      const signature = signatureOf(DEMO_HIS_QIJIANG.hmacKey, {
        method: 'POST',
        path: '/his/v1/check',
        timestamp,
        nonce,
        body: Buffer.from(body),
      });
      return {
        body,
        headers: {
          'x-huren-client': DEMO_HIS_QIJIANG.id,
          'x-huren-timestamp': timestamp,
          'x-huren-nonce': nonce,
          'x-huren-signature': signature,
        },
      };
    },
    onResponse: (status, body) => {
      if (status !== 200) return;
      answered += 1;
      if (!body.includes('"degraded":null')) degraded += 1;
      prompts += (body.match(/"promptId":"/g) ?? []).length;
    },
  });
  return { load, cardsPerCall: answered ? prompts / answered : 0, degraded };
}

type PhaseFigures = Pick<
  Row,
  'load' | 'cardsPerCall' | 'degraded' | 'peakMiB' | 'cpuMsPerCall' | 'mainThreadMsPerCall' | 'machine' | 'server'
>;

/** One measured phase on a running server: its load figures with the CPU, the machine's and the server's view of it. */
async function phaseFigures(
  server: Child,
  run: () => Promise<Pick<Row, 'load' | 'cardsPerCall' | 'degraded'>>,
): Promise<PhaseFigures> {
  const cpuBefore = server.cpuMs();
  const mainBefore = server.mainThreadCpuMs();
  const scraped = await scrape(server.url);
  const machineBefore = snapshot(cpuBefore);
  const { load, cardsPerCall, degraded } = await run();
  const machine = machineCpuBetween(machineBefore, snapshot(server.cpuMs()));
  const seen = serverViewBetween(scraped, await scrape(server.url));
  const calls = Math.max(1, load.requests);
  return {
    load,
    cardsPerCall,
    degraded,
    peakMiB: server.peakMemoryMiB(),
    cpuMsPerCall: (server.cpuMs() - cpuBefore) / calls,
    mainThreadMsPerCall: (server.mainThreadCpuMs() - mainBefore) / calls,
    machine,
    server: seen,
  };
}

async function orderSelectRows(store: string, floorRps: number): Promise<Row[]> {
  const rows: Row[] = [];
  const storage = await benchStore(store, 'huren_bench', log);
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    PORT: '0',
    CDS_AUTH: AUTH ? 'on' : 'off',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    // The failure budget stays on the path (its cost is measured) but out of reach: each phase's end
    // closes connections with calls in flight, which the budget counts as failures of the bench's address.
    UNAUTHENTICATED_PER_MINUTE: '1000000',
    PUBLIC_URL,
    SEED_DEMO: 'on',
    ...storage.env,
  };
  // LOG_LEVEL=warn hides the listening line, so wait for the port in the seed summary instead.
  // The first start seeds the empty store; restarts find it filled and only listen.
  const start = (ready: RegExp, extra: Record<string, string> = {}, profileDir?: string) =>
    startChild('server/main.ts', { ...env, LOG_LEVEL: 'info', ...extra }, ready, profileDir);
  let server = await start(/demo data loaded/);
  const direct = knex(
    env.DATABASE_URL
      ? { client: 'pg', connection: env.DATABASE_URL }
      : { client: 'sqlite3', connection: { filename: env.SQLITE_FILE as string }, useNullAsDefault: true },
  );
  const { token } = await createApiToken(
    direct,
    { name: 'bench ingest', role: 'platform', hospitalId: null },
    new Date(),
  );
  await direct.destroy();

  /** One load phase on the filled store; with a profile or other processes, on a server restarted for it. */
  const measure = async (
    size: number,
    ingestPerSecond: number | null,
    phase: Phase,
    processes: number,
  ): Promise<Row> => {
    const tokens = await clientTokens(
      phase.rate ? phase.rate * 1.5 : floorRps * processes,
      phase.seconds + WARM_UP_SECONDS,
    );
    // A fixed-rate phase starts on a fresh process too: the flat-out phases before it leave no budget spent.
    const restart = PROFILE !== undefined || processes > 1 || phase.rate !== undefined;
    if (restart) {
      // The profile then holds the load phase and nothing else.
      await server.stop();
      server = await start(/Huren listening/, processes > 1 ? { WORKERS: String(processes) } : {}, PROFILE);
    }
    log(
      `${store}: order-select at ${size} results, ${processes} process(es), ${phase.connections} connections${phase.rate ? ` offering ${phase.rate}/s` : ''} for ${phase.seconds} s`,
    );
    const warmUp = tokens.slice(0, Math.ceil((tokens.length * WARM_UP_SECONDS) / (phase.seconds + WARM_UP_SECONDS)));
    // Warmed at the phase's own rate: a flat-out warm-up would use up a fixed-rate phase's tokens.
    await loadRun(server, patientCount(size), warmUp, {
      connections: phase.connections,
      seconds: WARM_UP_SECONDS,
      ...(phase.rate ? { rate: phase.rate } : {}),
    });
    const measured = tokens.slice(warmUp.length);
    const figures = await phaseFigures(server, () => loadRun(server, patientCount(size), measured, phase));
    if (restart) {
      await server.stop();
      server = await start(/Huren listening/);
    }
    return {
      store,
      endpoint: 'order-select',
      results: size,
      processes,
      connections: phase.connections,
      seconds: phase.seconds,
      rate: phase.rate ?? null,
      ingestPerSecond,
      ...figures,
    };
  };

  const measureHis = async (size: number, phase: Phase): Promise<Row> => {
    log(
      `${store}: HIS check at ${size} results, ${phase.connections} connections${phase.rate ? ` offering ${phase.rate}/s` : ''} for ${phase.seconds} s`,
    );
    // At a fixed rate on a fresh process, as order-select's row: nothing left over from the flat-out phases.
    if (phase.rate) {
      await server.stop();
      server = await start(/Huren listening/);
    }
    await hisCheckRun(server, patientCount(size), {
      connections: phase.connections,
      seconds: WARM_UP_SECONDS,
      ...(phase.rate ? { rate: phase.rate } : {}),
    });
    const figures = await phaseFigures(server, () => hisCheckRun(server, patientCount(size), phase));
    return {
      store,
      endpoint: 'his-check',
      results: size,
      processes: 1,
      connections: phase.connections,
      seconds: phase.seconds,
      rate: phase.rate ?? null,
      ingestPerSecond: null,
      ...figures,
    };
  };

  try {
    let loaded = 0;
    for (const size of SIZES) {
      const patients = patientCount(size);
      log(`${store}: filling to ${size} results across ${patients} patients`);
      const ingestPerSecond = await ingest(server, token, loaded, size, patients);
      loaded = size;
      log(`${store}: ${Math.round(ingestPerSecond)} results/s`);
      rows.push(await measure(size, ingestPerSecond, { connections: CONNECTIONS, seconds: SECONDS }, 1));
      rows.push(await measureHis(size, { connections: CONNECTIONS, seconds: SECONDS }));
    }
    const largest = SIZES[SIZES.length - 1] as number;
    if (SOAK_CONNECTIONS > 0)
      rows.push(await measure(largest, null, { connections: SOAK_CONNECTIONS, seconds: SOAK_SECONDS ?? 30 }, 1));
    if (RATE > 0) {
      rows.push(await measure(largest, null, { connections: CONNECTIONS, seconds: RATE_SECONDS, rate: RATE }, 1));
      rows.push(await measureHis(largest, { connections: CONNECTIONS, seconds: RATE_SECONDS, rate: RATE }));
    }
    if (WORKERS > 1) rows.push(await measure(largest, null, { connections: CONNECTIONS, seconds: SECONDS }, WORKERS));
    if (WORKERS > 1 && RATE > 0)
      rows.push(
        await measure(
          largest,
          null,
          { connections: CONNECTIONS, seconds: RATE_SECONDS, rate: RATE * WORKERS },
          WORKERS,
        ),
      );
  } finally {
    await server.stop();
    storage.remove();
  }
  return rows;
}

function print(floor: LoadFigures, floorCpu: { all: number; main: number }, rows: Row[]): void {
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  const lines = [
    `order-select and the HIS check (his-check, HMAC-signed; cards/call = prompts), 2-5 draft orders per call, ${AUTH ? `a fresh JWT of ${CLIENT} per call` : 'CDS_AUTH=off'}; floor = bare express answering a card-sized JSON, ${CONNECTIONS} connections for ${SECONDS} s`,
    `of floor: req/s ÷ (processes × floor req/s); hook budget ${HOOK_BUDGET_MS} ms`,
    '',
    '| store | endpoint | stored results | processes | connections × s | offered/s | ingest results/s | req/s | of floor | p50 ms | p99 ms | p99.9 ms | server CPU ms/call (main thread) | peak RSS MiB | non-2xx | degraded | cards/call |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| floor | – | – | 1 | ${CONNECTIONS} × ${SECONDS} | – | – | ${fixed(floor.rps, 0)} | 100% | ${fixed(floor.p50)} | ${fixed(floor.p99)} | ${fixed(floor.p99_9)} | ${fixed(floorCpu.all, 2)} (${fixed(floorCpu.main, 2)}) | – | ${floor.non2xx} | – | – |`,
    ...rows.map(
      (row) =>
        `| ${row.store} | ${row.endpoint} | ${row.results.toLocaleString('en')} | ${row.processes} | ${row.connections} × ${row.seconds} | ${row.rate === null ? 'flat out' : row.rate} | ${row.ingestPerSecond === null ? '–' : fixed(row.ingestPerSecond, 0)} | ${fixed(row.load.rps, 0)} | ${fixed((100 * row.load.rps) / (floor.rps * row.processes), 0)}% | ${fixed(row.load.p50)} | ${fixed(row.load.p99)} | ${fixed(row.load.p99_9)} | ${fixed(row.cpuMsPerCall, 2)} (${fixed(row.mainThreadMsPerCall, 2)}) | ${fixed(row.peakMiB, 0)} | ${row.load.non2xx + row.load.errors} | ${row.degraded} | ${fixed(row.cardsPerCall, 2)} |`,
    ),
    '',
    `Where the machine's CPU went during each phase, in cores busy (of ${rows[0]?.machine.cores ?? '?'}): Huren's processes, PostgreSQL's (every process of that name), the bench (load generator, request signing) and the rest`,
    '',
    '| store | endpoint | processes | offered/s | cores busy | Huren | PostgreSQL | bench | other | bench sent late p99.9 / max ms | bench loop stall max ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ machine, ...row }) => {
      const late = row.load.generator;
      return `| ${row.store} | ${row.endpoint} | ${row.processes} | ${row.rate === null ? 'flat out' : row.rate} | ${fixed(machine.busy, 2)} | ${fixed(machine.huren, 2)} | ${fixed(machine.postgres, 2)} | ${fixed(machine.bench, 2)} | ${fixed(machine.other, 2)} | ${late ? `${fixed(late.sendLagP99_9)} / ${fixed(late.sendLagMax)}` : '–'} | ${late ? fixed(late.loopDelayMax) : '–'} |`;
    }),
    '',
    "Inside the server during each phase, from its own /metrics (under WORKERS, one process's): its event loop's delay, garbage-collector pauses over 10 ms and all GC time, and the calls its handler took over 25 ms to answer",
    '',
    '| store | endpoint | processes | offered/s | loop delay p99 / max ms | GC pauses > 10 ms | GC ms | calls > 25 ms in the handler |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ({ server: seen, ...row }) =>
        `| ${row.store} | ${row.endpoint} | ${row.processes} | ${row.rate === null ? 'flat out' : row.rate} | ${fixed(seen.loopDelayP99Ms)} / ${fixed(seen.loopDelayMaxMs)} | ${seen.gcPausesOver10Ms} | ${fixed(seen.gcMs, 0)} | ${seen.hookCallsOver25Ms} of ${seen.hookCalls} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  log('floor: bare express');
  const floorServer = await startChild('test/bench/floor.ts', {}, /"port"/);
  const body = JSON.stringify(orderSelectBody(random(1), 1000, 'floor'));
  const floorCpu = floorServer.cpuMs();
  const floorMain = floorServer.mainThreadCpuMs();
  const floor = await drive({
    url: `${floorServer.url}/cds-services/floor`,
    connections: CONNECTIONS,
    seconds: SECONDS,
    next: () => ({ body }),
  });
  const floorCpuMsPerCall = (floorServer.cpuMs() - floorCpu) / Math.max(1, floor.requests);
  const floorMainMsPerCall = (floorServer.mainThreadCpuMs() - floorMain) / Math.max(1, floor.requests);
  await floorServer.stop();
  log(`floor: ${Math.round(floor.rps)} req/s`);
  const rows: Row[] = [];
  for (const store of STORES) rows.push(...(await orderSelectRows(store, floor.rps)));
  print(floor, { all: floorCpuMsPerCall, main: floorMainMsPerCall }, rows);
  if (INGEST_SECONDS > 0) process.stdout.write(`\n${ingestWaysTable(await runIngestWays(INGEST_SECONDS, log))}\n`);
  if (QUALITY_PROMPTS > 0) {
    const quality = await runQualityScale({
      prompts: QUALITY_PROMPTS,
      hospitals: QUALITY_HOSPITALS,
      samples: Number(process.env.BENCH_QUALITY_SAMPLES ?? 20),
      stores: STORES,
      log,
    });
    process.stdout.write(`\n${qualityScaleTable(quality)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
