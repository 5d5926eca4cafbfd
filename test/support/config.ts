import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../server/config';

const made: string[] = [];

/** A fresh temporary folder per call, for throwaway SQLite files; removed after the test file (`removeTempDirs`). */
export function tempDir(prefix = 'huren-test-'): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  made.push(folder);
  return folder;
}

/** Removes every folder `tempDir` made in this test file (test/support/cleanup.ts runs it after each file). */
export function removeTempDirs(): void {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
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
    // Test servers run side by side: a test that needs the MLLP listener starts its own on a free port.
    HL7_MLLP_PORT: '0',
    ...env,
  });
}
