import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds the SMART app, consoles and demo page with Vite, as production code whatever NODE_ENV the
 * shell has. `npm start` skips the build when the output is newer than every source it comes from,
 * so a running test suite or server never sees its files rewritten underneath it.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const OUTPUT = join(ROOT, 'dist', 'smart-app', 'index.html');
/** What the bundle is made of: the app, and the server modules it imports (schemas, types). */
const SOURCES = [join(ROOT, 'smart-app'), join(ROOT, 'server'), join(ROOT, 'rules'), join(ROOT, 'package-lock.json')];

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (latest, entry) => (entry === 'node_modules' ? latest : Math.max(latest, newest(join(path, entry)))),
    stat.mtimeMs,
  );
}

const force = process.argv.includes('--force');
if (!force && existsSync(OUTPUT) && statSync(OUTPUT).mtimeMs > Math.max(...SOURCES.filter(existsSync).map(newest))) {
  process.exit(0);
}
const build = spawnSync(
  process.execPath,
  [
    join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    join(ROOT, 'smart-app', 'vite.config.ts'),
    '--logLevel',
    'warn',
  ],
  {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  },
);
process.exit(build.status ?? 1);
