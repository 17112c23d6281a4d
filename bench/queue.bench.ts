/**
 * The officers' work queue at scale: `GET /v1/queue` and `POST /v1/queue/claim-next` on PostgreSQL
 * with a million complaints, under concurrent officers. `npm run bench:queue -- --help` for the options.
 *
 * It creates a throw-away database, runs the migrations, seeds teams, officers and complaints by
 * SQL (bench/lib/queue-seed.ts), starts the API as a child process, explains the statements the
 * queue service issues, loads the API with simulated officers (warm-up discarded, then the
 * measured run), runs a claim storm, times the supervisor's and manager's views, checks that no
 * case was claimed twice, prints a Markdown report, writes the JSON to bench/results/, and removes
 * the database and the Redis keys it made, also on failure and Ctrl-C. Exit status 1 on request
 * errors or any double claim; targets are reported, not enforced, unless --fail-on-targets (exit 2).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { signStaffToken } from '../libs/auth/src/tokens';
import { cpuSnapshot, cpuUse, CpuUse, POSTGRES_BACKGROUND, POSTGRES_BENCH, REDIS as REDIS_COMPONENT } from './lib/cpu';
import { summariseProfile, type ProfileSummary } from './lib/cpuprofile';
import { createDatabase, ensureAutovacuum, databaseCounters, databaseUrl, diffCounters, dropDatabase, serverInfo, type Counters } from './lib/database';
import { API_NODE_FLAGS, freePort, ServerProcess } from './lib/processes';
import type { ExplainedStatement } from './lib/queue-explain';
import { type KindResult, type LoadResult, runClaimStorm, runOfficers, runSequentialPages, type VirtualOfficer } from './lib/queue-load';
import { benchTeams, migrate, seed, type BenchTeam, type SeedReport } from './lib/queue-seed';
import { verifyClaims, type ClaimVerification } from './lib/queue-verify';
import type { ProbeReport } from './profiling/probe';
import { Cleanup, deleteRedisKeys, timestamp } from './lib/cleanup';

const REPO_ROOT = resolve(__dirname, '..');
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TARGETS = { maxQueueP99Ms: 20, maxDoubleClaims: 0 };
const LOG_LEVEL = 'warn';
/** Page-1 scopes each officer cycles through: mostly the whole queue, sometimes only claimable or only their own. */
const SCOPES = ['all', 'all', 'unassigned', 'all', 'mine', 'all', 'unassigned', 'all'] as const;

const HELP = `Usage: npm run bench:queue -- [options]

  --complaints <n>        complaints to seed (default 1000000)
  --open <n>              of which open (default 200000; the rest closed or resolved)
  --teams <n>             teams (default 50), each handling one category
  --officers-per-team <n> officers per team (default 10; 50 × 10 = 500)
  --officers <n>          simulated officers under load, each with its own token and connection (default 32)
  --load-teams <n>        the teams those officers come from (default 8: 4 officers per team race for
                          the same cases)
  --think <ms>[,<ms>…]    mean think time between one officer's requests, uniform on [0, 2 × mean];
                          0 = back to back (saturation). A list runs one measured phase per value, in
                          order; the target is judged on the first (default 250,0)
  --claim-every <n>       each officer calls claim-next after every n queue page reads (default 10)
  --duration <s>          measured seconds (default 30)
  --warmup <s>            warm-up seconds, discarded (default 5)
  --storm-claims <n>      then all officers of two teams claim n times each back to back (default 25; 0 = skip)
  --lead-reads <n>        then n sequential page reads each by a supervisor and by a manager (default 20; 0 = skip)
  --env KEY=VALUE         extra environment for the API, e.g. DATABASE_POOL_SIZE=40 (repeatable)
  --profile               also record the API's SQL round trips, pool waits and a V8 CPU profile of the
                          measured run (slows the API; for finding where time goes, not for the targets)
  --keep-database         leave the database (its name is printed) for investigation; drop it yourself
  --fail-on-targets       exit 2 when a target is missed (default: report only)
  --help
`;

