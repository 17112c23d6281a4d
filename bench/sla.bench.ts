/**
 * SLA timers at scale: `npm run bench:sla -- --help` for the options.
 *
 * Each run gets its own throw-away database and QUEUE_PREFIX. The API (a child process) runs the
 * migrations and takes the admin calls that create the team, its supervisor and an SLA policy on
 * the always-open UTC-24x7 calendar; the complaints are then inserted in bulk by SQL, each with the
 * SLA clock the domain functions build (startClock, encodeClock, summarizeClock), due evenly over
 * the window and a warm-up before it. Two workers start and their start-up sweep schedules every
 * timer from the database (the "rebuild from the database" path); Redis memory is measured once
 * all timers wait there. While the timers fire, a few complaints also go through HTTP intake (the
 * API schedules their first timer, the normal path). The bench listens to the alerts channel, then
 * compares the alerts table with what the policy owed each complaint, computed on its own.
 *
 * Run "steady" does only that. Run "outage" also SIGKILLs one worker mid-run and deletes every
 * Redis key of the run's prefix (the run's FLUSHALL), then starts a replacement worker later.
 *
 * Prints a Markdown report on stdout (progress on stderr), writes JSON to bench/results/, and
 * removes the databases and Redis keys it made, also on failure and Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type Redis from 'ioredis';
import { ComplaintFactory, loadCfpbSample, type CfpbSample } from './lib/complaints';
import { cpuSnapshot, cpuUse, type CpuSnapshot, type CpuUse, POSTGRES_BACKGROUND, POSTGRES_BENCH, REDIS as REDIS_COMPONENT } from './lib/cpu';
import { createDatabase, ensureAutovacuum, databaseUrl, dropDatabase, serverInfo } from './lib/database';
import { freePort, ServerProcess } from './lib/processes';
import type { ProbeReport } from './profiling/probe';
import {
  duplicates,
  type DuplicateReport,
  type LatenessSummary,
  perSecond,
  readRaisedAlerts,
  reconcile,
  summarise,
  withDatabase,
} from './lib/sla-analysis';
import { NodeProcess } from './lib/sla-processes';
import {
  type AlertDelivery,
  connectRedis,
  deletePrefixKeys,
  subscribeAlerts,
  timerMemory,
  type TimerMemory,
  timerQueueCounts,
  usedMemory,
} from './lib/sla-redis';
import { configureThroughApi, type ExpectedAlert, insertBulkComplaints, submitThroughHttp } from './lib/sla-setup';
import type { SweepProbeEvent, WakeProbeStats } from './lib/sla-worker-probe';
import { Cleanup, timestamp } from './lib/cleanup';

const REPO_ROOT = resolve(__dirname, '..');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGETS = { p99Ms: 250, maxMs: 1000, bytesPerTimer: 1024 };
const LOG_LEVEL = 'warn';
const SERVICE_SWEEP_INTERVAL_S = 60;

const HELP = `Usage: npm run bench:sla -- [options]

  --complaints <n>       complaints per run (default 100000)
  --window <s>           their due instants spread evenly over this many seconds (default 600)
  --warmup <s>           before the window, complaints fall due at the same rate for this long,
                         so that the window starts with warm workers; their alerts are reported
                         apart and not held to the targets (default min(60, window / 4); 0 for
                         none). A worker's first seconds are several times slower (V8 has not
                         optimised the code yet), so the cold start's backlog needs time to drain
  --lead <s>             seconds from the start of the bulk insert to the first due instant
                         (warm-up included): the insert, the workers' start and their sweep must
                         fit (default 45 + n/1000)
  --allowance <s>        the policy's final-response allowance (default 2 × (window + warm-up)
                         + 30, so that every 50 % warning falls before the warm-up and the 75 %
                         warnings of the later complaints in the window's first half);
                         warnings at 50 % and 75 % of it, breach at 100 %
  --http <n>             complaints also sent through POST /v1/complaints during the run
                         (default complaints/100)
  --http-rate <n>        their rate per second (default 10)
  --workers <n>          worker processes (default 2)
  --sweep-interval <s>   SLA_SWEEP_INTERVAL_MS for the workers, in seconds (default ${SERVICE_SWEEP_INTERVAL_S}, the
                         service's default)
  --only <run>           steady or outage (default: both, steady first)
  --kill-at <f>          outage run: kill and flush at this fraction of the window (default 0.5)
  --replace-after <s>    outage run: start the replacement worker this long after the flush
                         (default 0). Longer than the sweep interval, e.g. 90, leaves bringing
                         the timers back to the surviving worker's scheduled sweep
  --env KEY=VALUE        extra environment for the API and the workers (repeatable)
  --profile              workers also count every SQL round trip (slows them)
  --cpu-profile          workers write a V8 CPU profile of the window to bench/results/
  --fail-on-targets      exit 2 when a target is missed (default: report only)
  --help

Quick run: npm run bench:sla -- --complaints 10000 --window 120
`;

interface Options {
  complaints: number;
  windowS: number;
  warmupS: number;
  leadS: number;
  allowanceS: number;
  http: number;
  httpRate: number;
  workers: number;
  sweepIntervalS: number;
  runs: Array<'steady' | 'outage'>;
  killAt: number;
  replaceAfterS: number;
  env: Record<string, string>;
  profile: boolean;
  cpuProfile: boolean;
  failOnTargets: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      complaints: { type: 'string', default: '100000' },
      window: { type: 'string', default: '600' },
      warmup: { type: 'string' },
      lead: { type: 'string' },
      allowance: { type: 'string' },
      http: { type: 'string' },
      'http-rate': { type: 'string', default: '10' },
      workers: { type: 'string', default: '2' },
      'sweep-interval': { type: 'string', default: String(SERVICE_SWEEP_INTERVAL_S) },
      only: { type: 'string' },
      'kill-at': { type: 'string', default: '0.5' },
      'replace-after': { type: 'string' },
      env: { type: 'string', multiple: true, default: [] },
      profile: { type: 'boolean', default: false },
      'cpu-profile': { type: 'boolean', default: false },
      'fail-on-targets': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const number = (name: string, raw: string, min: number, max = Infinity) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number between ${min} and ${max} (got "${raw}")`);
    return n;
  };
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--env expects KEY=VALUE (got "${pair}")`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const complaints = Math.floor(number('complaints', values.complaints!, 10));
  const windowS = number('window', values.window!, 10);
  const warmupS = values.warmup === undefined ? Math.min(60, Math.round(windowS / 4)) : number('warmup', values.warmup, 0);
  const leadS = values.lead === undefined ? Math.ceil(45 + complaints / 1000) : number('lead', values.lead, 5);
  const allowanceS =
    values.allowance === undefined
      ? Math.ceil(Math.max(2 * (windowS + warmupS) + 30, windowS + warmupS + leadS + 30))
      : Math.ceil(number('allowance', values.allowance, 1));
  if (allowanceS < windowS + warmupS + leadS) {
    throw new Error(`--allowance must be at least window + warm-up + lead (${windowS + warmupS + leadS} s): complaints cannot be received in the future`);
  }
  const sweepIntervalS = number('sweep-interval', values['sweep-interval']!, 1, 3600);
  if (values.only !== undefined && values.only !== 'steady' && values.only !== 'outage') throw new Error('--only must be steady or outage');
  return {
    complaints,
    windowS,
    warmupS,
    leadS,
    allowanceS,
    http: values.http === undefined ? Math.round(complaints / 100) : Math.floor(number('http', values.http, 0)),
    httpRate: number('http-rate', values['http-rate']!, 0.1),
    workers: Math.floor(number('workers', values.workers!, 1, 16)),
    sweepIntervalS,
    runs: values.only ? [values.only as 'steady' | 'outage'] : ['steady', 'outage'],
    killAt: number('kill-at', values['kill-at']!, 0, 1),
    replaceAfterS: values['replace-after'] === undefined ? 0 : number('replace-after', values['replace-after'], 0),
    env,
    profile: values.profile!,
    cpuProfile: values['cpu-profile']!,
    failOnTargets: values['fail-on-targets']!,
  };
}


let interrupted = false;
let activeCleanup: Cleanup | undefined;
class Interrupted extends Error {}
function checkInterrupted(): void {
  if (interrupted) throw new Interrupted('interrupted');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function sleepUntil(at: number): Promise<void> {
  while (Date.now() < at) {
    checkInterrupted();
    await sleep(Math.min(500, at - Date.now()));
  }
}
const fmt = (n: number, digits = 1) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';
const ms = (n: number) => `${fmt(n, n < 10 ? 1 : 0)} ms`;
const s = (n: number) => `${fmt(n / 1000, 1)} s`;
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 23)}] ${message}`);

/** The commit and the files changed beside it: the working tree is shared, and others edit it. */
function gitState(): { commit: string; changed: string[] } | null {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    return { commit, changed };
  } catch {
    return null;
  }
}


