import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by component, read from /proc (Linux; elsewhere the numbers are simply absent). On a
 * small machine the load generator, the Node server, PostgreSQL and Redis share the cores, so the
 * split says who the bottleneck is.
 */
let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep the usual 100
}

export interface CpuSnapshot {
  at: number;
  /** CPU seconds (user + system) per component. */
  components: Record<string, number>;
  /** CPU seconds of each PostgreSQL and Redis process, so processes that come and go do not skew the sums. */
  shared: Record<string, Record<string, number>>;
  /** Busy and total CPU seconds of the whole machine. */
  machineBusy: number;
  machineTotal: number;
}

function processCpuSeconds(pid: number | string): { comm: string; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // fields[0] is state (field 3); utime and stime are fields 14 and 15.
    return { comm, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond };
  } catch {
    return undefined;
  }
}

/** PostgreSQL's own processes (not backends serving a client). */
const PG_BACKGROUND = /: (checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker|logical replication launcher|archiver|stats collector|walsender|walreceiver|startup)/;

export const POSTGRES_BENCH = 'postgres (backends of the bench database)';
export const POSTGRES_BACKGROUND = 'postgres (WAL writer, checkpointer, ...)';
export const REDIS = 'redis';

/**
 * CPU seconds per component. PostgreSQL backends count when they serve `database` (their command
 * line names it); backends of other databases belong to whoever else uses the machine.
 */
export function cpuSnapshot(named: Record<string, number | undefined>, database?: string): CpuSnapshot {
  const components: Record<string, number> = {};
  for (const [name, pid] of Object.entries(named)) {
    if (pid !== undefined) components[name] = processCpuSeconds(pid)?.seconds ?? 0;
  }
  const shared: Record<string, Record<string, number>> = { [POSTGRES_BENCH]: {}, [POSTGRES_BACKGROUND]: {}, [REDIS]: {} };
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const p = processCpuSeconds(entry);
      if (!p) continue;
      if (p.comm === 'postgres') {
        let cmdline = '';
        try {
          cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
        } catch {
          continue;
        }
        if (database && cmdline.includes(` ${database} `)) shared[POSTGRES_BENCH][entry] = p.seconds;
        else if (PG_BACKGROUND.test(cmdline) || !cmdline.startsWith('postgres:')) shared[POSTGRES_BACKGROUND][entry] = p.seconds;
      } else if (p.comm.startsWith('redis-server')) {
        shared[REDIS][entry] = p.seconds;
      }
    }
  } catch {
    // not Linux
  }
  let machineBusy = 0;
  let machineTotal = 0;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    machineTotal = cpu.slice(0, 8).reduce((a, b) => a + b, 0) / ticksPerSecond;
    machineBusy = machineTotal - idle / ticksPerSecond;
  } catch {
    // not Linux
  }
  return { at: Date.now(), components, shared, machineBusy, machineTotal };
}

export interface CpuUse {
  wallSeconds: number;
  /** Cores used on average over the interval, per component. */
  cores: Record<string, number>;
  machineUtilisation: number;
}

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const wallSeconds = (after.at - before.at) / 1000;
  const cores: Record<string, number> = {};
  for (const name of Object.keys(after.components)) {
    cores[name] = (after.components[name] - (before.components[name] ?? 0)) / wallSeconds;
  }
  // Processes that exited during the interval are lost; ones that started count in full.
  for (const [group, pids] of Object.entries(after.shared)) {
    let seconds = 0;
    for (const [pid, s] of Object.entries(pids)) seconds += s - (before.shared[group]?.[pid] ?? 0);
    cores[group] = seconds / wallSeconds;
  }
  const total = after.machineTotal - before.machineTotal;
  cores['machine (all processes)'] = (after.machineBusy - before.machineBusy) / wallSeconds;
  return { wallSeconds, cores, machineUtilisation: total > 0 ? (after.machineBusy - before.machineBusy) / total : 0 };
}