interface Options {
  complaints: number;
  open: number;
  teams: number;
  officersPerTeam: number;
  officers: number;
  loadTeams: number;
  thinkMs: number[];
  claimEvery: number;
  duration: number;
  warmup: number;
  stormClaims: number;
  leadReads: number;
  env: Record<string, string>;
  profile: boolean;
  keepDatabase: boolean;
  failOnTargets: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      complaints: { type: 'string', default: '1000000' },
      open: { type: 'string', default: '200000' },
      teams: { type: 'string', default: '50' },
      'officers-per-team': { type: 'string', default: '10' },
      officers: { type: 'string', default: '32' },
      'load-teams': { type: 'string', default: '8' },
      think: { type: 'string', default: '250,0' },
      'claim-every': { type: 'string', default: '10' },
      duration: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      'storm-claims': { type: 'string', default: '25' },
      'lead-reads': { type: 'string', default: '20' },
      env: { type: 'string', multiple: true, default: [] },
      profile: { type: 'boolean', default: false },
      'keep-database': { type: 'boolean', default: false },
      'fail-on-targets': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const number = (name: string, raw: string, min: number, integer = true) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min} (got "${raw}")`);
    }
    return n;
  };
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--env expects KEY=VALUE (got "${pair}")`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const options: Options = {
    complaints: number('complaints', values.complaints!, 1),
    open: number('open', values.open!, 1),
    teams: number('teams', values.teams!, 1),
    officersPerTeam: number('officers-per-team', values['officers-per-team']!, 1),
    officers: number('officers', values.officers!, 1),
    loadTeams: number('load-teams', values['load-teams']!, 1),
    thinkMs: values.think!.split(',').map((v) => number('think', v.trim(), 0, false)),
    claimEvery: number('claim-every', values['claim-every']!, 1),
    duration: number('duration', values.duration!, 1, false),
    warmup: number('warmup', values.warmup!, 0, false),
    stormClaims: number('storm-claims', values['storm-claims']!, 0),
    leadReads: number('lead-reads', values['lead-reads']!, 0),
    env,
    profile: values.profile!,
    keepDatabase: values['keep-database']!,
    failOnTargets: values['fail-on-targets']!,
  };
  if (options.open > options.complaints) throw new Error('--open cannot exceed --complaints');
  if (options.loadTeams > options.teams) throw new Error('--load-teams cannot exceed --teams');
  if (options.officers > options.loadTeams * options.officersPerTeam) {
    throw new Error(`--officers ${options.officers} is more than the ${options.loadTeams * options.officersPerTeam} officers of ${options.loadTeams} teams`);
  }
  return options;
}


/** Set by SIGINT/SIGTERM: the load stops, the run ends at the next step and prints no report. */
const stop = { stopped: false };
class Interrupted extends Error {}
function checkInterrupted(): void {
  if (stop.stopped) throw new Interrupted('interrupted');
}

