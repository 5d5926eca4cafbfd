import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * `npx tsx test/bench/profile-summary.ts <file.cpuprofile>`: where a server's main thread spent a
 * load phase (BENCH_PROFILE writes one per phase), by concern. Each sample goes to the innermost
 * frame on its stack that belongs to a concern below, so a middleware is not charged for what runs
 * after its `next()`. Startup (module loading) and idle time are shown apart and left out of the shares.
 */
export const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

type Frame = { functionName: string; url: string };

/** Concerns, innermost match wins; the edge's controls (issue 10) are listed one by one. */
const CONCERNS: readonly (readonly [string, (frame: Frame) => boolean])[] = [
  ['startup (module loading)', (f) => /node:internal\/modules|\/tsx\/|register-/.test(f.url)],
  ['edge: failure budget per source', (f) => /server\/web\/failure-budget\.ts|express-rate-limit/.test(f.url)],
  ['edge: arrival, shedding, headers', (f) => /server\/web\/(load|security)\.ts|server\/app\.ts/.test(f.url)],
  ['edge: body limits and nesting check', (f) => /server\/web\/json-body\.ts/.test(f.url)],
  ['edge: access log', (f) => /server\/access-log\//.test(f.url)],
  [
    'JWT verification (node:crypto, jose)',
    (f) =>
      /node_modules\/jose\//.test(f.url) ||
      /crypto\/(webcrypto|rsa|ec|util|keys|webidl|sig)/.test(f.url) ||
      /server\/auth\/(registered-keys|cds-client)\.ts/.test(f.url),
  ],
  [
    'cards, prompts, tokens',
    (f) =>
      /server\/hooks\/(cards|card-context|markdown|prompt-record|sign-reminder)|server\/decisions\/|server\/i18n\/|server\/auth\/decision-token/.test(
        f.url,
      ),
  ],
  ['client registry, replay guard', (f) => /server\/auth\//.test(f.url)],
  ['SQLite driver', (f) => /node_modules\/sqlite3\//.test(f.url)],
  ['PostgreSQL driver', (f) => /node_modules\/(pg|pg-protocol|pg-pool)\//.test(f.url)],
  ['knex (query building, pool)', (f) => /node_modules\/(knex|tarn)\//.test(f.url)],
  ['zod (request and stored JSON)', (f) => /node_modules\/zod\//.test(f.url)],
  ['rules', (f) => /\/rules\//.test(f.url)],
  [
    'assessment (context, patient key, mapping)',
    (f) => /server\/hooks\/(assessment|fhir-context|ehr-fhir)|server\/fhir\//.test(f.url),
  ],
  ['store modules', (f) => /server\/store\//.test(f.url)],
  ['hook route, budget', (f) => /server\/hooks\//.test(f.url)],
  [
    'logging (pino, pino-http)',
    (f) => /node_modules\/(pino|pino-http|pino-std-serializers|@pinojs|sonic-boom)\//.test(f.url),
  ],
  ['metrics (prom-client)', (f) => /prom-client/.test(f.url)],
  [
    'body reading and JSON parsing',
    (f) => /node_modules\/(body-parser|raw-body|iconv-lite|type-is|content-type)\//.test(f.url),
  ],
  [
    'express, router, cors',
    (f) =>
      /node_modules\/(express|router|cors|helmet|parseurl|finalhandler|send|on-finished|path-to-regexp|mime-types|vary)\//.test(
        f.url,
      ),
  ],
  ['HTTP and sockets (node)', (f) => /^node:(_http|net|internal\/(streams|stream_base|http))/.test(f.url)],
];

const APART = new Set(['(idle)', 'startup (module loading)']);

function summarise(file: string): string {
  const profile = profileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const spent = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const top = byId.get(id)?.callFrame;
    let concern =
      top && ['(idle)', '(program)', '(garbage collector)'].includes(top.functionName) ? top.functionName : null;
    for (let current: number | undefined = id; !concern && current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)?.callFrame;
      if (frame) concern = CONCERNS.find(([, matches]) => matches(frame))?.[0] ?? null;
    }
    const key = concern ?? 'other';
    spent.set(key, (spent.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const busy = [...spent].filter(([key]) => !APART.has(key)).reduce((sum, [, us]) => sum + us, 0);
  const lines = [...spent]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([key, us]) =>
        `| ${key} | ${(us / 1000).toFixed(0)} | ${APART.has(key) ? '–' : `${((100 * us) / busy).toFixed(1)}%`} |`,
    );
  return [`${file}`, '', '| where | ms | share of the busy main thread |', '| --- | ---: | ---: |', ...lines].join(
    '\n',
  );
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const file of process.argv.slice(2)) process.stdout.write(`${summarise(file)}\n\n`);