interface WorkerRecord {
  name: string;
  process: NodeProcess;
  role: 'initial' | 'replacement';
  startedAt: number;
  /** The sweep it ran at start (no horizon): every timer in the database. */
  startupSweep?: SweepProbeEvent;
  killedAt?: number;
  probe?: ProbeReport;
  wakes?: WakeProbeStats;
}

interface Phase {
  label: string;
  lateness: LatenessSummary;
  /** For alerts owed during the outage: raised_at − max(threshold, flush), i.e. time to recover. */
  recovery?: LatenessSummary;
}

interface RunResult {
  kind: 'steady' | 'outage';
  dbName: string;
  prefix: string;
  policy: { code: string; allowanceS: number };
  timeline: Record<string, number | null>;
  t0: number;
  bulk: { complaints: number; buildSeconds: number; insertSeconds: number };
  http: { sent: number; created: number; failures: Array<{ status: number; body: string }>; latency: LatenessSummary };
  memory: {
    usedBefore: number;
    usedAfter: number;
    liveTimers: number;
    detail: TimerMemory;
    bytesPerTimer: number;
    infoBytesPerTimer: number;
  };
  sweeps: Array<SweepProbeEvent & { worker: string }>;
  expected: number;
  raised: number;
  missed: number;
  missedSample: Array<{ complaintId: string; key: string; threshold: string; source: string }>;
  overtaken: number;
  unexpected: number;
  wrongThreshold: number;
  duplicates: DuplicateReport;
  lateness: LatenessSummary;
  /** Alerts due in the warm-up before the window (not held to the targets). */
  warmup: LatenessSummary;
  latenessBySource: Record<string, LatenessSummary>;
  delivery: LatenessSummary;
  phases: Phase[];
  peakAlertsPerSecond: number;
  worstSeconds: Array<{ second: number; alerts: number; maxLatenessMs: number }>;
  series: Array<{ second: number; alerts: number; maxLatenessMs: number }>;
  workers: Array<{ name: string; role: string; pid?: number; startedAt: number; killedAt?: number; startupSweep?: SweepProbeEvent; probe?: ProbeReport; wakes?: WakeSummary }>;
  cpu: Array<{ label: string; use: CpuUse }>;
  /** Cores used by other processes on the machine, per second from otherCpuFrom. */
  otherCpu: number[];
  otherCpuFrom: number;
  outage?: {
    killedWorker: string;
    killAt: number;
    flushStartedAt: number;
    flushEndedAt: number;
    keysDeleted: number;
    recoveredAt: number | null;
    recoveredBy: string | null;
    /** When the last alert the outage held up was raised. */
    drainedAt: number | null;
    replacementStartedAt: number | null;
    maxRecoveryMs: number;
    withinSweepInterval: boolean;
  };
  complete: boolean;
  startupOverran: boolean;
}

interface WakeSummary {
  outcomes: Record<string, number>;
  pickup: LatenessSummary;
  handle: LatenessSummary;
  sweepJobs: number;
  perSecond: WakeProbeStats['perSecond'];
}

function summariseWakes(stats: WakeProbeStats): WakeSummary {
  return { outcomes: stats.outcomes, pickup: summarise(stats.pickupMs), handle: summarise(stats.handleMs), sweepJobs: stats.sweepJobs, perSecond: stats.perSecond };
}

