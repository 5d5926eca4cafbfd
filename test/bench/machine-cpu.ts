import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { cpuMsIn, readOr } from './processes';

/**
 * Where the whole machine's CPU went during a load phase: Huren's processes, PostgreSQL's, the bench
 * itself (the load generator and its token signing) and everything else. On a machine whose cores
 * are all busy, a phase's tail says more about the run queue than about Huren; this shows which.
 * Read from /proc: Linux only, in clock ticks (100 a second).
 */
export interface MachineCpu {
  readonly seconds: number;
  readonly cores: number;
  /** Each in cores: CPU-seconds used per second of the phase. */
  readonly busy: number;
  readonly huren: number;
  readonly postgres: number;
  readonly bench: number;
  readonly other: number;
}

interface Snapshot {
  readonly at: number;
  readonly busyMs: number;
  readonly hurenMs: number;
  readonly postgresMs: number;
  readonly benchMs: number;
}

/** The machine's busy time: every state of /proc/stat's first line but idle and iowait. */
function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq, steal] = readOr('/proc/stat')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
}

/** User and system time of every living process named `postgres` (the postmaster and its backends). */
function postgresMs(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (readOr(`/proc/${entry}/comm`).trim() === 'postgres') sum += cpuMsIn(`/proc/${entry}/stat`);
  }
  return sum;
}

export function snapshot(hurenCpuMs: number): Snapshot {
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    busyMs: machineBusyMs(),
    hurenMs: hurenCpuMs,
    postgresMs: postgresMs(),
    benchMs: (usage.user + usage.system) / 1000,
  };
}

export function machineCpuBetween(before: Snapshot, after: Snapshot): MachineCpu {
  const elapsedMs = Math.max(1, after.at - before.at);
  const cores = (ms: number) => ms / elapsedMs;
  const busy = cores(after.busyMs - before.busyMs);
  const huren = cores(after.hurenMs - before.hurenMs);
  const postgres = cores(after.postgresMs - before.postgresMs);
  const bench = cores(after.benchMs - before.benchMs);
  return {
    seconds: elapsedMs / 1000,
    cores: availableParallelism(),
    busy,
    huren,
    postgres,
    bench,
    other: Math.max(0, busy - huren - postgres - bench),
  };
}
