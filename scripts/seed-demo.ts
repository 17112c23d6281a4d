/**
 * npm run seed:demo [-- --count N] [-- --seed N]   ~300 generated complaints over the last 60 days
 * npm run seed:demo -- <cfpb.csv> [--limit N]      real complaints from a CFPB export instead
 *
 * Every complaint goes through IntakeService.submit, as an integration client would submit it,
 * so references, priority, duplicate marking, routing and SLA clocks are set exactly as at real
 * intake (a running worker then raises the alerts those clocks owe). Each body
 * is validated first with the API's rules; invalid ones are counted and reported, never fatal.
 * externalRef makes a re-run idempotent: a 409 means "already seeded" and is counted as skipped.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Principal } from '@redress/auth';
import { CaseworkModule, IntakeService } from '@redress/casework';
import { CreateComplaintDto } from '@redress/complaints';
import { ConfigModule, generateSecret } from '@redress/config';
import { DatabaseModule } from '@redress/database';
import { CHANNELS, PRIORITY_LEVELS, PriorityLevel } from '@redress/domain';
import { FieldError, flattenValidationErrors, ProblemException } from '@redress/http';
import { MetricsModule, preflight } from '@redress/observability';
import { QueueModule } from '@redress/queue';
import { plainToInstance } from 'class-transformer';
import { useContainer, validate } from 'class-validator';
import { readFileSync } from 'node:fs';
import { CfpbFormatError, readCfpbExport } from '../libs/complaints/src/seed/cfpb-import';
import { DEFAULT_DEMO_COUNT, DEFAULT_DEMO_DAYS, DEFAULT_DEMO_SEED, generateDemoComplaints } from '../libs/complaints/src/seed/demo-generator';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, MetricsModule, CaseworkModule] })
class SeedModule {}

const PRINCIPAL: Principal = { kind: 'integration', id: 'demo-seed', roles: ['integration'], teams: [] };
const USAGE = 'usage: npm run seed:demo [-- --count N --seed N]  |  npm run seed:demo -- <cfpb-export.csv> [--limit N]';
const SHOW_PROBLEMS = 5;
/** This many failures in a row (not validation, not 409) means the database is gone: stop. */
const MAX_CONSECUTIVE_FAILURES = 20;

interface Args {
  file?: string;
  count: number;
  seed: number;
  limit?: number;
}

interface WorkItem {
  label: string;
  body: object;
  channel: string;
}