interface Latency {
  count: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function latency(values: number[], seconds: number): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: sorted.length / Math.max(seconds, 1e-9),
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

// 409 (at capacity) counts as an error: the seeded capacity is far above what a run can claim.
const EXPECTED: Record<string, number[]> = { page1: [200], page2: [200], claim: [200, 204] };

function unexpected(kind: string, k: KindResult): number {
  return Object.entries(k.status).reduce((sum, [status, n]) => sum + (EXPECTED[kind].includes(Number(status)) ? 0 : n), 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a');
const pct = (n: number) => `${fmt(n * 100, 1)} %`;



/** `count` teams spread evenly over the list (the list starts with the busiest teams). */
function spreadTeams(teams: BenchTeam[], count: number): BenchTeam[] {
  return Array.from({ length: count }, (_, i) => teams[Math.floor((i * teams.length) / count)]);
}

const COMPONENT = { loadGenerator: 'load generator (simulated officers, this process)', server: 'API server (node)' } as const;

interface PhaseReport {
  key: string;
  label: string;
  /** Measured officer phases only. */
  thinkMs?: number;
  load: LoadResult;
  cpu?: CpuUse;
  probe?: ProbeReport;
  database?: Counters;
  profile?: ProfileSummary;
}

async function main(): Promise<number> {
  const options = parseOptions();
  const stamp = timestamp();
  const suffix = randomBytes(4).toString('hex');
  const dbName = `redress_bench_queue_${suffix}`;
  const queuePrefix = `bench-queue-${suffix}`;
  const url = databaseUrl(dbName);
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });

  const cleanup = new Cleanup();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stop.stopped) process.exit(130);
      stop.stopped = true;
      console.error(`\n${signal}: stopping the API${options.keepDatabase ? '' : ` and dropping ${dbName}`} ...`);
      void cleanup.run().finally(() => process.exit(130));
    });
  }

  try {
    const jwtSecret = randomBytes(32).toString('base64url');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      AUTH_JWT_SECRET: jwtSecret,
      LOG_LEVEL,
      ...options.env,
    };
    // The explain step loads the service's entities in this process; they pick their column types from DATABASE_URL.
    process.env.DATABASE_URL = url;

    console.error(`creating database ${dbName}`);
    await createDatabase(dbName);
    cleanup.add('drop database', async () => {
      if (options.keepDatabase) {
        console.error(`kept database ${dbName} (--keep-database): DROP DATABASE ${dbName} when done`);
        return;
      }
      await dropDatabase(dbName);
      console.error(`dropped database ${dbName}`);
    });
    await ensureAutovacuum(cleanup, console.error);
    cleanup.add('delete Redis keys', async () => {
      const n = await deleteRedisKeys(REDIS_URL, queuePrefix);
      console.error(`deleted ${n} Redis keys with prefix ${queuePrefix}:`);
    });

    const migrateStart = performance.now();
    await migrate(url);
    const migrateSeconds = (performance.now() - migrateStart) / 1000;
    checkInterrupted();
    console.error(`migrations: ${fmt(migrateSeconds, 1)} s; seeding ${options.complaints.toLocaleString('en-US')} complaints ...`);
    const seeded = await seed(
      url,
      {
        complaints: options.complaints,
        open: options.open,
        teams: options.teams,
        officersPerTeam: options.officersPerTeam,
        unassignedShare: 0.5,
        capacity: 1000,
        now: new Date(),
      },
      (line) => console.error(line),
    );
    checkInterrupted();
    console.error(`seeded in ${fmt(seeded.totalSeconds, 1)} s`);

    const runner = [...API_NODE_FLAGS, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-r', join(REPO_ROOT, 'bench/profiling/probe.ts')];
    const apiPort = await freePort();
    const probeEnv: NodeJS.ProcessEnv = options.profile
      ? { BENCH_PROBE_PG: '1', BENCH_PROBE_CPU_PROFILE: join(resultsDir, `queue-${stamp}-profiles`) }
      : {};
    const api = new ServerProcess('api', [...runner, 'apps/api/src/main.ts'], { ...env, ...probeEnv, PORT: String(apiPort) }, REPO_ROOT, apiPort);
    cleanup.add('stop the API', () => api.stop());
    console.error('starting the API ...');
    api.start();
    await api.waitReady('/health/ready', 120_000);
    checkInterrupted();

    const teams = benchTeams(options.teams, options.officersPerTeam);
    const loadTeams = spreadTeams(teams, options.loadTeams);
    const token = (sub: string, roles: Array<'officer' | 'supervisor' | 'manager'>, teamCodes: string[]) =>
      signStaffToken(jwtSecret, { sub, roles, teams: teamCodes });
    const officers: VirtualOfficer[] = Array.from({ length: options.officers }, (_, i) => {
      const team = loadTeams[i % loadTeams.length];
      const id = team.officers[Math.floor(i / loadTeams.length)];
      return { id, team: team.code, token: token(id, ['officer'], [team.code]) };
    });

    // One request first: a misconfiguration shows as one clear error, not thousands.
    const smoke = await getJson(apiPort, '/v1/queue', officers[0].token);
    const items = typeof smoke.body === 'object' ? smoke.body.items : undefined;
    if (smoke.status !== 200 || !Array.isArray(items) || items.length === 0) {
      throw new Error(`GET /v1/queue answered the smoke request with ${smoke.status}: ${JSON.stringify(smoke.body).slice(0, 1000)}`);
    }
    const pageSize = items.length;

    console.error('explaining the queue statements ...');
    const explained = await explainStatements(url, loadTeams[0], loadTeams[1 % loadTeams.length], officers[0]);
    checkInterrupted();

    const phases: PhaseReport[] = [];
    let requestFailures = false;
    const loadOptions = { port: apiPort, officers, claimEvery: options.claimEvery, scopes: SCOPES, signal: stop };
    if (options.warmup > 0) {
      console.error(`warm-up: ${options.officers} officers for ${options.warmup} s ...`);
      const warm = await runOfficers({ ...loadOptions, thinkMs: options.thinkMs[0], seconds: options.warmup });
      checkInterrupted();
      phases.push({ key: 'warmup', label: 'warm-up (discarded)', load: warm });
      if (failures(warm)) requestFailures = true;
    }
    for (const thinkMs of options.thinkMs) {
      if (requestFailures) break;
      await sleep(1000);
      console.error(`measuring: ${options.officers} officers, think time ${thinkMs} ms, for ${options.duration} s ...`);
      await api.probe('start');
      const pids = { [COMPONENT.loadGenerator]: process.pid, [COMPONENT.server]: api.pid };
      const countersBefore = await databaseCounters(dbName);
      const cpuBefore = cpuSnapshot(pids, dbName);
      const load = await runOfficers({ ...loadOptions, thinkMs, seconds: options.duration });
      checkInterrupted();
      const cpu = cpuUse(cpuBefore, cpuSnapshot(pids, dbName));
      const probe = await api.probe('stop', `queue-think-${thinkMs}`);
      await sleep(1000);
      const database = diffCounters(countersBefore, await databaseCounters(dbName));
      const profile = probe.cpuProfile ? summariseProfile(probe.cpuProfile) : undefined;
      phases.push({ key: `think-${thinkMs}`, label: thinkLabel(thinkMs), thinkMs, load, cpu, probe, database, profile });
      if (failures(load)) requestFailures = true;
    }

    if (!requestFailures && options.stormClaims > 0) {
      const stormTeams = loadTeams.slice(0, Math.min(2, loadTeams.length));
      const stormOfficers = stormTeams.flatMap((t) => t.officers.map((id) => ({ id, team: t.code, token: token(id, ['officer'], [t.code]) })));
      console.error(`claim storm: ${stormOfficers.length} officers of ${stormTeams.map((t) => t.code).join(', ')}, ${options.stormClaims} claims each back to back ...`);
      const pids = { [COMPONENT.loadGenerator]: process.pid, [COMPONENT.server]: api.pid };
      const cpuBefore = cpuSnapshot(pids, dbName);
      const storm = await runClaimStorm(apiPort, stormOfficers, options.stormClaims, stop);
      checkInterrupted();
      phases.push({ key: 'storm', label: `claim storm (${stormOfficers.length} officers of ${stormTeams.length} teams, no think time)`, load: storm, cpu: cpuUse(cpuBefore, cpuSnapshot(pids, dbName)) });
      if (failures(storm)) requestFailures = true;
    }

    const leads: Array<{ label: string; path: string; result: KindResult & { socketErrors: string[] } }> = [];
    if (!requestFailures && options.leadReads > 0) {
      const team = loadTeams[0];
      const views = [
        { label: `supervisor of ${team.code}, \`GET /v1/queue\``, path: '/v1/queue', token: token(team.supervisor, ['supervisor'], [team.code]) },
        { label: 'manager, `GET /v1/queue` (every open case)', path: '/v1/queue', token: token('manager-bench', ['manager'], []) },
        { label: `manager, \`GET /v1/queue?team=${team.code}\``, path: `/v1/queue?team=${encodeURIComponent(team.code)}`, token: token('manager-bench', ['manager'], []) },
      ];
      for (const view of views) {
        console.error(`sequential reads: ${view.label} × ${options.leadReads} ...`);
        const result = await runSequentialPages(apiPort, view.token, view.path, options.leadReads, stop);
        checkInterrupted();
        leads.push({ label: view.label, path: view.path, result });
        if (result.socketErrors.length || Object.keys(result.status).some((s) => s !== '200')) requestFailures = true;
      }
    }

    // Warm-up claims too: they are in the database like the others.
    const claims = phases.flatMap((p) => p.load.claims);
    const verification = await verifyClaims(url, claims);
    const pg = await serverInfo();
    const report = buildReport({ options, dbName, seeded, migrateSeconds, phases, leads, verification, explained, pg, officers, pageSize });
    console.log(report.markdown);
    const jsonFile = join(resultsDir, `queue-${stamp}.json`);
    writeFileSync(jsonFile, JSON.stringify(report.json, null, 2));
    console.error(`results: ${relative(REPO_ROOT, jsonFile)}`);

    for (const phase of phases) if (failures(phase.load)) console.error(describeFailures(phase));
    for (const lead of leads) for (const f of lead.result.failures) console.error(`${lead.label}: ${f.status} ${f.body}`);
    if (requestFailures) {
      console.error('FAILED: requests errored or were answered with an unexpected status (see above)');
      return 1;
    }
    if (verification.doubleClaims > 0) {
      console.error(`FAILED: ${verification.doubleClaims} complaints were claimed twice`);
      return 1;
    }
    if (options.failOnTargets && !report.pass) return 2;
    return 0;
  } catch (error) {
    if (stop.stopped || error instanceof Interrupted) return 130;
    console.error(`benchmark failed: ${(error as Error).stack ?? error}`);
    return 1;
  } finally {
    await cleanup.run();
  }
}

