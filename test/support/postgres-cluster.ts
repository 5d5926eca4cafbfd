import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for the test run: initdb in a temporary folder, a free port on
 * loopback, trust authentication, stopped and deleted afterwards. Run as the `postgres` user when
 * we are root (initdb refuses root), as ourselves otherwise.
 */
export interface Cluster {
  readonly adminUrl: string;
  /** Stops the server, keeping its data (an outage). */
  pause(): void;
  /** Starts it again on the same port and data. */
  resume(): void;
  stop(): void;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => join(base, version, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
  if (!found)
    throw new Error(
      'PostgreSQL server binaries not found: run `apt-get install -y postgresql` (test/setup.sh does it as root)',
    );
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function asClusterOwner(command: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
}

function run(command: string, args: string[]): void {
  const [program, ...rest] = asClusterOwner(command, args);
  execFileSync(program as string, rest, { stdio: 'pipe' });
}

/** `durable`: PostgreSQL's default fsync and full-page writes (benchmarks); tests run without them. */
export async function startCluster(options: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = binDir();
  const root = mkdtempSync(join(tmpdir(), 'huren-pg-'));
  chmodSync(root, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', root]);
  const data = join(root, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const durability = options.durable ? '' : ' -c fsync=off -c full_page_writes=off';
  const serverOptions = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=300${durability}`;
  const start = () =>
    run(join(bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  start();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause: () => run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
