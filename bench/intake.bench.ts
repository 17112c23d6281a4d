/**
 * Complaint intake throughput and latency against PostgreSQL, next to a NestJS echo endpoint with
 * the same per-request pipeline (auth, body parsing, validation, logging, metrics) but no
 * persistence. `npm run bench:intake -- --help` for the options.
 *
 * It creates a throw-away database, starts the API and the echo server as child processes, loads
 * each with autocannon (warm-up discarded, then the measured run), prints a Markdown report, writes
 * the JSON to bench/results/, and removes the database and the Redis keys it made, also on failure
 * and Ctrl-C. Exit status 1 when any request fails or is answered with anything but 201.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ComplaintFactory, loadCfpbSample } from './lib/complaints';
import { cpuSnapshot, cpuUse, CpuUse, POSTGRES_BACKGROUND, POSTGRES_BENCH, REDIS as REDIS_COMPONENT } from './lib/cpu';
import { summariseProfile, ProfileSummary } from './lib/cpuprofile';
import {
  Counters,
  createDatabase,
  databaseCounters,
  databaseUrl,
  diffCounters,
  dropDatabase,
  ensureAutovacuum,
  explainHistory,
  HistoryExplain,
  intakeStats,
  IntakeTableStats,
  serverInfo,
} from './lib/database';
import { runOpenLoop } from './lib/openloop';
import { API_NODE_FLAGS, freePort, httpPost, ServerProcess } from './lib/processes';
import type { ProbeReport } from './profiling/probe';
import { Cleanup, deleteRedisKeys, timestamp } from './lib/cleanup';

const REPO_ROOT = resolve(__dirname, '..');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGETS = { minRatio: 0.5, maxP99Ms: 50 };
const LOG_LEVEL = 'warn';


const HELP = `Usage: npm run bench:intake -- [options]

  --duration <s>      measured seconds per endpoint (default 20)
  --warmup <s>        warm-up seconds per endpoint, discarded (default 5)
  --connections <n>   concurrent connections (default 64)
  --rounds <n>        echo then intake, n times in turn (default 3); the ratio and the p99 are
                      taken from the medians, so a drift of the machine's speed hits both alike
  --env KEY=VALUE     extra environment for both servers, e.g. DATABASE_POOL_SIZE=40 (repeatable)
  --latency-rate <n>  after the two saturation runs, also send intake <n> req/s open-loop (evenly
                      spaced, latency from the scheduled send time) for --duration s, to see the
                      latency below saturation; a list (100,300,500) runs each rate in turn
  --profile           also record SQL round trips, pool waits and a V8 CPU profile of each
                      server's measured run (slows the servers; for finding where time goes)
  --fail-on-targets   exit 2 when a target is missed (default: report only)
  --help
`;

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  env: Record<string, string>;
  latencyRates: number[];
  profile: boolean;
  failOnTargets: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      connections: { type: 'string', default: '64' },
      rounds: { type: 'string', default: '3' },
      env: { type: 'string', multiple: true, default: [] },
      'latency-rate': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'fail-on-targets': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const positive = (name: string, raw: string, min: number) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min} (got "${raw}")`);
    return n;
  };
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--env expects KEY=VALUE (got "${pair}")`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    duration: positive('duration', values.duration!, 1),
    warmup: positive('warmup', values.warmup!, 0),
    connections: Math.floor(positive('connections', values.connections!, 1)),
    rounds: Math.floor(positive('rounds', values.rounds!, 1)),
    env,
    // Each rate once: a repeated one would reuse the phase's key, refs and idempotency keys.
    latencyRates: [...new Set((values['latency-rate'] ?? '').split(',').filter((rate) => rate.trim() !== '').map((rate) => positive('latency-rate', rate.trim(), 1)))],
    profile: values.profile!,
    failOnTargets: values['fail-on-targets']!,
  };
}


/** Set by SIGINT/SIGTERM: the run stops at the next step and prints no report. */
let interrupted = false;
/** Stops the load generator that is running, if any. */
let stopCurrentLoad: (() => void) | undefined;

class Interrupted extends Error {}

function checkInterrupted(): void {
  if (interrupted) throw new Interrupted('interrupted');
}

interface Target {
  name: 'echo' | 'intake';
  label: string;
  server: ServerProcess;
  path: string;
}

