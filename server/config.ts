import { z } from 'zod';

/** The fixed demo keys: fine for a laptop, refused in production. */
export const DEMO_PATIENT_KEY_SECRET = 'huren-demo-patient-key-not-for-production';
export const DEMO_APP_TOKEN_SECRET = 'huren-demo-app-token-key-not-for-production';

const onOff = z.enum(['on', 'off']);
const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean),
);

const settings = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  SQLITE_FILE: z.string().min(1).default('data/huren.sqlite'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  PATIENT_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PATIENT_IDENTIFIER_SYSTEMS: csv.default(['urn:oid:2.16.156.10011.1.3']),
  APP_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  APP_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(240),
  SMART_CLIENT_ID: z.string().min(1).max(200).default('huren-smart-app'),
  CDS_AUTH: onOff.default('on'),
  CDS_CORS_ORIGINS: csv.default([]),
  APP_FRAME_ANCESTORS: csv.default([]),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  HOOK_BUDGET_MS: z.coerce.number().int().min(50).max(10_000).default(500),
  TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
  SEED_DEMO: onOff.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().trim().min(1).optional(),
  FHIR_SERVER_ANY: onOff.optional(),
  DEV_DEFAULT_HOSPITAL: z.string().trim().min(1).max(64).optional(),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(180).max(36_500).default(1095),
  UNAUTHENTICATED_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(120),
  MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(512),
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  HL7_MLLP_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  HL7_MLLP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  FRONT_TABLES: z.string().trim().min(1).optional(),
});

/** Every setting the server reads; `.env.example` and the README document each one (a test checks). */
export const SETTING_NAMES = Object.keys(settings.shape);

/** `aaaa…`: long enough for the length check, and no secret at all. */
function isOneRepeatedCharacter(value: string): boolean {
  return new Set(value).size <= 1;
}

const environment = settings.superRefine((env, context) => {
  if (env.NODE_ENV !== 'production') return;
  for (const name of ['PATIENT_KEY_SECRET', 'APP_TOKEN_SECRET', 'METRICS_TOKEN'] as const) {
    const value = env[name];
    if (value && isOneRepeatedCharacter(value))
      context.addIssue({ code: 'custom', path: [name], message: 'must not be one repeated character in production' });
  }
  if (env.FHIR_SERVER_ANY === 'on') {
    context.addIssue({
      code: 'custom',
      path: ['FHIR_SERVER_ANY'],
      message: "cannot be on in production: register each client's FHIR base URLs",
    });
  }
  if (env.DEV_DEFAULT_HOSPITAL) {
    context.addIssue({
      code: 'custom',
      path: ['DEV_DEFAULT_HOSPITAL'],
      message: 'is for development (CDS_AUTH=off) only',
    });
  }
  if (!env.PATIENT_KEY_SECRET) {
    context.addIssue({ code: 'custom', path: ['PATIENT_KEY_SECRET'], message: 'is required in production' });
  } else if (env.PATIENT_KEY_SECRET === DEMO_PATIENT_KEY_SECRET) {
    context.addIssue({
      code: 'custom',
      path: ['PATIENT_KEY_SECRET'],
      message: 'must not be the demo key in production',
    });
  }
  if (!env.APP_TOKEN_SECRET) {
    context.addIssue({ code: 'custom', path: ['APP_TOKEN_SECRET'], message: 'is required in production' });
  } else if (env.APP_TOKEN_SECRET === DEMO_APP_TOKEN_SECRET) {
    context.addIssue({ code: 'custom', path: ['APP_TOKEN_SECRET'], message: 'must not be the demo key in production' });
  }
  if (env.CDS_AUTH === 'off') {
    context.addIssue({ code: 'custom', path: ['CDS_AUTH'], message: 'cannot be off in production' });
  }
  if (env.SEED_DEMO === 'on') {
    context.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'cannot load demo data in production' });
  }
});

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** Base URL the cards link to (no trailing slash). */
  readonly publicUrl: string;
  readonly store:
    { readonly client: 'sqlite'; readonly file: string } | { readonly client: 'pg'; readonly url: string };
  readonly patientKeySecret: string;
  readonly patientIdentifierSystems: readonly string[];
  /** Signs the short-lived tokens a card hands to the SMART app. */
  readonly appTokenSecret: string;
  readonly appTokenTtlMinutes: number;
  /** The SMART app's OAuth client id, as registered with the EHRs' authorization servers. */
  readonly smartClientId: string;
  readonly cdsAuth: boolean;
  /** Browser origins allowed to call /cds-services (browser-based CDS clients). */
  readonly cdsCorsOrigins: readonly string[];
  /** Origins (EHRs) allowed to show the SMART app in a frame. */
  readonly appFrameAncestors: readonly string[];
  /** Requests per minute per client (CDS client issuer, or source address); 0 switches the limit off. */
  readonly rateLimitPerMinute: number;
  readonly hookBudgetMs: number;
  /** A JSON file of front tables to poll (server/ingest/front-table/settings.ts); null: none. */
  readonly frontTables: string | null;
  /** The MLLP listener for HL7 v2 results; null: off. */
  readonly mllp: { readonly port: number; readonly host: string } | null;
  readonly timeZone: string;
  readonly seedDemo: boolean;
  readonly logLevel: string;
  /** Express's `trust proxy`: which hops' X-Forwarded-For to believe; false: none (the socket's address). */
  readonly trustProxy: boolean | number | string;
  /** A `fhirServer` not listed in the client's registration may be read (development only). */
  readonly fhirServerAny: boolean;
  /** The ordering hospital when CDS_AUTH=off and the call names none (no Encounter). */
  readonly devDefaultHospital: string | null;
  /** Bearer token `/metrics` requires; without one `/metrics` answers only loopback callers. */
  readonly metricsToken: string | null;
  readonly accessLogRetentionDays: number;
  /** Requests per minute per source address before authentication (bad tokens, unknown paths, probes). */
  readonly unauthenticatedPerMinute: number;
  /** Requests in flight beyond which new ones are shed at once (hooks: no cards; others: 503); 0: never. */
  readonly maxInFlight: number;
  /** Server processes sharing the port (node:cluster); 1: this process serves alone. */
  readonly workers: number;
}

