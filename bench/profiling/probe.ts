/**
 * Preloaded into the benchmark's server processes (node -r) to measure them from the inside without
 * touching the service's code. Driven over the IPC channel by the orchestrator:
 *   { probe: 'start' }  resets the counters (and starts the CPU profiler when asked to)
 *   { probe: 'stop' }   answers { probe: 'report', report } for the interval since 'start'
 * Always: event-loop utilisation and the process's CPU time. With BENCH_PROBE_PG=1: every
 * PostgreSQL round trip (count and client-side time per statement) and the wait for a pooled
 * connection. With BENCH_PROBE_CPU_PROFILE=<dir>: a V8 CPU profile of the interval, written there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { EventLoopUtilization, IntervalHistogram, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

interface Timing {
  count: number;
  totalMs: number;
  maxMs: number;
  /** Rows the statements returned (SQL statements only). */
  rows?: number;
}

export interface ProbeReport {
  pid: number;
  wallMs: number;
  eventLoopUtilization: number;
  /** How late timers fired: the event loop was blocked (sync code or GC) at least this long. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** Garbage-collection pauses on the main thread. */
  gc: { count: number; totalMs: number; maxMs: number };
  cpuUserMs: number;
  cpuSystemMs: number;
  statements?: Record<string, Timing>;
  poolWait?: Timing;
  cpuProfile?: string;
}

const statements = new Map<string, Timing>();
const poolWait: Timing = { count: 0, totalMs: 0, maxMs: 0 };
let recording = false;

function record(t: Timing, ms: number): void {
  t.count++;
  t.totalMs += ms;
  if (ms > t.maxMs) t.maxMs = ms;
}

/** Statements grouped by shape: parameters are already $n; literals and long column lists shortened. */
function shape(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const verb = s.split(' ', 1)[0].toUpperCase();
  if (verb === 'INSERT') return s.replace(/\(.*?\) VALUES .*?(RETURNING|$)/, '(...) VALUES (...) $1').slice(0, 120).trim();
  if (verb === 'SELECT') return s.replace(/SELECT .*? FROM/, 'SELECT ... FROM').slice(0, 160);
  return s.slice(0, 120);
}

if (process.env.BENCH_PROBE_PG === '1') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  type QueryFn = (this: unknown, ...args: unknown[]) => unknown;
  const originalQuery = pg.Client.prototype.query as unknown as QueryFn;
  (pg.Client.prototype as unknown as { query: QueryFn }).query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    if (!recording || text === undefined) return originalQuery.apply(this, args);
    const start = performance.now();
    const done = (result?: unknown) => {
      const key = shape(text);
      let t = statements.get(key);
      if (!t) statements.set(key, (t = { count: 0, totalMs: 0, maxMs: 0, rows: 0 }));
      record(t, performance.now() - start);
      const rows = (result as { rows?: unknown[] } | undefined)?.rows;
      if (Array.isArray(rows)) t.rows = (t.rows ?? 0) + rows.length;
    };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        done(cbArgs[1]);
        return (last as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return originalQuery.apply(this, args);
    }
    const result = originalQuery.apply(this, args) as Promise<unknown> | undefined;
    if (result && typeof result.then === 'function') result.then(done, () => done());
    return result;
  };

  const originalConnect = pg.Pool.prototype.connect as unknown as QueryFn;
  (pg.Pool.prototype as unknown as { connect: QueryFn }).connect = function (this: unknown, ...args: unknown[]) {
    if (!recording) return originalConnect.apply(this, args);
    const start = performance.now();
    const cb = args[0];
    if (typeof cb === 'function') {
      return originalConnect.call(this, (...cbArgs: unknown[]) => {
        record(poolWait, performance.now() - start);
        return (cb as (...a: unknown[]) => unknown)(...cbArgs);
      });
    }
    const result = originalConnect.apply(this, args) as Promise<unknown>;
    void result.then(() => record(poolWait, performance.now() - start), () => undefined);
    return result;
  };
}

const profileDir = process.env.BENCH_PROBE_CPU_PROFILE;
let session: Session | undefined;

function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

const gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  if (!recording) return;
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    if (entry.duration > gc.maxMs) gc.maxMs = entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
let loopDelay: IntervalHistogram | undefined;

let startElu: EventLoopUtilization | undefined;
let startCpu: NodeJS.CpuUsage | undefined;
let startWall = 0;

async function start(): Promise<void> {
  statements.clear();
  Object.assign(poolWait, { count: 0, totalMs: 0, maxMs: 0 });
  if (profileDir) {
    session ??= new Session();
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
  }
  Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
  loopDelay?.disable();
  loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  startElu = performance.eventLoopUtilization();
  startCpu = process.cpuUsage();
  startWall = performance.now();
  recording = true;
}

async function stop(tag: string): Promise<ProbeReport> {
  recording = false;
  loopDelay?.disable();
  const cpu = process.cpuUsage(startCpu);
  const report: ProbeReport = {
    pid: process.pid,
    wallMs: performance.now() - startWall,
    eventLoopUtilization: performance.eventLoopUtilization(startElu).utilization,
    eventLoopDelayMs: {
      p50: (loopDelay?.percentile(50) ?? 0) / 1e6,
      p99: (loopDelay?.percentile(99) ?? 0) / 1e6,
      max: (loopDelay?.max ?? 0) / 1e6,
    },
    gc: { ...gc },
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
  };
  if (process.env.BENCH_PROBE_PG === '1') {
    report.statements = Object.fromEntries(statements);
    report.poolWait = { ...poolWait };
  }
  if (profileDir && session) {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    session.disconnect();
    mkdirSync(profileDir, { recursive: true });
    const file = join(profileDir, `${tag.replace(/[^A-Za-z0-9_.-]/g, '_')}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    report.cpuProfile = file;
  }
  return report;
}

if (process.send) {
  process.on('message', (message: { probe?: string; tag?: string }) => {
    if (message?.probe === 'start') {
      start().then(
        () => process.send?.({ probe: 'started' }),
        (error: Error) => process.send?.({ probe: 'error', message: error.message }),
      );
    } else if (message?.probe === 'stop') {
      stop(message.tag ?? 'interval').then(
        (report) => process.send?.({ probe: 'report', report }),
        (error: Error) => process.send?.({ probe: 'error', message: error.message }),
      );
    }
  });
  // The IPC channel must not keep a server alive that Nest has shut down.
  process.channel?.unref();
}
