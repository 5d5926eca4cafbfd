import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  /** Peak resident memory of the process so far, in MiB (VmHWM). */
  peakMemoryMiB(): number;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry in its own node process and waits for the line that gives its port. */
export async function startChild(entry: string, env: Record<string, string>, readyPattern: RegExp): Promise<Child> {
  // BENCH_PROFILE=<folder>: write a V8 CPU profile of each child there, to see where the time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000)));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output.slice(-2000)}`)), 120_000);
    const check = setInterval(() => {
      const found = /"port":(\d+)/.exec(output)?.[1];
      if (found && readyPattern.test(output)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(found);
      }
    }, 50);
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}):\n${output.slice(-2000)}`)));
  });
  return {
    process: child,
    url: `http://127.0.0.1:${port}`,
    peakMemoryMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