/** `true`/`false`, a hop count, or addresses and subnets as express understands them. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (!value || value === 'false' || value === 'off') return false;
  if (value === 'true' || value === 'on') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once, at start; nothing else reads `process.env`. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty line in .env (`DATABASE_URL=`) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    store: e.DATABASE_URL ? { client: 'pg', url: e.DATABASE_URL } : { client: 'sqlite', file: e.SQLITE_FILE },
    patientKeySecret: e.PATIENT_KEY_SECRET ?? DEMO_PATIENT_KEY_SECRET,
    patientIdentifierSystems: e.PATIENT_IDENTIFIER_SYSTEMS,
    appTokenSecret: e.APP_TOKEN_SECRET ?? DEMO_APP_TOKEN_SECRET,
    appTokenTtlMinutes: e.APP_TOKEN_TTL_MINUTES,
    smartClientId: e.SMART_CLIENT_ID,
    cdsAuth: e.CDS_AUTH === 'on',
    cdsCorsOrigins: e.CDS_CORS_ORIGINS,
    appFrameAncestors: e.APP_FRAME_ANCESTORS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    hookBudgetMs: e.HOOK_BUDGET_MS,
    timeZone: e.TIME_ZONE,
    seedDemo: (e.SEED_DEMO ?? (production ? 'off' : 'on')) === 'on',
    logLevel: e.LOG_LEVEL,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
    fhirServerAny: (e.FHIR_SERVER_ANY ?? (production ? 'off' : 'on')) === 'on',
    devDefaultHospital: e.DEV_DEFAULT_HOSPITAL ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    unauthenticatedPerMinute: e.UNAUTHENTICATED_PER_MINUTE,
    maxInFlight: e.MAX_IN_FLIGHT,
    workers: e.WORKERS,
    // Development listens for the demo LIS on 2575 (the registered HL7 port); production only when set.
    frontTables: e.FRONT_TABLES ?? null,
    mllp:
      (e.HL7_MLLP_PORT ?? (production ? 0 : 2575)) > 0
        ? { port: e.HL7_MLLP_PORT ?? 2575, host: e.HL7_MLLP_HOST }
        : null,
  };
}
