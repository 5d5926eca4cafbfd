import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  /** Peak resident memory of the process so far, in MiB (VmHWM). */
  peakMemoryMiB(): number;
  /** CPU time the process has used so far (user + system), in ms: per call, it does not depend on what else the machine runs. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry in its own node process and waits for the line that gives its port. */
export async function startChild(entry: string, env: Record<string, string>, readyPattern: RegExp, profileDir?: string): Promise<Child> {
  // A V8 CPU profile of the child, written to profileDir when it exits, to see where the time goes.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
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
    cpuMs() {
      // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name, in clock ticks (100 per second).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