async function runScenario(kind: 'steady' | 'outage', index: number, options: Options, sample: CfpbSample, rand: string, redis: Redis): Promise<RunResult> {
  const cleanup = new Cleanup();
  activeCleanup = cleanup;
  const dbName = `redress_bench_sla_${rand}_${index}`;
  const prefix = `bench-sla-${rand}-${index}`;
  const runId = `bench-sla-${rand}-${kind}`;
  const url = databaseUrl(dbName);
  const windowMs = options.windowS * 1000;
  const timeline: Record<string, number | null> = {};
  try {
    log(`${kind}: creating database ${dbName}, Redis prefix ${prefix}:`);
    await createDatabase(dbName);
    cleanup.add('drop database', async () => {
      await dropDatabase(dbName);
      log(`dropped database ${dbName}`);
    });
    await ensureAutovacuum(cleanup, log);
    cleanup.add('delete Redis keys', async () => {
      const n = await deletePrefixKeys(redis, prefix);
      log(`deleted ${n} Redis keys with prefix ${prefix}:`);
    });

    const apiKey = randomBytes(24).toString('base64url');
    const jwtSecret = randomBytes(32).toString('base64url');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      AUTH_JWT_SECRET: jwtSecret,
      API_KEYS: `bench=${apiKey}`,
      LOG_LEVEL,
      SLA_SWEEP_INTERVAL_MS: String(Math.round(options.sweepIntervalS * 1000)),
      ...options.env,
    };
    const runner = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
    const apiPort = await freePort();
    const api = new ServerProcess('api', [...runner, 'apps/api/src/main.ts'], { ...env, PORT: String(apiPort) }, REPO_ROOT, apiPort);
    cleanup.add('stop the API', () => api.stop());
    log(`${kind}: starting the API (it runs the migrations) ...`);
    api.start();
    await api.waitReady('/health/ready', 180_000);
    checkInterrupted();

    const policy = await configureThroughApi({
      port: apiPort,
      jwtSecret,
      databaseUrl: url,
      suffix: `${rand}${index}`,
      allowanceMs: options.allowanceS * 1000,
    });
    log(`${kind}: policy ${policy.code} (final response PT${options.allowanceS}S on UTC-24x7, warnings at 50 % / 75 %, no escalation), team ${policy.teamCode}`);

    const factory = new ComplaintFactory(sample, runId, new Date());
    const insertAt = new Date();
    const warmupMs = options.warmupS * 1000;
    const firstDue = insertAt.getTime() + options.leadS * 1000;
    const t0 = firstDue + warmupMs;
    const warmupComplaints = Math.round((options.complaints * warmupMs) / windowMs);
    timeline.insertStarted = insertAt.getTime();
    log(
      `${kind}: inserting ${options.complaints} complaints due from ${new Date(t0).toISOString()} over ${options.windowS} s` +
        (warmupComplaints ? `, and ${warmupComplaints} due in the ${options.warmupS} s before (warm-up)` : '') +
        ' ...',
    );
    const bulk = await insertBulkComplaints({
      databaseUrl: url,
      count: options.complaints + warmupComplaints,
      t0: firstDue,
      windowMs: windowMs + warmupMs,
      insertAt,
      policy,
      factory,
      runId,
      onProgress: (done) => {
        if (done > 0 && (done % 20_000 === 0 || done === options.complaints + warmupComplaints)) log(`${kind}: ${done} complaints inserted`);
        checkInterrupted();
      },
    });
    timeline.insertEnded = Date.now();
    const expected: ExpectedAlert[] = [...bulk.expected];

    const usedBefore = await usedMemory(redis);
    const deliveries: AlertDelivery[] = [];
    const unsubscribe = await subscribeAlerts(REDIS_URL, prefix, (alert) => deliveries.push(alert));
    cleanup.add('unsubscribe', unsubscribe);

    const sweeps: Array<SweepProbeEvent & { worker: string }> = [];
    const workers: WorkerRecord[] = [];
    const workerArgs = [...runner, '-r', join(REPO_ROOT, 'bench/profiling/probe.ts'), '-r', join(REPO_ROOT, 'bench/lib/sla-worker-probe.ts'), 'apps/worker/src/main.ts'];
    const workerEnv: NodeJS.ProcessEnv = { ...env };
    if (options.profile) workerEnv.BENCH_PROBE_PG = '1';
    if (options.cpuProfile) workerEnv.BENCH_PROBE_CPU_PROFILE = join(REPO_ROOT, 'bench', 'results', `${runId}-profiles`);
    const startWorker = (role: WorkerRecord['role']): WorkerRecord => {
      const name = `worker-${workers.length + 1}`;
      const child = new NodeProcess(name, workerArgs, workerEnv, REPO_ROOT);
      const record: WorkerRecord = { name, process: child, role, startedAt: Date.now() };
      child.onMessage((message) => {
        const event = message as SweepProbeEvent;
        if (event?.slaProbe !== 'sweep') return;
        sweeps.push({ ...event, worker: name });
        if (event.horizonMs === null && !record.startupSweep) record.startupSweep = event;
        if (event.error) log(`${name}: sweep failed: ${event.error}`);
      });
      child.start();
      workers.push(record);
      cleanup.add(`stop ${name}`, () => child.stop());
      return record;
    };
    const waitStartupSweep = async (record: WorkerRecord, deadline: number) => {
      while (!record.startupSweep) {
        checkInterrupted();
        if (record.process.exited) throw new Error(`${record.name} exited (${record.process.exited.signal ?? record.process.exited.code}) before its start-up sweep:\n${record.process.recentOutput}`);
        if (Date.now() > deadline) throw new Error(`${record.name} did not finish its start-up sweep in time`);
        await sleep(200);
      }
    };

    log(`${kind}: starting ${options.workers} workers; their start-up sweeps schedule every timer from the database ...`);
    timeline.workersStarted = Date.now();
    for (let i = 0; i < options.workers; i++) startWorker('initial');
    for (const record of workers) await waitStartupSweep(record, t0 + windowMs);
    timeline.sweepsDone = Date.now();
    const startupOverran = Date.now() > firstDue - 2000;
    if (startupOverran) log(`${kind}: WARNING: the start-up sweeps ended ${s(Date.now() - firstDue + 2000)} too late for the lead; rerun with a longer --lead`);
    for (const record of workers) log(`${record.name}: start-up sweep of ${record.startupSweep!.timers} timers took ${s(record.startupSweep!.finishedAt - record.startupSweep!.startedAt)}`);

    // Every timer waits in Redis now, none has fired yet (the first is due at the warm-up's start).
    await sleep(1000);
    const usedAfter = await usedMemory(redis);
    const detail = await timerMemory(redis, prefix);
    const liveTimers = detail.jobHashes;
    const timerBytes = detail.bytes.jobHashes + detail.bytes.delayedZset + detail.bytes.eventsStream + detail.bytes.otherTimerKeys;
    timeline.memoryMeasured = Date.now();
    log(`${kind}: ${liveTimers} live timers, ${fmt(timerBytes / Math.max(1, liveTimers), 0)} B each by MEMORY USAGE (${fmt((usedAfter - usedBefore) / Math.max(1, liveTimers), 0)} B by INFO used_memory)`);
    checkInterrupted();

    await sleepUntil(firstDue - 200);
    for (const record of workers) await record.process.request({ probe: 'start' }, (m) => ((m as { probe?: string }).probe === 'started' ? true : undefined));
    for (const record of workers) await record.process.request({ slaProbe: 'stats' }, (m) => ((m as { slaProbe?: string }).slaProbe === 'stats' ? true : undefined));
    const pidMap = () => {
      const named: Record<string, number | undefined> = { 'bench (this process)': process.pid, api: api.pid };
      for (const record of workers) if (!record.process.exited) named[record.name] = record.process.pid;
      return named;
    };
    // CPU is sampled every second and summed per phase: PostgreSQL backends come and go with the
    // pools (idle connections close after 10 s), and a process that is gone by the end of a phase
    // would take its CPU time with it from a difference of two snapshots.
    const cpuPhases: Array<{ label: string; wallSeconds: number; cpuSeconds: Record<string, number> }> = [
      { label: kind === 'outage' ? 'before the kill' : 'whole run', wallSeconds: 0, cpuSeconds: {} },
    ];
    /** Cores used each second by processes that are not this run's (the machine is shared). */
    const otherCpu: number[] = [];
    let lastSample: CpuSnapshot = cpuSnapshot(pidMap(), dbName);
    const sampleCpu = () => {
      const sample = cpuSnapshot(pidMap(), dbName);
      const use = cpuUse(lastSample, sample);
      lastSample = sample;
      if (use.wallSeconds <= 0) return;
      const phase = cpuPhases[cpuPhases.length - 1];
      phase.wallSeconds += use.wallSeconds;
      for (const [name, cores] of Object.entries(use.cores)) phase.cpuSeconds[name] = (phase.cpuSeconds[name] ?? 0) + Math.max(0, cores) * use.wallSeconds;
      const ours = Object.entries(use.cores)
        .filter(([name]) => name !== 'machine (all processes)')
        .reduce((sum, [, cores]) => sum + Math.max(0, cores), 0);
      otherCpu.push(Math.max(0, (use.cores['machine (all processes)'] ?? 0) - ours));
    };
    const sampler = setInterval(sampleCpu, 1000);
    cleanup.add('stop the CPU sampler', async () => clearInterval(sampler));
    timeline.firstDue = firstDue;
    timeline.t0 = t0;
    log(`${kind}: timers firing from now on: ${options.warmupS} s warm-up, then the ${options.windowS} s window`);
    await sleepUntil(t0);

    let stopHttp = false;
    const httpRun = submitThroughHttp({
      port: apiPort,
      apiKey,
      factory,
      count: options.http,
      rate: options.httpRate,
      policy,
      firstWarningAfterMs: 10_000,
      isStopped: () => stopHttp || interrupted,
    });
    cleanup.add('stop HTTP intake', async () => {
      stopHttp = true;
      await httpRun.catch(() => undefined);
    });

    let outage: RunResult['outage'];
    let replacementAt: number | null = null;
    if (kind === 'outage') {
      const killAt = t0 + options.killAt * windowMs;
      await sleepUntil(killAt);
      const victim = workers[0];
      sampleCpu();
      cpuPhases.push({ label: 'after the kill', wallSeconds: 0, cpuSeconds: {} });
      victim.probe = await victim.process
        .request({ probe: 'stop', tag: 'before-kill' }, (m) => (m as { probe?: string; report?: ProbeReport }).report)
        .catch(() => undefined);
      victim.wakes = await victim.process
        .request({ slaProbe: 'stats' }, (m) => (m as { slaProbe?: string; stats?: WakeProbeStats }).stats)
        .catch(() => undefined);
      const killedAt = Date.now();
      await victim.process.kill('SIGKILL');
      victim.killedAt = killedAt;
      const flushStartedAt = Date.now();
      const keysDeleted = await deletePrefixKeys(redis, prefix);
      const flushEndedAt = Date.now();
      log(`${kind}: SIGKILLed ${victim.name} and deleted ${keysDeleted} Redis keys of ${prefix}: in ${s(flushEndedAt - flushStartedAt)}; replacement in ${options.replaceAfterS} s`);
      outage = {
        killedWorker: victim.name,
        killAt: killedAt,
        flushStartedAt,
        flushEndedAt,
        keysDeleted,
        recoveredAt: null,
        recoveredBy: null,
        drainedAt: null,
        replacementStartedAt: null,
        maxRecoveryMs: NaN,
        withinSweepInterval: false,
      };
      replacementAt = flushEndedAt + options.replaceAfterS * 1000;
    }

    if (replacementAt !== null) {
      // HTTP intake may still be running; both proceed.
      await sleepUntil(replacementAt);
      const replacement = startWorker('replacement');
      outage!.replacementStartedAt = replacement.startedAt;
      log(`${kind}: started ${replacement.name} as the replacement`);
      await waitStartupSweep(replacement, Date.now() + 300_000);
      await replacement.process.request({ probe: 'start' }, (m) => ((m as { probe?: string }).probe === 'started' ? true : undefined));
    }
    const httpResult = await httpRun;
    expected.push(...httpResult.expected);
    if (httpResult.failures.length) log(`${kind}: HTTP intake failures: ${JSON.stringify(httpResult.failures)}`);

    // Wait for every owed alert, or give up a while after the last threshold.
    const lastThreshold = expected.reduce((latest, alert) => Math.max(latest, alert.thresholdMs), -Infinity);
    const graceMs = Math.max(30_000, 2 * options.sweepIntervalS * 1000 + 15_000);
    const deadline = Math.max(lastThreshold, replacementAt ?? 0) + graceMs;
    let complete = false;
    await withDatabase(url, async (client) => {
      for (;;) {
        checkInterrupted();
        const n = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM alerts')).rows[0].n);
        if (n >= expected.length && Date.now() > lastThreshold + 2000) {
          complete = true;
          break;
        }
        if (Date.now() > deadline) break;
        await sleep(2000);
      }
    });
    timeline.lastThreshold = lastThreshold;
    timeline.finished = Date.now();
    log(`${kind}: ${complete ? 'all owed alerts are in' : 'gave up waiting'}; collecting the results ...`);

    clearInterval(sampler);
    sampleCpu();
    const cpu = cpuPhases.map((phase) => ({
      label: phase.label,
      use: {
        wallSeconds: phase.wallSeconds,
        cores: Object.fromEntries(Object.entries(phase.cpuSeconds).map(([name, seconds]) => [name, seconds / Math.max(1e-9, phase.wallSeconds)])),
        machineUtilisation: (phase.cpuSeconds['machine (all processes)'] ?? 0) / Math.max(1e-9, phase.wallSeconds) / cpus().length,
      } satisfies CpuUse,
    }));
    for (const record of workers) {
      if (record.process.exited) continue;
      record.probe = await record.process
        .request({ probe: 'stop', tag: `${kind}-${record.name}` }, (m) => (m as { probe?: string; report?: ProbeReport }).report)
        .catch(() => undefined);
      const stats = await record.process
        .request({ slaProbe: 'stats' }, (m) => (m as { slaProbe?: string; stats?: WakeProbeStats }).stats)
        .catch(() => undefined);
      record.wakes = stats;
    }
    await sleep(1000); // last publishes
    const queueLeft = await timerQueueCounts(redis, prefix);

    const analysis = await withDatabase(url, async (client) => {
      const raised = await readRaisedAlerts(client);
      const reconciliation = reconcile(expected, raised);
      const dups = await duplicates(client, deliveries, raised);
      return { raised, reconciliation, dups };
    });
    const { reconciliation } = analysis;
    // The targets hold for the window; the warm-up before it is reported apart.
    const measured = reconciliation.matched.filter((m) => m.expected.thresholdMs >= t0);
    const warmup = summarise(reconciliation.matched.filter((m) => m.expected.thresholdMs < t0).map((m) => m.latenessMs));
    const phases: Phase[] = [];
    if (outage) {
      const flushedAt = outage.killAt;
      const after = sweeps
        .filter((sweep) => sweep.startedAt >= outage!.flushEndedAt && sweep.timers >= 0)
        .sort((a, b) => a.finishedAt - b.finishedAt)[0];
      outage.recoveredAt = after?.finishedAt ?? null;
      outage.recoveredBy = after ? `${after.worker} ${after.horizonMs === null ? 'start-up sweep' : 'scheduled sweep'}` : null;
      const recovered = outage.recoveredAt ?? Infinity;
      const before = measured.filter((m) => m.raised.raisedMs <= flushedAt);
      const during = measured.filter((m) => m.raised.raisedMs > flushedAt && m.expected.thresholdMs <= recovered);
      // Alerts due just after the timers are back queue behind those the outage held up.
      const drained = during.reduce((latest, m) => Math.max(latest, m.raised.raisedMs), recovered);
      outage.drainedAt = Number.isFinite(drained) ? drained : null;
      const queued = measured.filter((m) => m.raised.raisedMs > flushedAt && m.expected.thresholdMs > recovered && m.expected.thresholdMs <= drained);
      const later = measured.filter((m) => m.raised.raisedMs > flushedAt && m.expected.thresholdMs > drained);
      const recovery = summarise(during.map((m) => m.raised.raisedMs - Math.max(m.expected.thresholdMs, flushedAt)));
      phases.push(
        { label: 'raised before the kill and flush', lateness: summarise(before.map((m) => m.latenessMs)) },
        { label: 'owed during the outage (due before the timers were back)', lateness: summarise(during.map((m) => m.latenessMs)), recovery },
        { label: 'due while that backlog drained', lateness: summarise(queued.map((m) => m.latenessMs)) },
        { label: 'due after the backlog had drained', lateness: summarise(later.map((m) => m.latenessMs)) },
      );
      const affected = [...during, ...queued].map((m) => m.raised.raisedMs - Math.max(m.expected.thresholdMs, flushedAt));
      outage.maxRecoveryMs = affected.reduce((a, b) => Math.max(a, b), 0);
      outage.withinSweepInterval = reconciliation.missed.length === 0 && outage.maxRecoveryMs <= options.sweepIntervalS * 1000;
    }

    // Lateness the targets apply to: the steady run entire; in the outage run, what the outage did not touch.
    const normal = outage
      ? measured.filter((m) => m.raised.raisedMs <= outage!.killAt || m.expected.thresholdMs > (outage!.drainedAt ?? Infinity))
      : measured;
    const deliveredAt = new Map(deliveries.map((d) => [`${d.complaintId}|${d.kind}|${d.fraction ?? d.level ?? ''}`, d.receivedAt]));
    const delivery = summarise(
      normal
        .map((m) => {
          const [, kindPart, fraction] = m.expected.key.split(':');
          const at = deliveredAt.get(`${m.expected.complaintId}|${kindPart}|${fraction ?? ''}`);
          return at === undefined ? NaN : at - m.expected.thresholdMs;
        })
        .filter(Number.isFinite),
    );

    const series = perSecond(reconciliation.matched, t0);
    const bySource: Record<string, LatenessSummary> = {};
    for (const source of ['bulk', 'http']) bySource[source] = summarise(normal.filter((m) => m.expected.source === source).map((m) => m.latenessMs));

    const dupTotal = analysis.dups.alertRows + analysis.dups.alertRowsSameThreshold + analysis.dups.outboxDuplicates + analysis.dups.auditDuplicates + analysis.dups.publishedDuplicates;
    log(
      `${kind}: expected ${reconciliation.expected}, raised ${reconciliation.raised}, missed ${reconciliation.missed.length}, duplicated ${dupTotal}; ` +
        `queue left: ${JSON.stringify(queueLeft)}`,
    );

    return {
      kind,
      dbName,
      prefix,
      policy: { code: policy.code, allowanceS: options.allowanceS },
      timeline,
      t0,
      bulk: { complaints: bulk.complaints, buildSeconds: bulk.buildSeconds, insertSeconds: bulk.insertSeconds },
      http: { sent: httpResult.sent, created: httpResult.created, failures: httpResult.failures, latency: summarise(httpResult.latencyMs) },
      memory: {
        usedBefore,
        usedAfter,
        liveTimers,
        detail,
        bytesPerTimer: timerBytes / Math.max(1, liveTimers),
        infoBytesPerTimer: (usedAfter - usedBefore) / Math.max(1, liveTimers),
      },
      sweeps,
      expected: reconciliation.expected,
      raised: reconciliation.raised,
      missed: reconciliation.missed.length,
      missedSample: reconciliation.missed.slice(0, 10).map((a) => ({ complaintId: a.complaintId, key: a.key, threshold: new Date(a.thresholdMs).toISOString(), source: a.source })),
      overtaken: reconciliation.overtaken,
      unexpected: reconciliation.unexpected.length,
      wrongThreshold: reconciliation.wrongThreshold,
      duplicates: analysis.dups,
      lateness: summarise(normal.map((m) => m.latenessMs)),
      warmup,
      latenessBySource: bySource,
      delivery,
      phases,
      peakAlertsPerSecond: series.reduce((a, x) => Math.max(a, x.alerts), 0),
      worstSeconds: series.filter((x) => x.second >= 0).sort((a, b) => b.maxLatenessMs - a.maxLatenessMs).slice(0, 5),
      series,
      workers: workers.map((w) => ({
        name: w.name,
        role: w.role,
        pid: w.process.pid,
        startedAt: w.startedAt,
        killedAt: w.killedAt,
        startupSweep: w.startupSweep,
        probe: w.probe,
        wakes: w.wakes ? summariseWakes(w.wakes) : undefined,
      })),
      cpu,
      otherCpu,
      otherCpuFrom: firstDue,
      outage,
      complete,
      startupOverran,
    };
  } finally {
    await cleanup.run();
    activeCleanup = undefined;
  }
}