function getJson(port: number, path: string, token: string): Promise<{ status: number; body: { items?: unknown[] } | string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` }, timeout: 10_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolvePromise({ status: res.statusCode ?? 0, body: JSON.parse(text) as { items?: unknown[] } });
        } catch {
          resolvePromise({ status: res.statusCode ?? 0, body: text.slice(0, 1000) });
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** The service's own statements for an officer, a supervisor and a manager, and claim-next's, under EXPLAIN (ANALYZE, BUFFERS). */
async function explainStatements(url: string, team: BenchTeam, other: BenchTeam, officer: VirtualOfficer): Promise<ExplainedStatement[]> {
  const { explainQueue } = await import('./lib/queue-explain');
  const staff = (id: string, roles: Array<'officer' | 'supervisor' | 'manager'>, teamCodes: string[]) => ({ kind: 'staff' as const, id, roles, teams: teamCodes });
  return explainQueue(
    url,
    [
      { label: `officer ${officer.id}, scope=all`, principal: staff(officer.id, ['officer'], [officer.team]), query: {}, page2: true },
      // Nobody in the seeded data has two teams; the page reads one range per team, so this shows how they combine.
      { label: `officer ${officer.id} if also in ${other.code}, scope=all`, principal: staff(officer.id, ['officer'], [officer.team, other.code]), query: {} },
      { label: `supervisor of ${team.code}`, principal: staff(team.supervisor, ['supervisor'], [team.code]), query: {} },
      { label: 'manager, every open case', principal: staff('manager-bench', ['manager'], []), query: {} },
    ],
    staff(officer.id, ['officer'], [officer.team]),
  );
}

function thinkLabel(thinkMs: number): string {
  return thinkMs > 0 ? `think time mean ${thinkMs} ms` : 'no think time (saturation)';
}

function failures(load: LoadResult): boolean {
  return unexpected('page1', load.byKind.page1) + unexpected('page2', load.byKind.page2) + unexpected('claim', load.byKind.claim) + load.socketErrorCount > 0;
}

function describeFailures(phase: PhaseReport): string {
  const l = phase.load;
  const lines = [`${phase.label}: ${l.socketErrorCount} socket errors; status codes ${JSON.stringify(Object.fromEntries(Object.entries(l.byKind).map(([k, v]) => [k, v.status])))}`];
  for (const [kind, k] of Object.entries(l.byKind)) for (const f of k.failures) lines.push(`  ${kind} ${f.status}: ${f.body}`);
  for (const m of l.socketErrors) lines.push(`  error: ${m}`);
  return lines.join('\n');
}

interface ReportInput {
  options: Options;
  dbName: string;
  seeded: SeedReport;
  migrateSeconds: number;
  phases: PhaseReport[];
  leads: Array<{ label: string; path: string; result: KindResult & { socketErrors: string[] } }>;
  verification: ClaimVerification;
  explained: ExplainedStatement[];
  pg: { version: string; settings: Record<string, string> };
  officers: VirtualOfficer[];
  pageSize: number;
}

interface PhaseLatency {
  page1: Latency;
  page2: Latency;
  queue: Latency;
  claim: Latency;
}

function phaseLatency(p: PhaseReport): PhaseLatency {
  const k = p.load.byKind;
  const seconds = p.load.seconds;
  return {
    page1: latency(k.page1.latencies, seconds),
    page2: latency(k.page2.latencies, seconds),
    queue: latency([...k.page1.latencies, ...k.page2.latencies], seconds),
    claim: latency(k.claim.latencies, seconds),
  };
}

function buildReport(input: ReportInput): { markdown: string; json: object; pass: boolean } {
  const { options, seeded, phases, verification, pg } = input;
  const measuredPhases = phases.filter((p) => p.thinkMs !== undefined);
  const primary = measuredPhases[0];
  const storm = phases.find((p) => p.key === 'storm');
  const cpu = cpus();
  const machine = {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cpuCount: cpu.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: pg.version,
    postgresSettings: pg.settings,
  };
  const latencies = new Map(measuredPhases.map((p) => [p.key, phaseLatency(p)]));
  const primaryLatency = primary ? latencies.get(primary.key) : undefined;
  const stormLatency = storm ? latency(storm.load.byKind.claim.latencies, storm.load.seconds) : undefined;
  const queueP99 = primaryLatency?.queue.p99 ?? NaN;
  const p99Pass = queueP99 <= TARGETS.maxQueueP99Ms;
  const claimsPass = verification.doubleClaims <= TARGETS.maxDoubleClaims;
  const teamsUnderLoad = [...new Set(input.officers.map((o) => o.team))];
  const poolSize = options.env.DATABASE_POOL_SIZE ?? process.env.DATABASE_POOL_SIZE ?? '20 (service default)';
  const requestsOf = (p: PhaseReport) => {
    const l = latencies.get(p.key);
    return Math.max(1, (l?.queue.count ?? 0) + (l?.claim.count ?? 0));
  };

  const lines: string[] = [];
  lines.push(`## Redress queue benchmark — ${new Date().toISOString()}`);
  lines.push('');
  if (options.profile) {
    lines.push('**--profile was on: SQL timing and the V8 profiler slow the API; use these numbers for where time goes, not for the targets.**');
    lines.push('');
  }
  lines.push(
    `- Machine: ${machine.cpuModel} × ${machine.cpuCount} cores, ${machine.memoryGiB} GiB RAM · Node ${machine.node} · ${pg.version.split(',')[0]}` +
      ` (shared_buffers=${pg.settings.shared_buffers}, synchronous_commit=${pg.settings.synchronous_commit}, autovacuum on for the run).`,
  );
  const c = seeded.counts;
  lines.push(
    `- Data: ${c.complaints.toLocaleString('en-US')} complaints (${c.open.toLocaleString('en-US')} open, of which ${c.openUnassigned.toLocaleString('en-US')} unassigned, ` +
      `${c.openBreached.toLocaleString('en-US')} breached, ${c.openNoDueDate.toLocaleString('en-US')} with no due time (awaiting the customer); ` +
      `${c.closedOrResolved.toLocaleString('en-US')} closed or resolved), ${c.teams} teams, ${c.staff} staff (${options.teams * options.officersPerTeam} officers, ` +
      `a supervisor per team, a manager). Unassigned open cases per team ${c.openUnassignedPerTeam.min}–${c.openUnassignedPerTeam.max} (median ${c.openUnassignedPerTeam.median}); ` +
      `open cases per officer ${c.openPerOfficer.min}–${c.openPerOfficer.max} (median ${c.openPerOfficer.median}). ` +
      `Table ${seeded.sizes['complaints (heap + TOAST)']}, its indexes ${seeded.sizes['complaints indexes']}.`,
  );
  lines.push(
    `- Seeding: **${fmt(seeded.totalSeconds, 1)} s** (${Object.entries(seeded.steps).filter(([k]) => k !== 'total').map(([k, v]) => `${k} ${fmt(v, 1)} s`).join('; ')}), after the migrations (${fmt(input.migrateSeconds, 1)} s).`,
  );
  lines.push(
    `- Load: ${options.officers} simulated officers from ${teamsUnderLoad.length} teams (${teamsUnderLoad.join(', ')}), each with its own JWT and keep-alive connection, ` +
      `closed loop: page 1 of \`GET /v1/queue\` (scope cycling ${[...new Set(SCOPES)].map((s) => `${s} ${SCOPES.filter((x) => x === s).length}/${SCOPES.length}`).join(', ')}; ` +
      `default page size, ${input.pageSize} items), then page 2 from its \`nextCursor\`, and \`POST /v1/queue/claim-next\` after every ${options.claimEvery} page reads; ` +
      `a think time between one officer's requests, uniform on [0, 2 × mean]. ${options.warmup} s warm-up (discarded), then ${options.duration} s measured per think time ` +
      `(${options.thinkMs.map((t) => `${t} ms`).join(', then ')}); the target is judged on the first. ` +
      'Latency is from sending the request to the last byte of the answer. The load generator runs in this process, on the same cores as the API, PostgreSQL and Redis.',
  );
  lines.push(
    `- API: one Node process (ts-node transpile-only, ${API_NODE_FLAGS.join(' ')} as in production), NODE_ENV=production, LOG_LEVEL=${LOG_LEVEL}, DB pool ${poolSize}.` +
      (Object.keys(options.env).length ? ` Extra env: ${Object.entries(options.env).map(([k, v]) => `${k}=${v}`).join(' ')}.` : ''),
  );
  lines.push('');
  lines.push('| request | load | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors |');
  lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|');
  const row = (label: string, load: string, l: Latency, errors: number, perSecond = true) =>
    lines.push(
      `| ${label} | ${load} | ${l.count.toLocaleString('en-US')} | ${perSecond ? fmt(l.perSecond) : ''} | ${fmt(l.p50)} | ${fmt(l.p90)} | ${fmt(l.p99)} | ${fmt(l.max)} | ${errors} |`,
    );
  for (const p of measuredPhases) {
    const l = latencies.get(p.key)!;
    const k = p.load.byKind;
    const load = `${options.officers} officers, ${p.label}`;
    row('`GET /v1/queue` page 1', load, l.page1, unexpected('page1', k.page1));
    row('`GET /v1/queue` page 2 (`cursor`)', load, l.page2, unexpected('page2', k.page2));
    row(p === primary ? '**`GET /v1/queue`, all pages**' : '`GET /v1/queue`, all pages', load, l.queue, unexpected('page1', k.page1) + unexpected('page2', k.page2));
    row('`POST /v1/queue/claim-next`', load, l.claim, unexpected('claim', k.claim));
  }
  if (storm && stormLatency) row('`POST /v1/queue/claim-next`', storm.label, stormLatency, unexpected('claim', storm.load.byKind.claim));
  for (const lead of input.leads) {
    row(lead.label, 'one request at a time, no other load', latency(lead.result.latencies, 1), lead.result.failures.length + lead.result.socketErrors.length, false);
  }
  lines.push('');
  lines.push('| target | measured | result |');
  lines.push('|---|--:|:-:|');
  lines.push(
    `| \`GET /v1/queue\` p99 ≤ ${TARGETS.maxQueueP99Ms} ms, ${options.officers} concurrent officers (${primary ? primary.label : 'not run'}) | ${fmt(queueP99)} ms | ${p99Pass ? 'MET' : 'MISSED'} |`,
  );
  lines.push(`| double claims = 0 | ${verification.doubleClaims} | ${claimsPass ? 'MET' : 'MISSED'} |`);
  lines.push('');
  const claimParts = [...measuredPhases, ...(storm ? [storm] : [])].map(
    (p) => `${p.key}: ${p.load.claims.length} claimed, ${p.load.claimEmpty} × 204 nothing to claim, ${p.load.claimAtCapacity} × 409 at capacity`,
  );
  lines.push(
    `Claims: ${verification.responses} answered 200 across warm-up, measured runs and storm (${claimParts.join('; ')}). ` +
      `Same id answered twice: ${verification.duplicateResponses.length}; complaints with two "claim" events in the audit trail: ${verification.duplicateEvents.length}; ` +
      `claim events ${verification.claimEvents} (answers without their event ${verification.answersWithoutEvent}, events nobody was answered ${verification.eventsWithoutAnswer}); ` +
      `claimed complaints whose assignee is not the officer told so: ${verification.assigneeMismatches}.`,
  );
  const overlaps = measuredPhases.reduce((n, p) => n + p.load.pageOverlaps, 0);
  const violations = measuredPhases.reduce((n, p) => n + p.load.pageOrderViolations, 0);
  lines.push(`Paging: ${overlaps} cases listed on both page 1 and the page 2 after it, ${violations} page-2 cases sorting before page 1's last (both must be 0).`);

  const withCpu = measuredPhases.filter((p) => p.cpu);
  if (withCpu.length) {
    const names = [COMPONENT.loadGenerator, COMPONENT.server, POSTGRES_BENCH, POSTGRES_BACKGROUND, REDIS_COMPONENT];
    const other = (p: PhaseReport) => (p.cpu!.cores['machine (all processes)'] ?? 0) - names.reduce((sum, n) => sum + (p.cpu!.cores[n] ?? 0), 0);
    lines.push('');
    lines.push(`CPU during the measured runs (cores in use on average; the machine has ${machine.cpuCount}):`);
    lines.push('');
    lines.push(`| component | ${withCpu.map((p) => p.label).join(' | ')} |`);
    lines.push(`|---|${withCpu.map(() => '--:').join('|')}|`);
    for (const n of names) lines.push(`| ${n} | ${withCpu.map((p) => fmt(p.cpu!.cores[n] ?? 0, 2)).join(' | ')} |`);
    lines.push(`| everything else on the machine | ${withCpu.map((p) => fmt(other(p), 2)).join(' | ')} |`);
    lines.push(`| machine total | ${withCpu.map((p) => fmt(p.cpu!.cores['machine (all processes)'] ?? 0, 2)).join(' | ')} |`);
    lines.push(
      `| API CPU ms per request | ${withCpu.map((p) => fmt(((p.cpu!.cores[COMPONENT.server] ?? 0) * p.cpu!.wallSeconds * 1000) / requestsOf(p), 2)).join(' | ')} |`,
    );
    lines.push(
      `| PostgreSQL CPU ms per request | ${withCpu.map((p) => fmt((((p.cpu!.cores[POSTGRES_BENCH] ?? 0) + (p.cpu!.cores[POSTGRES_BACKGROUND] ?? 0)) * p.cpu!.wallSeconds * 1000) / requestsOf(p), 2)).join(' | ')} |`,
    );
    lines.push(`| API event-loop utilisation | ${withCpu.map((p) => (p.probe ? pct(p.probe.eventLoopUtilization) : '')).join(' | ')} |`);
    lines.push(
      `| API event-loop delay p99 / max ms | ${withCpu.map((p) => (p.probe ? `${fmt(p.probe.eventLoopDelayMs.p99, 0)} / ${fmt(p.probe.eventLoopDelayMs.max, 0)}` : '')).join(' | ')} |`,
    );
    lines.push(`| API GC pauses: total s / longest ms | ${withCpu.map((p) => (p.probe ? `${fmt(p.probe.gc.totalMs / 1000, 2)} / ${fmt(p.probe.gc.maxMs, 0)}` : '')).join(' | ')} |`);
    lines.push(
      `| PostgreSQL: commits / buffer hits / blocks read | ${withCpu.map((p) => (p.database ? `${p.database.xact_commit} / ${p.database.blks_hit} / ${p.database.blks_read}` : '')).join(' | ')} |`,
    );
    const disturbed = withCpu.filter((p) => other(p) > 0.15);
    if (disturbed.length) {
      lines.push('');
      lines.push(
        `**Warning: other processes used CPU during ${disturbed.map((p) => `${p.label} (${fmt(other(p), 2)} cores)`).join(', ')}; those numbers are disturbed. Re-run on a quiet machine.**`,
      );
    }
  }

  const probe = primary?.probe;
  if (primary && probe?.statements && Object.keys(probe.statements).length) {
    const requests = requestsOf(primary);
    lines.push('');
    lines.push(`SQL round trips during the ${primary.label} run (client-side time in the API, includes waiting for its busy event loop):`);
    lines.push('');
    lines.push('| statement | per request | mean ms | max ms | total s | rows per call |');
    lines.push('|---|--:|--:|--:|--:|--:|');
    for (const [sql, t] of Object.entries(probe.statements).sort((a, b) => b[1].totalMs - a[1].totalMs).slice(0, 20)) {
      lines.push(
        `| \`${sql.replace(/\|/g, '\\|')}\` | ${fmt(t.count / requests, 2)} | ${fmt(t.totalMs / t.count, 2)} | ${fmt(t.maxMs, 1)} | ${fmt(t.totalMs / 1000, 1)} | ${fmt((t.rows ?? 0) / t.count, 1)} |`,
      );
    }
    if (probe.poolWait) {
      lines.push(
        `| waiting for a pooled connection | ${fmt(probe.poolWait.count / requests, 2)} | ${fmt(probe.poolWait.totalMs / Math.max(1, probe.poolWait.count), 2)} | ${fmt(probe.poolWait.maxMs, 1)} | ${fmt(probe.poolWait.totalMs / 1000, 1)} | |`,
      );
    }
  }
  const profile = primary?.profile;
  if (primary?.cpu && profile && probe?.cpuProfile) {
    const perRequestMs = ((primary.cpu.cores[COMPONENT.server] ?? 0) * primary.cpu.wallSeconds * 1000) / requestsOf(primary);
    lines.push('');
    lines.push(`CPU profile of the API during the ${primary.label} run (${fmt(profile.totalMs / 1000, 1)} s sampled; ${relative(REPO_ROOT, probe.cpuProfile)}):`);
    lines.push('');
    lines.push(`| stage (each sample counted once) | share | ≈ ms CPU per request (of ${fmt(perRequestMs, 2)}) |`);
    lines.push('|---|--:|--:|');
    for (const [stage, ms] of profile.stages) lines.push(`| ${stage} | ${pct(ms / profile.totalMs)} | ${fmt((ms / profile.totalMs) * perRequestMs, 2)} |`);
    lines.push('');
    lines.push('| function | self % |');
    lines.push('|---|--:|');
    for (const [f, ms] of profile.topSelf.slice(0, 15)) lines.push(`| \`${f.replace(/\|/g, '\\|')}\` | ${pct(ms / profile.totalMs)} |`);
  }

  if (input.explained.length) {
    lines.push('');
    lines.push("The queue service's statements on this data, by EXPLAIN (ANALYZE, BUFFERS), run outside the load (plans in the JSON and below):");
    lines.push('');
    lines.push('| statement | plan | execution ms | planning ms | buffers hit/read |');
    lines.push('|---|---|--:|--:|--:|');
    for (const s of input.explained) {
      lines.push(`| ${s.label} | ${planSummary(s.plan)} | ${fmt(s.executionMs, 2)} | ${fmt(s.planningMs, 2)} | ${s.sharedHit}/${s.sharedRead} |`);
    }
    lines.push('');
    lines.push('<details><summary>Plans</summary>');
    lines.push('');
    for (const s of input.explained) {
      lines.push(`**${s.label}**`);
      lines.push('');
      lines.push('```');
      lines.push(s.plan);
      lines.push('```');
    }
    lines.push('</details>');
  }

  const json = {
    at: new Date().toISOString(),
    command: `npm run bench:queue -- ${process.argv.slice(2).join(' ')}`.trim(),
    database: input.dbName,
    machine,
    options,
    seeding: { migrateSeconds: input.migrateSeconds, ...seeded },
    targets: { ...TARGETS, judgedOn: primary?.label, queueP99Ms: queueP99, p99Pass, doubleClaims: verification.doubleClaims, claimsPass },
    latencyMs: {
      ...Object.fromEntries(latencies),
      storm: stormLatency,
      leads: input.leads.map((l) => ({ label: l.label, path: l.path, ...latency(l.result.latencies, 1) })),
    },
    phases: phases.map((p) => ({
      key: p.key,
      label: p.label,
      thinkMs: p.thinkMs,
      seconds: p.load.seconds,
      status: Object.fromEntries(Object.entries(p.load.byKind).map(([k, v]) => [k, v.status])),
      scopes: p.load.scopes,
      claims: p.load.claims.length,
      claimEmpty: p.load.claimEmpty,
      claimAtCapacity: p.load.claimAtCapacity,
      pageOverlaps: p.load.pageOverlaps,
      pageOrderViolations: p.load.pageOrderViolations,
      socketErrors: p.load.socketErrors,
      cpu: p.cpu,
      probe: p.probe,
      database: p.database,
      profile: p.profile,
    })),
    verification,
    explained: input.explained,
  };
  return { markdown: lines.join('\n'), json, pass: p99Pass && claimsPass };
}

/** The plan's nodes, top to bottom, on one line: "Limit ← Index Scan using ix_…". */
function planSummary(plan: string): string {
  return plan
    .split('\n')
    .filter((l) => l.includes('(cost='))
    .map((l) => l.replace(/\s+\(cost=.*$/, '').replace(/^\s*->\s*/, '').replace(/ on complaints c$/, '').trim())
    .join(' ← ')
    .replace(/\|/g, '\\|');
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
