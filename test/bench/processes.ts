import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  /** Peak resident memory so far, in MiB (VmHWM), summed over the process and its children (WORKERS). */
  peakMemoryMiB(): number;
  /** CPU time used so far (user + system) by the process and its living children, in ms: per call, it hardly depends on what else the machine runs. */
  cpuMs(): number;
  /** The same for the JavaScript threads alone (each process's main thread): what one core must carry per process. */
  mainThreadCpuMs(): number;
  /** The last of what the process wrote (stdout and stderr), to tell why an answer failed. */
  outputTail(): string;
  stop(): Promise<void>;
}

export function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Fields 14 and 15 of a /proc stat file, after the parenthesised command name: clock ticks (100 per second). */
export function cpuMsIn(statFile: string): number {
  const fields = readOr(statFile)
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
}

/** A process and its descendants (Linux lists each task's children in /proc). */
function processTree(pid: number): number[] {
  const children = readOr(`/proc/${pid}/task/${pid}/children`).trim().split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

/** Starts a TypeScript entry in its own node process and waits for the line that gives its port. */
export async function startChild(
  entry: string,
  env: Record<string, string>,
  readyPattern: RegExp,
  profileDir?: string,
): Promise<Child> {
  // A V8 CPU profile of the child, written to profileDir when it exits, to see where the time goes.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, HL7_MLLP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
      return (
        processTree(child.pid as number).reduce(
          (sum, pid) => sum + Number(/VmHWM:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`))?.[1] ?? 0),
          0,
        ) / 1024
      );
    },
    outputTail: () => output.slice(-4000),
    cpuMs: () => processTree(child.pid as number).reduce((sum, pid) => sum + cpuMsIn(`/proc/${pid}/stat`), 0),
    mainThreadCpuMs: () =>
      processTree(child.pid as number).reduce((sum, pid) => sum + cpuMsIn(`/proc/${pid}/task/${pid}/stat`), 0),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