function duplicatedTotal(r: RunResult): number {
  const d = r.duplicates;
  return d.alertRows + d.alertRowsSameThreshold + d.outboxDuplicates + d.auditDuplicates + d.publishedDuplicates;
}

function report(options: Options, runs: RunResult[], pg: { version: string; settings: Record<string, string> }): { markdown: string; pass: boolean } {
  const cpu = cpus();
  const lines: string[] = [];
  lines.push(`## Redress SLA timer benchmark — ${new Date().toISOString()}`);
  lines.push('');
  lines.push(
    `- Machine: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB · Node ${process.version} · ${pg.version.split(',')[0]} ` +
      `(synchronous_commit=${pg.settings.synchronous_commit}, autovacuum on for the run) · Redis shared with other users (only this run's prefix was ever deleted).`,
  );
  lines.push(
    `- Load per run: ${options.complaints.toLocaleString('en-US')} complaints inserted by SQL, final responses due evenly over the ${options.windowS} s window ` +
      `(plus ${Math.round((options.complaints * options.warmupS) / options.windowS).toLocaleString('en-US')} due at the same rate in a ${options.warmupS} s warm-up before it); ` +
      `policy: one milestone, PT${options.allowanceS}S calendar time on UTC-24x7, warnings at 50 % and 75 %, no escalation ladder; ` +
      `thresholds before the warm-up count as handled already, so the window sees each breach and the 75 % warnings of its first ${fmt(options.windowS - options.allowanceS / 4, 0)} s. ` +
      `Plus ${options.http} complaints through POST /v1/complaints at ${options.httpRate}/s from the window's start (all three alerts owed, the first 10 s after the request).`,
  );
  lines.push(
    `- ${options.workers} worker processes (ts-node, NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL}, SLA_SWEEP_INTERVAL_MS=${options.sweepIntervalS * 1000}` +
      `${options.sweepIntervalS === SERVICE_SWEEP_INTERVAL_S ? ', the service default' : ''}), the API, PostgreSQL, Redis and this process share the machine.` +
      (Object.keys(options.env).length ? ` Extra env: ${Object.entries(options.env).map(([k, v]) => `${k}=${v}`).join(' ')}.` : '') +
      (options.profile ? ' **--profile: workers count SQL round trips, which slows them.**' : ''),
  );
  lines.push(
    '- Lateness = alerts.raised_at − alerts.threshold_at (both written by the worker; raised_at is when the handler started). ' +
      'Delivery = arrival on the Redis alerts channel at this process − threshold. Missed = owed (computed from the policy, not by the service) and not in the alerts table.',
  );
  lines.push('');
  lines.push('| run | alerts owed | raised | missed | duplicated | p50 | p99 | max | delivery p99 | peak alerts/s | Redis per live timer |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of runs) {
    const label = r.kind === 'steady' ? 'steady' : 'outage (before the kill, and after its backlog)';
    lines.push(
      `| ${label} | ${r.expected.toLocaleString('en-US')} | ${r.raised.toLocaleString('en-US')} | ${r.missed} | ${duplicatedTotal(r)} | ${ms(r.lateness.p50)} | ${ms(r.lateness.p99)} | ${ms(r.lateness.max)} | ` +
        `${ms(r.delivery.p99)} | ${r.peakAlertsPerSecond} | ${fmt(r.memory.bytesPerTimer, 0)} B |`,
    );
  }
  if (options.warmupS > 0) {
    lines.push('');
    lines.push(
      `Warm-up, the ${options.warmupS} s before the window (workers idle until then; not held to the targets): ` +
        runs.map((r) => `${r.kind} ${r.warmup.count.toLocaleString('en-US')} alerts, p50 ${ms(r.warmup.p50)}, p99 ${ms(r.warmup.p99)}, max ${ms(r.warmup.max)}`).join('; ') +
        '.',
    );
  }
  const outage = runs.find((r) => r.kind === 'outage');
  if (outage?.outage) {
    const o = outage.outage;
    lines.push('');
    lines.push(
      `Outage run: ${o.killedWorker} SIGKILLed at window + ${s(o.killAt - outage.t0)}; ${o.keysDeleted.toLocaleString('en-US')} keys of the run's prefix deleted in ${s(o.flushEndedAt - o.flushStartedAt)}; ` +
        `timers back (first sweep started after the flush ended) ${o.recoveredAt ? `${s(o.recoveredAt - o.flushEndedAt)} after the flush, by ${o.recoveredBy}` : '**never**'}; ` +
        `the alerts held up all raised ${o.drainedAt ? `${s(o.drainedAt - o.flushEndedAt)} after the flush` : 'never'}; ` +
        `replacement worker started ${o.replacementStartedAt ? `${s(o.replacementStartedAt - o.flushEndedAt)} after the flush` : 'never'}.`,
    );
    lines.push('');
    lines.push('| outage run, alerts | count | p50 | p99 | max | flush/threshold → raised, max |');
    lines.push('|---|--:|--:|--:|--:|--:|');
    for (const phase of outage.phases) {
      lines.push(
        `| ${phase.label} | ${phase.lateness.count.toLocaleString('en-US')} | ${ms(phase.lateness.p50)} | ${ms(phase.lateness.p99)} | ${ms(phase.lateness.max)} | ${phase.recovery ? ms(phase.recovery.max) : ''} |`,
      );
    }
  }

  const pass = (ok: boolean) => (ok ? 'PASS' : '**FAIL**');
  const checks: Array<{ name: string; values: string[]; ok: boolean[] }> = [];
  const add = (name: string, value: (r: RunResult) => string | null, ok: (r: RunResult) => boolean) => {
    const applicable = runs.filter((r) => value(r) !== null);
    if (applicable.length === 0) return;
    checks.push({ name, values: runs.map((r) => value(r) ?? 'n/a'), ok: runs.map((r) => (value(r) === null ? true : ok(r))) });
  };
  add(`p99 lateness ≤ ${TARGETS.p99Ms} ms`, (r) => ms(r.lateness.p99), (r) => r.lateness.p99 <= TARGETS.p99Ms);
  add(`max lateness ≤ ${TARGETS.maxMs / 1000} s`, (r) => ms(r.lateness.max), (r) => r.lateness.max <= TARGETS.maxMs);
  add('0 missed', (r) => String(r.missed), (r) => r.missed === 0);
  add('0 duplicated', (r) => String(duplicatedTotal(r)), (r) => duplicatedTotal(r) === 0);
  add(`≤ 1 KB (${TARGETS.bytesPerTimer} B) Redis per live timer`, (r) => `${fmt(r.memory.bytesPerTimer, 0)} B`, (r) => r.memory.bytesPerTimer <= TARGETS.bytesPerTimer);
  add(
    `after the flush every alert arrives within the sweep interval (${options.sweepIntervalS} s)`,
    (r) => (r.outage ? `${r.missed} missed, slowest ${s(r.outage.maxRecoveryMs)}` : null),
    (r) => r.outage?.withinSweepInterval ?? true,
  );
  lines.push('');
  lines.push(`| target | ${runs.map((r) => r.kind).join(' | ')} | result |`);
  lines.push(`|---|${runs.map(() => '--:').join('|')}|:-:|`);
  let allPass = true;
  for (const check of checks) {
    const ok = check.ok.every(Boolean);
    allPass &&= ok;
    lines.push(`| ${check.name} | ${check.values.join(' | ')} | ${pass(ok)} |`);
  }
  for (const r of runs) {
    if (r.startupOverran) lines.push(`\n**${r.kind}: the start-up sweeps overran the lead, so the first thresholds were late for that reason; rerun with a longer --lead.**`);
    if (!r.complete) lines.push(`\n**${r.kind}: stopped waiting before every owed alert was in.**`);
  }

  for (const r of runs) {
    lines.push('');
    lines.push(`### ${r.kind}`);
    lines.push('');
    const t = r.timeline;
    lines.push(
      `Timeline (window start = t0): bulk insert ${s(r.bulk.buildSeconds * 1000)} building + ${s(r.bulk.insertSeconds * 1000)} SQL; workers started t0 − ${s(r.t0 - (t.workersStarted ?? 0))}; ` +
        `start-up sweeps done t0 − ${s(r.t0 - (t.sweepsDone ?? 0))}; ` +
        r.workers
          .filter((w) => w.startupSweep)
          .map((w) => `${w.name} swept ${w.startupSweep!.timers.toLocaleString('en-US')} timers in ${s(w.startupSweep!.finishedAt - w.startupSweep!.startedAt)} (${s(w.startupSweep!.finishedAt - w.startedAt)} after its start)`)
          .join(', ') +
        `; last threshold t0 + ${s((t.lastThreshold ?? 0) - r.t0)}; done t0 + ${s((t.finished ?? 0) - r.t0)}.`,
    );
    const m = r.memory;
    lines.push('');
    lines.push(
      `Redis with ${m.liveTimers.toLocaleString('en-US')} live timers, MEMORY USAGE per timer: job hash ${fmt(m.detail.bytes.jobHashes / Math.max(1, m.liveTimers), 0)} B ` +
        `(encoding ${m.detail.jobEncoding}), delayed zset ${fmt(m.detail.bytes.delayedZset / Math.max(1, m.liveTimers), 0)} B, events stream ${fmt(m.detail.bytes.eventsStream / Math.max(1, m.liveTimers), 0)} B, ` +
        `other queue keys ${fmt(m.detail.bytes.otherTimerKeys / Math.max(1, m.liveTimers), 0)} B: **${fmt(m.bytesPerTimer, 0)} B**. ` +
        `INFO used_memory grew ${fmt((m.usedAfter - m.usedBefore) / 2 ** 20, 1)} MiB from before the workers started (${fmt(m.infoBytesPerTimer, 0)} B per timer; includes the workers' connections and anything else using the shared server).`,
    );
    lines.push('');
    lines.push(
      `Alerts: ${r.expected.toLocaleString('en-US')} owed, ${r.raised.toLocaleString('en-US')} raised, ${r.missed} missed` +
        (r.overtaken ? ` (${r.overtaken} of them warnings overtaken by a breach raised in the same late wake-up, by design)` : '') +
        `, ${r.unexpected} not owed, ${r.wrongThreshold} with a threshold other than expected. ` +
        `Duplicates: ${r.duplicates.alertRows} alert rows beyond one per (complaint, alert_key, clock_version), ${r.duplicates.alertRowsSameThreshold} per (complaint, milestone, kind, fraction/level, version); ` +
        `${r.duplicates.outboxEvents.toLocaleString('en-US')} alert.raised outbox events, ${r.duplicates.outboxDuplicates} extra; ${r.duplicates.auditEvents.toLocaleString('en-US')} sla.* audit events, ${r.duplicates.auditDuplicates} extra; ` +
        `${r.duplicates.published.toLocaleString('en-US')} published on the alerts channel, ${r.duplicates.publishedDuplicates} extra, ${r.duplicates.notPublished} never published.`,
    );
    if (r.missedSample.length) lines.push(`Missed, first ${r.missedSample.length}: ${r.missedSample.map((x) => `${x.complaintId} ${x.key} @${x.threshold} (${x.source})`).join('; ')}.`);
    lines.push('');
    lines.push(
      `HTTP intake during the run: ${r.http.created}/${r.http.sent} created (p50 ${ms(r.http.latency.p50)}, p99 ${ms(r.http.latency.p99)}); their alerts' lateness p50 ${ms(r.latenessBySource.http.p50)}, ` +
        `p99 ${ms(r.latenessBySource.http.p99)}, max ${ms(r.latenessBySource.http.max)} (bulk: p99 ${ms(r.latenessBySource.bulk.p99)}). Lateness > 250 ms: ${r.lateness.over250}, > 1 s: ${r.lateness.over1000}; p99.9 ${ms(r.lateness.p999)}.`,
    );
    lines.push(
      `Worst seconds (by threshold, t0 + s: alerts, max lateness, other processes' cores): ` +
        `${r.worstSeconds.map((x) => `${x.second}: ${x.alerts}, ${ms(x.maxLatenessMs)}, ${fmt(r.otherCpu[Math.floor((r.t0 - r.otherCpuFrom) / 1000) + x.second] ?? NaN, 2)}`).join('; ')}.`,
    );
    lines.push('');
    lines.push('| worker | wakes handled / not due / stale / failed | pickup p50 / p99 / max | handling p50 / p99 / max | event-loop util. | loop delay p99 / max | GC longest |');
    lines.push('|---|--:|--:|--:|--:|--:|--:|');
    for (const w of r.workers) {
      const o = w.wakes?.outcomes ?? {};
      const p = w.probe;
      lines.push(
        `| ${w.name} (${w.role}${w.killedAt ? ', killed' : ''}) | ${o.handled ?? 0} / ${o.not_due ?? 0} / ${o.stale ?? 0} / ${o.failed ?? 0} | ` +
          (w.wakes ? `${ms(w.wakes.pickup.p50)} / ${ms(w.wakes.pickup.p99)} / ${ms(w.wakes.pickup.max)} | ${ms(w.wakes.handle.p50)} / ${ms(w.wakes.handle.p99)} / ${ms(w.wakes.handle.max)}` : ' | ') +
          ` | ${p ? `${fmt(p.eventLoopUtilization * 100, 0)} %` : ''} | ${p ? `${fmt(p.eventLoopDelayMs.p99, 0)} / ${fmt(p.eventLoopDelayMs.max, 0)} ms` : ''} | ${p ? ms(p.gc.maxMs) : ''} |`,
      );
    }
    const scheduled = r.sweeps.filter((x) => x.horizonMs !== null && x.finishedAt >= r.t0);
    if (scheduled.length) {
      const durations = summarise(scheduled.map((x) => x.finishedAt - x.startedAt));
      lines.push('');
      lines.push(
        `Scheduled sweeps during the window: ${scheduled.length}, ${fmt(scheduled.reduce((a, x) => a + Math.max(0, x.timers), 0) / scheduled.length, 0)} timers checked on average (re-added only when Redis lacks them), taking p50 ${ms(durations.p50)}, max ${ms(durations.max)}.`,
      );
    }
    lines.push('');
    const names = [...new Set(r.cpu.flatMap((c) => Object.keys(c.use.cores)))].filter((n) => n !== 'machine (all processes)');
    const ordered = [...names.filter((n) => n !== POSTGRES_BENCH && n !== POSTGRES_BACKGROUND && n !== REDIS_COMPONENT), POSTGRES_BENCH, POSTGRES_BACKGROUND, REDIS_COMPONENT];
    lines.push(`| CPU, cores used (of ${cpu.length}) | ${r.cpu.map((c) => `${c.label} (${fmt(c.use.wallSeconds, 0)} s)`).join(' | ')} |`);
    lines.push(`|---|${r.cpu.map(() => '--:').join('|')}|`);
    for (const name of ordered) lines.push(`| ${name} | ${r.cpu.map((c) => fmt(c.use.cores[name] ?? 0, 2)).join(' | ')} |`);
    const others = (c: { use: CpuUse }) => (c.use.cores['machine (all processes)'] ?? 0) - Object.entries(c.use.cores).filter(([n]) => n !== 'machine (all processes)').reduce((a, [, v]) => a + v, 0);
    lines.push(`| everything else on the machine | ${r.cpu.map((c) => fmt(others(c), 2)).join(' | ')} |`);
    lines.push(`| machine total | ${r.cpu.map((c) => fmt(c.use.cores['machine (all processes)'] ?? 0, 2)).join(' | ')} |`);
    const busy = r.otherCpu.filter((x) => x > 0.25).length;
    if (busy > 0) {
      lines.push('');
      lines.push(
        `**Warning: other processes on the machine used more than 0.25 cores in ${busy} of the ${r.otherCpu.length} seconds (mean ${fmt(r.otherCpu.reduce((a, b) => a + b, 0) / Math.max(1, r.otherCpu.length), 2)} cores, ` +
          `max ${fmt(r.otherCpu.reduce((a, b) => Math.max(a, b), 0), 2)}); lateness in those seconds is partly theirs. Re-run on a quiet machine.**`,
      );
    }
    const statements = r.workers.flatMap((w) => Object.entries(w.probe?.statements ?? {}));
    if (statements.length) {
      const merged = new Map<string, { count: number; totalMs: number; maxMs: number }>();
      for (const [sql, t] of statements) {
        const e = merged.get(sql) ?? { count: 0, totalMs: 0, maxMs: 0 };
        e.count += t.count;
        e.totalMs += t.totalMs;
        e.maxMs = Math.max(e.maxMs, t.maxMs);
        merged.set(sql, e);
      }
      const handled = r.workers.reduce((a, w) => a + (w.wakes?.outcomes.handled ?? 0), 0);
      lines.push('');
      lines.push('| SQL statement (workers) | per handled wake | mean ms | max ms |');
      lines.push('|---|--:|--:|--:|');
      for (const [sql, t] of [...merged.entries()].sort((a, b) => b[1].totalMs - a[1].totalMs).slice(0, 15)) {
        lines.push(`| \`${sql.replace(/\|/g, '\\|')}\` | ${fmt(t.count / Math.max(1, handled), 2)} | ${fmt(t.totalMs / t.count, 2)} | ${fmt(t.maxMs, 1)} |`);
      }
    }
  }
  return { markdown: lines.join('\n'), pass: allPass };
}