interface Latency {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

interface LoadResult {
  seconds: number;
  sent: number;
  responses: number;
  created: number;
  perSecond: number;
  latencyMs: Latency;
  autocannonLatencyMs: { p50: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  non201: number;
  socketErrors: number;
  timeouts: number;
  failures: Array<{ status: number; body: string }>;
  errorMessages: string[];
  /** Open-loop runs: the slowest requests as [ms after the start, latency ms]. */
  slowest?: Array<[number, number]>;
}

interface PhaseSpec {
  key: string;
  label: string;
  target: Target;
  warmup: boolean;
  rate?: number;
  /** Saturation phases: which echo/intake round (1-based). */
  round?: number;
}

const COMPONENT = {
  loadGenerator: 'load generator (autocannon)',
  server: 'server under load (node)',
  idleServer: 'other bench server, idle (node)',
} as const;

interface PhaseReport {
  label: string;
  rate?: number;
  load: LoadResult;
  cpu: CpuUse;
  probe?: ProbeReport;
  database?: Counters;
  profile?: ProfileSummary;
  round?: number;
  /** This process's own event-loop delay: a stall here delays sends and is charged to the server. */
  clientLoopDelayMs: { p99: number; max: number };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function runLoad(
  target: Target,
  phase: string,
  seconds: number,
  connections: number,
  factory: ComplaintFactory,
  apiKey: string,
  rate?: number,
): Promise<LoadResult> {
  if (rate) return runFixedRate(target, phase, seconds, connections, factory, apiKey, rate);
  let n = 0;
  let non201 = 0;
  const latencies: number[] = [];
  const failures: Array<{ status: number; body: string }> = [];
  const errorMessages: string[] = [];
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${target.server.port}`,
        connections,
        duration: seconds,
        timeout: 10,
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        requests: [
          {
            method: 'POST',
            path: target.path,
            setupRequest: (request) => {
              const built = factory.build(phase, n++);
              return { ...request, body: built.body, headers: { ...request.headers, 'idempotency-key': built.idempotencyKey } };
            },
            onResponse: (status, body) => {
              if (status === 201) return;
              non201++;
              if (failures.length < 5) failures.push({ status, body: body.slice(0, 2000) });
            },
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const created = result.statusCodeStats?.['201']?.count ?? 0;
        resolvePromise({
          seconds: result.duration,
          sent: result.requests.sent,
          responses: latencies.length,
          created,
          perSecond: created / result.duration,
          latencyMs: latencySummary(latencies),
          autocannonLatencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0])),
          non201,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          failures,
          errorMessages,
        });
      },
    );
    stopCurrentLoad = () => instance.stop();
    instance.on('done', () => (stopCurrentLoad = undefined));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    instance.on('reqError', (error: Error) => {
      if (errorMessages.length < 5) errorMessages.push(error?.message ?? String(error));
    });
  });
}

function latencySummary(latencies: number[]): Latency {
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    p999: percentile(latencies, 99.9),
    max: latencies[latencies.length - 1] ?? 0,
    mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
  };
}

async function runFixedRate(
  target: Target,
  phase: string,
  seconds: number,
  connections: number,
  factory: ComplaintFactory,
  apiKey: string,
  rate: number,
): Promise<LoadResult> {
  const r = await runOpenLoop({
    port: target.server.port,
    path: target.path,
    rate,
    seconds,
    connections,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    build: (n) => factory.build(phase, n),
    expectStatus: 201,
  });
  const created = r.status['201'] ?? 0;
  return {
    seconds: r.seconds,
    sent: r.scheduled,
    responses: r.completed,
    created,
    perSecond: created / r.seconds,
    latencyMs: latencySummary(r.latencies),
    autocannonLatencyMs: { p50: NaN, p99: NaN, max: NaN },
    statusCodes: Object.fromEntries(Object.entries(r.status).filter(([k]) => k !== 'error')),
    non201: r.completed - created,
    socketErrors: r.status.error ?? 0,
    timeouts: 0,
    failures: r.failures,
    errorMessages: r.errors,
    slowest: r.slowest,
  };
}

function failed(load: LoadResult): boolean {
  return load.non201 > 0 || load.socketErrors > 0 || load.timeouts > 0;
}

function describeFailure(target: Target, phase: string, load: LoadResult): string {
  const lines = [
    `${target.label} (${phase}): ${load.non201} non-201 responses, ${load.socketErrors} socket errors, ${load.timeouts} timeouts; status codes ${JSON.stringify(load.statusCodes)}`,
  ];
  for (const f of load.failures) lines.push(`  ${f.status}: ${f.body}`);
  for (const m of load.errorMessages) lines.push(`  error: ${m}`);
  return lines.join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (n: number) => `${fmt(n * 100, 1)} %`;



async function main(): Promise<number> {
  const options = parseOptions();
  const stamp = timestamp();
  const runId = `bench-${stamp.replace('_', '-')}`;
  const dbName = `redress_bench_${stamp.toLowerCase()}`;
  const queuePrefix = runId;
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });

  const cleanup = new Cleanup();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      console.error(`\n${signal}: stopping the servers and dropping ${dbName} ...`);
      stopCurrentLoad?.();
      void cleanup.run().finally(() => process.exit(130));
    });
  }

  try {
    const sample = loadCfpbSample(REPO_ROOT);
    const factory = new ComplaintFactory(sample, runId, new Date());
    console.error(
      `CFPB sample: ${sample.rows.length} rows, ${sample.narratives.length} with a narrative (${relative(REPO_ROOT, sample.path)})`,
    );

    const apiKey = randomBytes(24).toString('base64url');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(dbName),
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      API_KEYS: `bench=${apiKey}`,
      LOG_LEVEL,
      ...options.env,
    };
    const probeEnv: NodeJS.ProcessEnv = options.profile
      ? { BENCH_PROBE_PG: '1', BENCH_PROBE_CPU_PROFILE: join(resultsDir, `${runId}-profiles`) }
      : {};

    console.error(`creating database ${dbName}`);
    await createDatabase(dbName);
    cleanup.add('drop database', async () => {
      await dropDatabase(dbName);
      console.error(`dropped database ${dbName}`);
    });
    await ensureAutovacuum(cleanup, console.error);
    cleanup.add('delete Redis keys', async () => {
      const n = await deleteRedisKeys(REDIS_URL, queuePrefix);
      console.error(`deleted ${n} Redis keys with prefix ${queuePrefix}:`);
    });

    const runner = [...API_NODE_FLAGS, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-r', join(REPO_ROOT, 'bench/profiling/probe.ts')];
    const [apiPort, echoPort] = [await freePort(), await freePort()];
    const api = new ServerProcess('api', [...runner, 'apps/api/src/main.ts'], { ...env, ...probeEnv, PORT: String(apiPort) }, REPO_ROOT, apiPort);
    const echo = new ServerProcess('echo', [...runner, 'bench/echo/echo-main.ts'], { ...env, ...probeEnv, PORT: String(echoPort) }, REPO_ROOT, echoPort);
    cleanup.add('stop servers', () => Promise.all([api.stop(), echo.stop()]));
    console.error('starting the API and the echo server ...');
    api.start();
    echo.start();
    await Promise.all([api.waitReady('/health/ready', 120_000), echo.waitReady('/health/live', 120_000)]);
    checkInterrupted();

    const targets: Target[] = [
      { name: 'echo', label: 'echo `POST /v1/echo`', server: echo, path: '/v1/echo' },
      { name: 'intake', label: 'intake `POST /v1/complaints`', server: api, path: '/v1/complaints' },
    ];

    // One request to each first: a misconfiguration shows as one clear error, not 10,000.
    for (const target of targets) {
      const built = factory.build('smoke', 0);
      const res = await httpPost(
        target.server.port,
        target.path,
        { 'content-type': 'application/json', 'x-api-key': apiKey, 'idempotency-key': built.idempotencyKey },
        built.body,
      );
      if (res.status !== 201) throw new Error(`${target.label} answered the smoke request with ${res.status}: ${res.body.slice(0, 2000)}`);
    }

    // Round 1 keeps the plain keys "echo" and "intake", which the database and profile sections read.
    const plan: PhaseSpec[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const suffix = round === 1 ? '' : `-${round}`;
      const tag = options.rounds === 1 ? '' : `, round ${round}`;
      plan.push({ key: `echo${suffix}`, label: `${targets[0].label}${tag}`, target: targets[0], warmup: true, round });
      plan.push({ key: `intake${suffix}`, label: `${targets[1].label}${tag}`, target: targets[1], warmup: true, round });
    }
    for (const rate of options.latencyRates) {
      plan.push({ key: `intake-at-${rate}`, label: `intake, ${rate} req/s offered open-loop`, target: targets[1], warmup: true, rate });
    }
    const phases: Record<string, PhaseReport> = {};
    let requestFailures = false;
    for (const [index, spec] of plan.entries()) {
      const { target } = spec;
      if (spec.warmup && options.warmup > 0) {
        console.error(`${spec.key}: warm-up ${options.warmup} s ...`);
        const warm = await runLoad(target, `w${index}`, options.warmup, options.connections, factory, apiKey, spec.rate);
        checkInterrupted();
        if (failed(warm)) {
          console.error(describeFailure(target, 'warm-up', warm));
          requestFailures = true;
          break;
        }
      }
      // Let abandoned in-flight requests finish and PostgreSQL flush its statistics (≤ 1 s late).
      await sleep(1500);
      console.error(`${spec.key}: measuring ${options.duration} s${spec.rate ? ` at ${spec.rate} req/s` : ''} ...`);
      await target.server.probe('start');
      const countersBefore = target.name === 'intake' ? await databaseCounters(dbName) : undefined;
      const other = target === targets[0] ? targets[1] : targets[0];
      const pids = {
        [COMPONENT.loadGenerator]: process.pid,
        [COMPONENT.server]: target.server.pid,
        [COMPONENT.idleServer]: other.server.pid,
      };
      const cpuBefore = cpuSnapshot(pids, dbName);
      const clientDelay = monitorEventLoopDelay({ resolution: 10 });
      clientDelay.enable();
      // Measured bodies are the same sequence for echo and intake of a round (phase tag "m<round>"); each fixed-rate run has refs of its own.
      const load = await runLoad(target, spec.rate ? `r${spec.rate}` : `m${spec.round}`, options.duration, options.connections, factory, apiKey, spec.rate);
      checkInterrupted();
      const cpu = cpuUse(cpuBefore, cpuSnapshot(pids, dbName));
      clientDelay.disable();
      const probe = await target.server.probe('stop', `${spec.key}-measured`);
      await sleep(1500);
      const database = countersBefore ? diffCounters(countersBefore, await databaseCounters(dbName)) : undefined;
      phases[spec.key] = {
        label: spec.label,
        rate: spec.rate,
        load,
        cpu,
        probe,
        database,
        profile: probe.cpuProfile ? summariseProfile(probe.cpuProfile) : undefined,
        clientLoopDelayMs: { p99: clientDelay.percentile(99) / 1e6, max: clientDelay.max / 1e6 },
        round: spec.round,
      };
      if (failed(load)) {
        console.error(describeFailure(target, 'measured', load));
        requestFailures = true;
        break;
      }
    }

    const stored = phases.intake ? await intakeStats(dbName) : undefined;
    const history = phases.intake && options.profile ? await explainHistory(dbName) : undefined;
    const pg = await serverInfo();
    const report = buildReport({ options, runId, dbName, phases, stored, history, pg, factory, sampleRows: sample.rows.length, narratives: sample.narratives.length });
    console.log(report.markdown);
    const jsonFile = join(resultsDir, `intake-${stamp}.json`);
    writeFileSync(jsonFile, JSON.stringify(report.json, null, 2));
    console.error(`results: ${relative(REPO_ROOT, jsonFile)}`);

    if (requestFailures || !phases.intake) {
      console.error('FAILED: requests errored or were not answered 201 (see above)');
      return 1;
    }
    if (options.failOnTargets && !report.pass) return 2;
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    console.error(`benchmark failed: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await cleanup.run();
  }
}

interface ReportInput {
  options: Options;
  runId: string;
  dbName: string;
  phases: Record<string, PhaseReport>;
  stored?: IntakeTableStats;
  history?: HistoryExplain[];
  pg: { version: string; settings: Record<string, string> };
  factory: ComplaintFactory;
  sampleRows: number;
  narratives: number;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The saturation rounds: medians of each endpoint's throughput and of intake's p99, and each round's own ratio. */
function roundsOf(phases: Record<string, PhaseReport>) {
  const saturated = Object.entries(phases).filter(([, phase]) => phase.round !== undefined && phase.rate === undefined);
  const of = (name: string) => saturated.filter(([key]) => key.startsWith(name)).map(([, phase]) => phase);
  const echoes = of('echo');
  const intakes = of('intake');
  const ratios = intakes
    .map((intake) => [intake, echoes.find((echo) => echo.round === intake.round)] as const)
    .filter(([, echo]) => echo !== undefined)
    .map(([intake, echo]) => intake.load.perSecond / echo!.load.perSecond);
  return {
    count: Math.max(echoes.length, intakes.length),
    echoPerSecond: median(echoes.map((phase) => phase.load.perSecond)),
    echoP99: median(echoes.map((phase) => phase.load.latencyMs.p99)),
    intakePerSecond: median(intakes.map((phase) => phase.load.perSecond)),
    intakeP99: median(intakes.map((phase) => phase.load.latencyMs.p99)),
    ratios,
  };
}

function buildReport(input: ReportInput): { markdown: string; json: object; pass: boolean } {
  const { options, phases, stored, pg } = input;
  const echo = phases.echo?.load;
  const intake = phases.intake?.load;
  const rounds = roundsOf(phases);
  const ratio = rounds.echoPerSecond && rounds.intakePerSecond ? rounds.intakePerSecond / rounds.echoPerSecond : NaN;
  const ratioPass = ratio >= TARGETS.minRatio;
  const p99Pass = rounds.intakeP99 !== undefined && rounds.intakeP99 <= TARGETS.maxP99Ms;
  const cpu = cpus();
  const machine = {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cpuCount: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: pg.version,
    postgresSettings: pg.settings,
  };
  const mix = input.factory.describe(intake?.sent ?? echo?.sent ?? 0);
  const poolSize = options.env.DATABASE_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? '20 (service default)';
  const entries = Object.entries(phases);
  // The database and profile sections describe round 1's intake run only.
  const round1 = options.rounds > 1 ? ' (round 1)' : '';

  const lines: string[] = [];
  lines.push(`## Redress intake benchmark — ${new Date().toISOString()}`);
  lines.push('');
  if (options.profile) {
    lines.push('**--profile was on: SQL timing and the V8 profiler slow the servers; use these numbers for where time goes, not for the targets.**');
    lines.push('');
  }
  lines.push(
    `- Machine: ${machine.cpuModel} × ${machine.cpuCount} cores, ${machine.memoryGiB} GiB RAM · Node ${machine.node} · ${pg.version.split(',')[0]}` +
      ` (synchronous_commit=${pg.settings.synchronous_commit}, shared_buffers=${pg.settings.shared_buffers}, autovacuum on for the run).`,
  );
  lines.push(
    `- Load: autocannon in this process, ${options.connections} connections, ${options.warmup} s warm-up (discarded) + ${options.duration} s measured per endpoint; ` +
      (options.rounds > 1 ? `echo then intake, ${options.rounds} rounds in turn` : 'echo, then intake') +
      (options.latencyRates.length
        ? `, then intake at ${options.latencyRates.join(', ')} req/s offered open-loop (evenly spaced, bench/lib/openloop.ts; latency from the scheduled send time)`
        : '') +
      '. Both servers stay up throughout; the one not under load is idle.',
  );
  lines.push(
    `- Shared CPU: the load generator, both Node servers, PostgreSQL and Redis all run on these ${machine.cpuCount} cores, ` +
      'so the client takes CPU the servers would otherwise have; so does anything else running on the machine (see the CPU table).',
  );
  lines.push(
    `- Servers: separate Node processes (ts-node transpile-only, ${API_NODE_FLAGS.join(' ')} as in production), NODE_ENV=production, request logging at LOG_LEVEL=${LOG_LEVEL} for both ` +
      `(pino-http's per-request "request completed" lines are info, so not written); DB pool ${poolSize}.` +
      (Object.keys(options.env).length ? ` Extra env: ${Object.entries(options.env).map(([k, v]) => `${k}=${v}`).join(' ')}.` : ''),
  );
  lines.push(
    `- Bodies: real CFPB complaints (${input.narratives} of ${input.sampleRows} rows have a narrative), identical for both endpoints; ` +
      `unique externalRef and Idempotency-Key per request; X-API-Key auth. Channel mix of the measured intake run${round1}: ` +
      Object.entries(mix.channels).map(([c, n]) => `${c} ${n}`).join(', ') +
      ` (every narrative row says "Web"; channels follow "Submitted via" across the whole file); ${mix.customers} customers (State+ZIP), up to ${mix.maxPerCustomer} complaints each in that run.`,
  );
  lines.push('');
  lines.push('| endpoint | req/s | p50 ms | p99 ms | max ms | errors |');
  lines.push('|---|--:|--:|--:|--:|--:|');
  for (const [, phase] of entries) {
    const l = phase.load;
    lines.push(
      `| ${phase.label} | ${fmt(l.perSecond)} | ${fmt(l.latencyMs.p50)} | ${fmt(l.latencyMs.p99)} | ${fmt(l.latencyMs.max)} | ${l.non201 + l.socketErrors + l.timeouts} |`,
    );
  }
  lines.push('');
  lines.push(
    rounds.count > 1
      ? `intake/echo throughput ratio, median intake over median echo of ${rounds.count} rounds: **${Number.isNaN(ratio) ? 'n/a' : pct(ratio)}** ` +
          `(round by round: ${rounds.ratios.map((r) => pct(r)).join(', ')})`
      : `intake/echo throughput ratio: **${Number.isNaN(ratio) ? 'n/a' : pct(ratio)}**`,
  );
  lines.push('');
  lines.push('| target | measured | result |');
  lines.push('|---|--:|:-:|');
  lines.push(`| intake ≥ ${TARGETS.minRatio * 100} % of echo req/s | ${Number.isNaN(ratio) ? 'n/a' : pct(ratio)} | ${ratioPass ? 'PASS' : 'FAIL'} |`);
  lines.push(
    `| intake p99 ≤ ${TARGETS.maxP99Ms} ms (at ${options.connections} connections, saturated${rounds.count > 1 ? '; median of the rounds' : ''}) | ` +
      `${rounds.intakeP99 !== undefined ? `${fmt(rounds.intakeP99)} ms` : 'n/a'} | ${p99Pass ? 'PASS' : 'FAIL'} |`,
  );
  if (echo && intake) {
    lines.push('');
    lines.push(
      `Note: with ${options.connections} connections each waiting for its answer, mean latency ≈ ${options.connections} / throughput (Little's law): ` +
        `a p99 of ${TARGETS.maxP99Ms} ms needs well over ${fmt((options.connections * 1000) / TARGETS.maxP99Ms, 0)} req/s; the echo endpoint itself reaches ${fmt(rounds.echoPerSecond ?? echo.perSecond, 0)} req/s ` +
        `with p99 ${fmt(rounds.echoP99 ?? echo.latencyMs.p99, 0)} ms here${rounds.count > 1 ? ' (medians of the rounds)' : ''}.`,
    );
  }
  const openLoop = entries.filter(([, phase]) => phase.rate !== undefined && !failed(phase.load));
  if (openLoop.length > 0) {
    const within = openLoop.filter(([, phase]) => phase.load.latencyMs.p99 <= TARGETS.maxP99Ms).map(([, phase]) => phase.rate!);
    const missed = openLoop.filter(([, phase]) => phase.load.latencyMs.p99 > TARGETS.maxP99Ms).map(([, phase]) => phase.rate!);
    lines.push('');
    lines.push(
      `Open-loop over up to ${options.connections} connections: p99 ≤ ${TARGETS.maxP99Ms} ms at ` +
        `${within.length ? `${within.join(', ')} req/s offered` : 'none of the offered rates'}` +
        `${missed.length ? `; above it at ${missed.join(', ')} req/s` : ''}.`,
    );
  }

  lines.push('');
  lines.push(`CPU during the measured runs (cores in use, averaged over the run; the machine has ${machine.cpuCount}):`);
  lines.push('');
  lines.push(`| component | ${entries.map(([key]) => key).join(' | ')} |`);
  lines.push(`|---|${entries.map(() => '--:').join('|')}|`);
  const componentNames = [COMPONENT.loadGenerator, COMPONENT.server, COMPONENT.idleServer, POSTGRES_BENCH, POSTGRES_BACKGROUND, REDIS_COMPONENT];
  for (const name of componentNames) {
    lines.push(`| ${name} | ${entries.map(([, p]) => fmt(p.cpu.cores[name] ?? 0, 2)).join(' | ')} |`);
  }
  const otherCores = (p: PhaseReport) =>
    (p.cpu.cores['machine (all processes)'] ?? 0) - componentNames.reduce((sum, name) => sum + (p.cpu.cores[name] ?? 0), 0);
  lines.push(`| everything else on the machine | ${entries.map(([, p]) => fmt(otherCores(p), 2)).join(' | ')} |`);
  lines.push(`| machine total | ${entries.map(([, p]) => fmt(p.cpu.cores['machine (all processes)'] ?? 0, 2)).join(' | ')} |`);
  const msPerRequest = (p: PhaseReport, ...names: string[]) =>
    fmt((names.reduce((sum, name) => sum + (p.cpu.cores[name] ?? 0), 0) * p.cpu.wallSeconds * 1000) / Math.max(1, p.load.created), 2);
  lines.push(`| server CPU ms per request | ${entries.map(([, p]) => msPerRequest(p, COMPONENT.server)).join(' | ')} |`);
  lines.push(
    `| postgres CPU ms per request (all postgres rows) | ${entries.map(([k, p]) => (k.startsWith('echo') ? '' : msPerRequest(p, POSTGRES_BENCH, POSTGRES_BACKGROUND))).join(' | ')} |`,
  );
  lines.push(`| server event-loop utilisation | ${entries.map(([, p]) => (p.probe ? pct(p.probe.eventLoopUtilization) : '')).join(' | ')} |`);
  lines.push(
    `| server event-loop delay p99 / max ms | ${entries.map(([, p]) => (p.probe ? `${fmt(p.probe.eventLoopDelayMs.p99, 0)} / ${fmt(p.probe.eventLoopDelayMs.max, 0)}` : '')).join(' | ')} |`,
  );
  lines.push(
    `| load generator event-loop delay p99 / max ms | ${entries.map(([, p]) => `${fmt(p.clientLoopDelayMs.p99, 0)} / ${fmt(p.clientLoopDelayMs.max, 0)}`).join(' | ')} |`,
  );
  lines.push(
    `| server GC pauses: total s / longest ms | ${entries.map(([, p]) => (p.probe ? `${fmt(p.probe.gc.totalMs / 1000, 2)} / ${fmt(p.probe.gc.maxMs, 0)}` : '')).join(' | ')} |`,
  );
  const disturbed = entries.filter(([, p]) => otherCores(p) > 0.15);
  if (disturbed.length) {
    lines.push('');
    lines.push(
      `**Warning: other processes used CPU during ${disturbed.map(([k, p]) => `${k} (${fmt(otherCores(p), 2)} cores)`).join(', ')}; those numbers are disturbed. Re-run on a quiet machine.**`,
    );
  }

  const db = phases.intake?.database;
  if (db && intake) {
    const per = (k: string) => fmt((db[k] ?? 0) / Math.max(1, intake.created), 2);
    lines.push('');
    lines.push(
      `PostgreSQL during the measured intake run${round1}: ${db.xact_commit} commits (${per('xact_commit')} per complaint), ` +
        `${db.tup_inserted} heap+TOAST rows inserted (${per('tup_inserted')} per complaint)` +
        (db.wal_sync !== undefined
          ? `, ${db.wal_sync} WAL syncs (${fmt(db.wal_sync / Math.max(1, db.xact_commit), 2)} per commit) and ${fmt((db.wal_bytes ?? 0) / 2 ** 20, 1)} MiB WAL cluster-wide (${fmt((db.wal_bytes ?? 0) / 1024 / Math.max(1, intake.created), 1)} KiB per complaint).`
          : '.'),
    );
  }
  if (stored) {
    lines.push(
      `Stored after the run (warm-up included): ${stored.complaints} complaints from ${stored.customers} customers; ${stored.possibleDuplicates} flagged as possible duplicates, ` +
        `${stored.repeatComplainants} scored as repeat complainants; ${stored.idempotencyKeys} idempotency keys; by channel ${JSON.stringify(stored.byChannel)}.`,
    );
  }

  if (input.history?.length) {
    lines.push('');
    lines.push('History lookup, server side (EXPLAIN ANALYZE after the run):');
    lines.push('');
    lines.push('| customer | their complaints | rows returned | planning ms | execution ms | buffers hit/read |');
    lines.push('|---|--:|--:|--:|--:|--:|');
    for (const h of input.history) {
      lines.push(`| ${h.customer} | ${h.complaintsOfCustomer} | ${h.rows} | ${fmt(h.planningMs, 2)} | ${fmt(h.executionMs, 2)} | ${h.sharedHit}/${h.sharedRead} |`);
    }
  }

  for (const [key, phase] of entries) {
    const probe = phase.probe;
    if (probe?.statements && Object.keys(probe.statements).length) {
      const created = Math.max(1, phase.load.created);
      lines.push('');
      lines.push(`SQL round trips during ${key} (client-side time, includes waiting for the server's busy event loop):`);
      lines.push('');
      lines.push('| statement | per request | mean ms | max ms | total s | rows per call |');
      lines.push('|---|--:|--:|--:|--:|--:|');
      const rows = Object.entries(probe.statements).sort((a, b) => b[1].totalMs - a[1].totalMs);
      let count = 0;
      for (const [sql, t] of rows) {
        count += t.count;
        lines.push(
          `| \`${sql.replace(/\|/g, '\\|')}\` | ${fmt(t.count / created, 2)} | ${fmt(t.totalMs / t.count, 2)} | ${fmt(t.maxMs, 1)} | ${fmt(t.totalMs / 1000, 1)} | ${fmt((t.rows ?? 0) / t.count, 1)} |`,
        );
      }
      lines.push(`| **all** | **${fmt(count / created, 2)}** | | | | |`);
      if (probe.poolWait) {
        lines.push(
          `| waiting for a pooled connection | ${fmt(probe.poolWait.count / created, 2)} | ${fmt(probe.poolWait.totalMs / Math.max(1, probe.poolWait.count), 2)} | ${fmt(probe.poolWait.maxMs, 1)} | ${fmt(probe.poolWait.totalMs / 1000, 1)} | |`,
        );
      }
    }
    if (phase.profile && probe?.cpuProfile) {
      const p = phase.profile;
      lines.push('');
      lines.push(`CPU profile of the server during ${key} (${fmt(p.totalMs / 1000, 1)} s sampled; ${relative(REPO_ROOT, probe.cpuProfile)}):`);
      lines.push('');
      const perRequestMs = (phase.cpu.cores[COMPONENT.server] * phase.cpu.wallSeconds * 1000) / Math.max(1, phase.load.created);
      lines.push(`| stage (each sample counted once) | share | ≈ ms CPU per request (of ${fmt(perRequestMs, 2)}) |`);
      lines.push('|---|--:|--:|');
      for (const [stage, ms] of p.stages) lines.push(`| ${stage} | ${pct(ms / p.totalMs)} | ${fmt((ms / p.totalMs) * perRequestMs, 2)} |`);
      lines.push('');
      lines.push('| area | self % | inclusive % |');
      lines.push('|---|--:|--:|');
      const inclusive = new Map(p.inclusiveByArea);
      for (const [a, ms] of p.selfByArea.slice(0, 15)) lines.push(`| ${a} | ${pct(ms / p.totalMs)} | ${pct((inclusive.get(a) ?? ms) / p.totalMs)} |`);
      lines.push('');
      lines.push('| function | self % |');
      lines.push('|---|--:|');
      for (const [f, ms] of p.topSelf.slice(0, 15)) lines.push(`| \`${f}\` | ${pct(ms / p.totalMs)} |`);
    }
  }

  const json = {
    runId: input.runId,
    at: new Date().toISOString(),
    command: `npm run bench:intake -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    options,
    note: `client and servers share ${machine.cpuCount} cores; request logging at ${LOG_LEVEL} in both servers; ${options.rounds > 1 ? `echo then intake, ${options.rounds} rounds in turn` : 'echo, then intake'}`,
    targets: { ...TARGETS, ratio, ratioPass, p99Ms: rounds.intakeP99, p99Pass, rounds },
    phases,
    stored,
    history: input.history,
    channelMix: mix,
  };
  return { markdown: lines.join('\n'), json, pass: ratioPass && p99Pass };
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