function fail(message: string): never {
  console.error(`seed:demo: ${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { count: DEFAULT_DEMO_COUNT, seed: DEFAULT_DEMO_SEED };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const raw = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (!['count', 'seed', 'limit'].includes(name)) fail(`unknown option --${name}\n${USAGE}`);
      const value = Number(raw);
      const min = name === 'seed' ? 0 : 1;
      if (raw === undefined || raw === '' || !Number.isInteger(value) || value < min || value > 0xffffffff) {
        fail(`--${name} needs a whole number${min ? ' ≥ 1' : ''} (got ${raw === undefined ? 'nothing' : `"${raw}"`})`);
      }
      seen.add(name);
      if (name === 'count') args.count = value;
      else if (name === 'seed') args.seed = value;
      else args.limit = value;
    } else if (args.file === undefined) {
      args.file = arg;
    } else {
      fail(`one file at a time (got "${args.file}" and "${arg}")\n${USAGE}`);
    }
  }
  if (args.file !== undefined && (seen.has('count') || seen.has('seed'))) fail('--count and --seed apply to generated data; use --limit with a file');
  if (args.file === undefined && seen.has('limit')) fail('--limit applies to a CFPB file; use --count for generated data');
  return args;
}

/** The work list, built before anything connects, so a bad file fails fast with one line. */
function loadWork(args: Args): { title: string; items: WorkItem[]; unmapped: string[]; rows: number } {
  if (args.file === undefined) {
    const demo = generateDemoComplaints({ count: args.count, seed: args.seed, now: new Date() });
    return {
      title: `${args.count} generated demo complaints over the last ${DEFAULT_DEMO_DAYS} days (seed ${args.seed})`,
      items: demo.map((d) => ({ label: d.body.externalRef ?? '?', body: d.body, channel: d.body.channel })),
      unmapped: [],
      rows: demo.length,
    };
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.code === 'EACCES' ? 'permission denied' : e.message;
    fail(`cannot read ${args.file}: ${reason}`);
  }
  let parsed: ReturnType<typeof readCfpbExport>;
  try {
    parsed = readCfpbExport(text, args.limit);
  } catch (error) {
    if (error instanceof CfpbFormatError) fail(`${args.file}: ${error.message}`);
    throw error;
  }
  return {
    title: `CFPB complaints from ${args.file} (${parsed.rows} rows${args.limit !== undefined ? `, --limit ${args.limit}` : ''})`,
    items: parsed.items.map((item) => ({ label: `line ${item.line} (Complaint ID ${item.complaintId})`, body: item.body, channel: item.body.channel })),
    unmapped: parsed.problems.map((p) => `line ${p.line}${p.complaintId ? ` (Complaint ID ${p.complaintId})` : ''}: ${p.problem}`),
    rows: parsed.rows,
  };
}

/** The API's validation pipe, minus HTTP: whitelisting, unknown fields refused, every field checked. */
async function validateBody(body: object): Promise<{ dto: CreateComplaintDto; errors: FieldError[] }> {
  const dto = plainToInstance(CreateComplaintDto, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { dto, errors: flattenValidationErrors(errors) };
}

function pad(value: string | number, width: number, left = false): string {
  const s = String(value);
  return left ? s.padEnd(width) : s.padStart(width);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const work = loadWork(args);

  // Seeding signs no tokens, but the configuration insists on a secret.
  if (!process.env.AUTH_JWT_SECRET) process.env.AUTH_JWT_SECRET = generateSecret();
  await preflight();

  const started = Date.now();
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  // NotInFuture needs the injected Clock, as in the API.
  useContainer(app.select(SeedModule), { fallbackOnErrors: true });
  const complaints = app.get(IntakeService);

  console.log(`Seeding ${work.title}`);
  const byChannel = new Map<string, { created: number; skipped: number; invalid: number; failed: number }>(
    CHANNELS.map((c) => [c, { created: 0, skipped: 0, invalid: 0, failed: 0 }]),
  );
  const row = (channel: string) => {
    let r = byChannel.get(channel);
    if (!r) byChannel.set(channel, (r = { created: 0, skipped: 0, invalid: 0, failed: 0 }));
    return r;
  };
  const invalidExamples = [...work.unmapped];
  let invalid = work.unmapped.length;
  const failures: string[] = [];
  let failed = 0;
  let consecutiveFailures = 0;
  let created = 0;
  let skipped = 0;
  let duplicates = 0;
  const priorities = new Map<PriorityLevel, number>(PRIORITY_LEVELS.map((p) => [p, 0]));
  const loopStarted = Date.now();
  const progressEvery = work.items.length >= 2000 ? 1000 : 0;

  for (const [n, item] of work.items.entries()) {
    if (progressEvery && n > 0 && n % progressEvery === 0) {
      console.log(`  ${n}/${work.items.length} (${((Date.now() - loopStarted) / 1000).toFixed(1)} s)`);
    }
    const { dto, errors } = await validateBody(item.body);
    if (errors.length) {
      invalid++;
      row(item.channel).invalid++;
      invalidExamples.push(`${item.label}: ${errors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ')}`);
      continue;
    }
    try {
      const result = await complaints.submit(PRINCIPAL, dto);
      consecutiveFailures = 0;
      created++;
      row(item.channel).created++;
      const level = result.body.priority.level;
      priorities.set(level, (priorities.get(level) ?? 0) + 1);
      if (result.body.possibleDuplicateOf) duplicates++;
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 409) {
        consecutiveFailures = 0;
        skipped++;
        row(item.channel).skipped++;
        continue;
      }
      failed++;
      consecutiveFailures++;
      row(item.channel).failed++;
      failures.push(`${item.label}: ${(error as Error).message}`);
      if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
        console.error(`seed:demo: stopping after ${MAX_CONSECUTIVE_FAILURES} failures in a row; last: ${(error as Error).message}`);
        break;
      }
    }
  }
  const loopSeconds = (Date.now() - loopStarted) / 1000;
  await app.close();

  const channels = [...byChannel.entries()].filter(([, r]) => r.created + r.skipped + r.invalid + r.failed > 0);
  const showFailed = failed > 0;
  console.log('');
  console.log(`${pad('channel', 20, true)}${pad('created', 9)}${pad('skipped', 9)}${pad('invalid', 9)}${showFailed ? pad('failed', 9) : ''}`);
  for (const [channel, r] of channels) {
    console.log(`  ${pad(channel, 18, true)}${pad(r.created, 9)}${pad(r.skipped, 9)}${pad(r.invalid, 9)}${showFailed ? pad(r.failed, 9) : ''}`);
  }
  const unmappedNote = work.unmapped.length ? ` (${work.unmapped.length} could not be mapped)` : '';
  console.log(`  ${pad('total', 18, true)}${pad(created, 9)}${pad(skipped, 9)}${pad(invalid, 9)}${showFailed ? pad(failed, 9) : ''}`);
  console.log('');
  console.log(`created ${created}, skipped ${skipped} (already present), invalid ${invalid}${unmappedNote}${showFailed ? `, failed ${failed}` : ''}`);
  if (created > 0) {
    console.log(
      `priority of the created: ${PRIORITY_LEVELS.map((p) => `${p} ${priorities.get(p)}`).join(', ')}; marked as possible duplicates: ${duplicates}`,
    );
  }
  for (const line of invalidExamples.slice(0, SHOW_PROBLEMS)) console.log(`  invalid ${line}`);
  if (invalidExamples.length > SHOW_PROBLEMS) console.log(`  … and ${invalidExamples.length - SHOW_PROBLEMS} more invalid`);
  for (const line of failures.slice(0, SHOW_PROBLEMS)) console.log(`  failed ${line}`);
  const total = (Date.now() - started) / 1000;
  const rate = loopSeconds > 0 ? Math.round((created + skipped) / loopSeconds) : 0;
  console.log(`done in ${total.toFixed(1)} s (submitting: ${loopSeconds.toFixed(1)} s, ${rate}/s)`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  fail(error.message);
});