async function main(): Promise<number> {
  const options = parseOptions();
  const stamp = timestamp();
  const rand = randomBytes(3).toString('hex');
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      console.error(`\n${signal}: stopping the processes, dropping the database and deleting the run's Redis keys ...`);
      void (activeCleanup?.run() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  const redis = connectRedis(REDIS_URL);
  try {
    const sample = loadCfpbSample(REPO_ROOT);
    log(
      `${options.complaints} complaints over ${options.windowS} s, lead ${options.leadS} s, allowance ${options.allowanceS} s, ${options.http} via HTTP, ` +
        `${options.workers} workers, sweep every ${options.sweepIntervalS} s; runs: ${options.runs.join(', ')}`,
    );
    const runs: RunResult[] = [];
    const git = gitState();
    const jsonFile = join(resultsDir, `sla-${stamp}.json`);
    const save = (extra: object) =>
      writeFileSync(
        jsonFile,
        JSON.stringify(
          {
            at: new Date().toISOString(),
            command: `npm run bench:sla -- ${process.argv.slice(2).join(' ')}`.trim(),
            machine: { cpuModel: cpus()[0]?.model, cpuCount: cpus().length, memoryGiB: totalmem() / 2 ** 30, node: process.version },
            git,
            options,
            targets: TARGETS,
            ...extra,
            runs,
          },
          null,
          2,
        ),
      );
    for (const [i, kind] of options.runs.entries()) {
      checkInterrupted();
      runs.push(await runScenario(kind, i + 1, options, sample, rand, redis));
      save({ complete: false }); // each run's figures are kept even if a later run fails
    }
    const pg = await serverInfo();
    const { markdown, pass } = report(options, runs, pg);
    save({ complete: true, pass, postgres: pg, markdown });
    console.log(markdown);
    log(`results: ${relative(REPO_ROOT, jsonFile)}`);
    return options.failOnTargets && !pass ? 2 : 0;
  } catch (error) {
    if (interrupted) return 130;
    console.error(`benchmark failed: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await activeCleanup?.run();
    redis.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
