import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/config';

/** A fresh temporary folder per call, for throwaway SQLite files. */
export function tempDir(prefix = 'huren-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * The test configuration: a throwaway store (a SQLite file, or a fresh PostgreSQL database when the
 * postgres project runs), unsigned hook calls, no rate limits, quiet logs.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SQLITE_FILE: join(tempDir(), 'huren.sqlite'),
    CDS_AUTH: 'off',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://huren.test',
    RATE_LIMIT_PER_MINUTE: '0',
    UNAUTHENTICATED_PER_MINUTE: '0',
    ...env,
  });
}
