import { describe, expect, it } from 'vitest';
import { ConfigError, DEMO_PATIENT_KEY_SECRET, loadConfig } from '../../server/config';

const secret = 'a-production-secret-of-at-least-32-characters';

describe('configuration: read once, validated, failing fast with the setting named', () => {
  it('has working development defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      production: false,
      port: 8080,
      publicUrl: 'http://localhost:8080',
      store: { client: 'sqlite', file: 'data/huren.sqlite' },
      patientKeySecret: DEMO_PATIENT_KEY_SECRET,
      cdsAuth: true,
      hookBudgetMs: 500,
      timeZone: 'Asia/Shanghai',
      seedDemo: true,
    });
  });

  it('treats empty lines of .env as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).store).toEqual({ client: 'sqlite', file: 'data/huren.sqlite' });
  });

  it('uses PostgreSQL when DATABASE_URL says so', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/huren' }).store).toEqual({
      client: 'pg',
      url: 'postgres://u:p@db:5432/huren',
    });
  });

  it.each([
    [
      'production without PATIENT_KEY_SECRET',
      { NODE_ENV: 'production' },
      'PATIENT_KEY_SECRET: is required in production',
    ],
    [
      'production with the demo key',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: DEMO_PATIENT_KEY_SECRET },
      'PATIENT_KEY_SECRET: must not be the demo key',
    ],
    [
      'production without APP_TOKEN_SECRET',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: secret },
      'APP_TOKEN_SECRET: is required in production',
    ],
    [
      'production with CDS_AUTH=off',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: secret, CDS_AUTH: 'off' },
      'CDS_AUTH: cannot be off in production',
    ],
    ['production with demo data', { NODE_ENV: 'production', PATIENT_KEY_SECRET: secret, SEED_DEMO: 'on' }, 'SEED_DEMO'],
    ['a short key', { PATIENT_KEY_SECRET: 'short' }, 'PATIENT_KEY_SECRET: must be at least 32 characters'],
    [
      'production with a key of one repeated character',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: 'a'.repeat(40), APP_TOKEN_SECRET: secret },
      'PATIENT_KEY_SECRET: must not be one repeated character',
    ],
    [
      'production with an app token key of one repeated character',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: secret, APP_TOKEN_SECRET: '0'.repeat(64) },
      'APP_TOKEN_SECRET: must not be one repeated character',
    ],
    [
      'production reading any FHIR server',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: secret, FHIR_SERVER_ANY: 'on' },
      'FHIR_SERVER_ANY: cannot be on in production',
    ],
    [
      'production with a development default hospital',
      { NODE_ENV: 'production', PATIENT_KEY_SECRET: secret, DEV_DEFAULT_HOSPITAL: 'H-CQ-001' },
      'DEV_DEFAULT_HOSPITAL',
    ],
    ['a port that is not a number', { PORT: 'eighty' }, 'PORT'],
    ['CDS_AUTH other than on/off', { CDS_AUTH: 'maybe' }, 'CDS_AUTH'],
    ['an unknown time zone', { TIME_ZONE: 'Mars/Olympus' }, 'TIME_ZONE'],
    ['a non-PostgreSQL DATABASE_URL', { DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
  ])('refuses %s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('production with its own key starts with auth on and no demo data', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', PATIENT_KEY_SECRET: secret, APP_TOKEN_SECRET: `${secret}-app` }),
    ).toMatchObject({ production: true, cdsAuth: true, seedDemo: false });
  });
});

describe('every setting is documented', () => {
  it('in .env.example and in the settings table of docs/operations.md, which the README links to', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { SETTING_NAMES } = await import('../../server/config');
    const root = join(import.meta.dirname, '..', '..');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const settingsPage = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('](docs/operations.md#settings-envexample)');
    const settingsRows = settingsPage.split('\n').filter((line) => line.startsWith('| `'));
    expect(SETTING_NAMES.length).toBeGreaterThan(15);
    for (const name of SETTING_NAMES) {
      expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(
        settingsRows.some((row) => row.includes(`\`${name}\``)),
        name,
      ).toBe(true);
    }
  });
});
