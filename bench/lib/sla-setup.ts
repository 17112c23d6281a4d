import { signStaffToken } from '@redress/auth';
import {
  appendAuditEvent,
  assessPriority,
  type BusinessCalendar,
  type Channel,
  detectLanguage,
  encodeClock,
  fingerprint,
  formatReference,
  PRIORITY_RANK,
  type SlaPolicy,
  startClock,
  summarizeClock,
} from '@redress/domain';
import { byteaText, packUint32 } from '@redress/database';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ALWAYS_OPEN_CALENDAR_ID, BUILTIN_CALENDARS } from '../../libs/sla/src/builtins';
import { buildCalendar, rollingYears } from '../../libs/sla/src/calendar-definition';
import type { ComplaintFactory } from './complaints';
import { httpPost } from './processes';

/**
 * Setting up the SLA benchmark: the team, officer-less supervisor and SLA policy through the API
 * (the normal admin path), complaints in bulk by SQL with clocks built by the domain functions,
 * a few through HTTP intake, and, independently of the service, the alerts each one is owed.
 */

export const MILESTONE = 'final_response';
/** The policy states no warnAt, so the default applies: 50 % and 75 % of the allowance. */
export const WARN_FRACTIONS = [0.5, 0.75] as const;

export interface BenchPolicy {
  code: string;
  category: string;
  teamCode: string;
  supervisorId: string;
  allowanceMs: number;
  /** As the API stored it (sla_policies.definition); the clocks embed exactly this. */
  definition: SlaPolicy;
}

/** One alert a complaint is owed: the key the service uses and the instant it must fire. */
export interface ExpectedAlert {
  complaintId: string;
  key: string;
  thresholdMs: number;
  source: 'bulk' | 'http';
}

export const alertId = (complaintId: string, key: string) => `${complaintId}|${key}`;

/**
 * What the policy owes a complaint received at `receivedMs`, strictly after `afterMs`: computed
 * from the policy's words (one calendar-counted milestone on a 24×7 UTC calendar, warnings at 50 %
 * and 75 %, the breach at 100 %, no escalation ladder), not by the service's domain code.
 */
export function expectedAlerts(complaintId: string, receivedMs: number, allowanceMs: number, afterMs: number, source: ExpectedAlert['source']): ExpectedAlert[] {
  const all: ExpectedAlert[] = [
    ...WARN_FRACTIONS.map((fraction) => ({ complaintId, key: `${MILESTONE}:warning:${fraction}`, thresholdMs: receivedMs + Math.round(fraction * allowanceMs), source })),
    { complaintId, key: `${MILESTONE}:breach`, thresholdMs: receivedMs + allowanceMs, source },
  ];
  return all.filter((alert) => alert.thresholdMs > afterMs);
}

async function api(port: number, token: string, path: string, body: object): Promise<unknown> {
  const res = await httpPost(port, path, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, JSON.stringify(body));
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${res.body.slice(0, 1000)}`);
  return JSON.parse(res.body);
}

export async function configureThroughApi(options: {
  port: number;
  jwtSecret: string;
  databaseUrl: string;
  suffix: string;
  allowanceMs: number;
}): Promise<BenchPolicy> {
  const { port, suffix } = options;
  const admin = signStaffToken(options.jwtSecret, { sub: `bench-admin-${suffix}`, roles: ['admin'] });
  const supervisorId = `bench-sup-${suffix}`;
  const teamCode = `SLA-${suffix}`.slice(0, 32);
  const category = `bench_sla_${suffix}`.toLowerCase().slice(0, 64);
  const code = `BENCH_SLA_${suffix}`.toUpperCase();
  await api(port, admin, '/v1/staff', { id: supervisorId, name: 'Bench supervisor', email: `${supervisorId}@bank.example`, roles: ['supervisor'] });
  await api(port, admin, '/v1/teams', { code: teamCode, name: 'SLA bench', supervisorId, categories: [category] });
  if (options.allowanceMs % 1000 !== 0) throw new Error('the allowance must be whole seconds');
  await api(port, admin, '/v1/sla-policies', {
    code,
    name: 'SLA timer benchmark',
    source: 'bench/sla.bench.ts',
    calendar: ALWAYS_OPEN_CALENDAR_ID,
    milestones: [{ key: MILESTONE, description: 'final response', duration: `PT${options.allowanceMs / 1000}S`, counting: 'calendar' }],
    escalation: [],
    match: { jurisdictions: ['CN'], categories: [category] },
  });
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ definition: SlaPolicy }>('SELECT definition FROM sla_policies WHERE code = $1', [code]);
    if (!rows[0]) throw new Error(`policy ${code} was not stored`);
    return { code, category, teamCode, supervisorId, allowanceMs: options.allowanceMs, definition: rows[0].definition };
  } finally {
    await client.end();
  }
}

/** The built-in always-open calendar, as the service builds it. */
export function alwaysOpenCalendar(now: Date): BusinessCalendar {
  const builtin = BUILTIN_CALENDARS.get(ALWAYS_OPEN_CALENDAR_ID);
  if (!builtin) throw new Error(`no built-in calendar ${ALWAYS_OPEN_CALENDAR_ID}`);
  return buildCalendar(ALWAYS_OPEN_CALENDAR_ID, builtin.definition, rollingYears(now), []);
}

/** A deterministic number in [0, 1) from an integer. */
function unit(n: number): number {
  return ((Math.imul(n + 1, 2654435761) >>> 0) % 1_000_003) / 1_000_003;
}

const DETAIL_PROPERTIES = ['web', 'phone', 'letter', 'email', 'regulatorReferral', 'mobileApp', 'branch', 'socialMedia'];

interface Body {
  channel: Channel;
  customer: { id: string; name: string; preferredLanguage: 'en' | 'zh'; vulnerable?: boolean };
  description: string;
  product: string;
  occurredAt?: string;
  externalRef: string;
  [detail: string]: unknown;
}

export interface BulkResult {
  expected: ExpectedAlert[];
  complaints: number;
  /** Earliest and latest instant a bulk complaint's timer is set for. */
  firstWakeMs: number;
  lastWakeMs: number;
  buildSeconds: number;
  insertSeconds: number;
}

/**
 * Inserts `count` complaints whose final responses fall due evenly over [t0, t0 + window], each
 * received `allowance` before its due instant (so in the past: the clock is started as intake
 * would have started it, at `insertAt`). Each row carries the clock as SlaClockService stores it
 * (startClock, encodeClock, summarizeClock) and its first audit link, as intake writes them.
 * Thresholds at or before t0 count as handled before the benchmark began: the row's next wake-up
 * is the first one after t0, which is what summarizeClock(state, t0) gives.
 */
export async function insertBulkComplaints(options: {
  databaseUrl: string;
  count: number;
  t0: number;
  windowMs: number;
  insertAt: Date;
  policy: BenchPolicy;
  factory: ComplaintFactory;
  runId: string;
  onProgress?: (done: number) => void;
}): Promise<BulkResult> {
  const { count, t0, windowMs, insertAt, policy } = options;
  if (t0 - policy.allowanceMs + windowMs > insertAt.getTime()) {
    throw new Error(`the allowance (${policy.allowanceMs / 1000} s) must cover the lead and the window, or the last complaints would be received in the future`);
  }
  const calendar = alwaysOpenCalendar(insertAt);
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  const perDescription = new Map<string, { language: string; fingerprint: number[] }>();
  const expected: ExpectedAlert[] = [];
  let firstWakeMs = Infinity;
  let lastWakeMs = -Infinity;
  let buildMs = 0;
  const insertStarted = Date.now();
  try {
    const { rows } = await client.query<{ last: string }>(
      "SELECT setval('complaint_reference_seq', nextval('complaint_reference_seq') + $1 - 1) AS last",
      [count],
    );
    const firstSequence = Number(rows[0].last) - count + 1;
    const BATCH = 1000;
    let pending: Promise<unknown> = Promise.resolve();
    for (let start = 0; start < count; start += BATCH) {
      const built = Date.now();
      const complaints: object[] = [];
      const events: object[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const body = JSON.parse(options.factory.build('bulk', i).body) as Body;
        const id = randomUUID();
        const dueMs = t0 + Math.floor(((i + unit(i)) * windowMs) / count);
        const receivedAt = new Date(dueMs - policy.allowanceMs);
        const started = startClock({ policy: policy.definition, calendar, receivedAt, now: insertAt });
        if (!started.ok) throw new Error(`startClock refused complaint ${i}: ${started.error.message}`);
        const state = started.state;
        const summary = summarizeClock(state, new Date(t0));
        const owed = expectedAlerts(id, receivedAt.getTime(), policy.allowanceMs, t0, 'bulk');
        const firstOwed = Math.min(...owed.map((alert) => alert.thresholdMs));
        if (summary.nextWakeAt?.getTime() !== firstOwed) {
          throw new Error(`complaint ${i}: the domain's next wake-up ${summary.nextWakeAt?.toISOString()} is not the first expected threshold ${new Date(firstOwed).toISOString()}`);
        }
        expected.push(...owed);
        firstWakeMs = Math.min(firstWakeMs, firstOwed);
        lastWakeMs = Math.max(lastWakeMs, firstOwed);

        let text = perDescription.get(body.description);
        if (!text) perDescription.set(body.description, (text = { language: detectLanguage(body.description), fingerprint: fingerprint(body.description) }));
        const vulnerable = body.customer.vulnerable ?? false;
        const priority = assessPriority({ channel: body.channel, vulnerableCustomer: vulnerable, previousComplaints: 0 });
        const detail = DETAIL_PROPERTIES.find((property) => body[property] !== undefined) ?? 'web';
        const reference = formatReference(insertAt, firstSequence + i);
        complaints.push({
          id,
          reference,
          channel: body.channel,
          status: 'received',
          priority: priority.level,
          priority_score: priority.score,
          priority_reasons: priority.reasons,
          category: policy.category,
          product: body.product,
          description: body.description,
          description_shingle_hashes: byteaText(packUint32(text.fingerprint)),
          description_language: text.language,
          customer_id: body.customer.id,
          customer: { ...body.customer, vulnerable },
          customer_language: body.customer.preferredLanguage,
          vulnerable_customer: vulnerable,
          disputed_amount: null,
          disputed_currency: null,
          occurred_at: body.occurredAt ?? null,
          received_at: receivedAt.toISOString(),
          external_ref: `${options.runId}-bulk-${i}`,
          channel_details: { [detail]: body[detail] ?? {} },
          submitted_by: 'bench-loader',
          submitted_by_kind: 'integration',
          possible_duplicate_of: null,
          duplicate_similarity: null,
          jurisdiction: 'CN',
          team_code: policy.teamCode,
          assignee_id: null,
          assigned_at: null,
          priority_rank: PRIORITY_RANK[priority.level],
          due_at: summary.dueAt?.toISOString() ?? null,
          breached: summary.breached,
          resolution: null,
          resolved_at: null,
          closed_at: null,
          final_response_sent_at: null,
          review_requested_at: null,
          merged_into: null,
          sla_policy_code: policy.code,
          sla_match_reason: `bulk-loaded by the SLA benchmark under ${policy.code}`,
          sla_clock: encodeClock(state),
          sla_version: state.version,
          sla_next_wake_at: summary.nextWakeAt?.toISOString() ?? null,
          version: 1,
          created_at: insertAt.toISOString(),
          updated_at: insertAt.toISOString(),
        });
        const link = appendAuditEvent(null, {
          complaintId: id,
          type: 'complaint.received',
          actor: { kind: 'integration', id: 'bench-loader' },
          at: insertAt,
          details: { channel: body.channel, receivedAt: receivedAt.toISOString(), priority: priority.level, slaPolicy: policy.code, teamCode: policy.teamCode },
        });
        events.push({
          complaint_id: id,
          seq: link.seq,
          type: link.type,
          actor_kind: link.actor.kind,
          actor_id: link.actor.id,
          at: link.at,
          details: link.details,
          previous_hash: link.previousHash,
          hash: link.hash,
        });
      }
      const rowsJson = JSON.stringify(complaints);
      const eventsJson = JSON.stringify(events);
      buildMs += Date.now() - built;
      // One statement per batch, so PostgreSQL stores it while the next batch is being built.
      await pending;
      options.onProgress?.(start);
      const statement = client.query(
        `WITH stored AS (INSERT INTO complaints SELECT * FROM json_populate_recordset(NULL::complaints, $1::json) RETURNING id)
         INSERT INTO complaint_events (complaint_id, seq, type, actor_kind, actor_id, at, details, previous_hash, hash)
         SELECT complaint_id, seq, type, actor_kind, actor_id, at, details, previous_hash, hash
           FROM json_populate_recordset(NULL::complaint_events, $2::json)`,
        [rowsJson, eventsJson],
      );
      statement.catch(() => undefined); // awaited (and rethrown) before the next batch is sent
      pending = statement;
    }
    await pending;
    options.onProgress?.(count);
    await client.query('ANALYZE complaints');
  } finally {
    await client.end();
  }
  const totalSeconds = (Date.now() - insertStarted) / 1000;
  return {
    expected,
    complaints: count,
    firstWakeMs,
    lastWakeMs,
    buildSeconds: buildMs / 1000,
    insertSeconds: totalSeconds - buildMs / 1000,
  };
}

export interface HttpIntakeResult {
  expected: ExpectedAlert[];
  sent: number;
  created: number;
  failures: Array<{ status: number; body: string }>;
  latencyMs: number[];
}

/**
 * Submits `count` complaints through POST /v1/complaints at `rate` per second while the workers
 * run: intake starts the clock and the API schedules the first timer after the commit, the path
 * every real complaint takes. Each is received `allowance/2 - firstWarningAfterMs` before it is
 * sent, so its 50 % warning falls due `firstWarningAfterMs` after the request and all three of
 * its alerts are owed.
 */
export async function submitThroughHttp(options: {
  port: number;
  apiKey: string;
  factory: ComplaintFactory;
  count: number;
  rate: number;
  policy: BenchPolicy;
  firstWarningAfterMs: number;
  isStopped: () => boolean;
}): Promise<HttpIntakeResult> {
  const result: HttpIntakeResult = { expected: [], sent: 0, created: 0, failures: [], latencyMs: [] };
  const start = Date.now();
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; n < options.count && !options.isStopped(); n++) {
    const due = start + (n * 1000) / options.rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = JSON.parse(options.factory.build('http', n).body) as Body;
    const sentAt = Date.now();
    const receivedAt = new Date(sentAt - options.policy.allowanceMs / 2 + options.firstWarningAfterMs);
    const payload = { ...body, category: options.policy.category, jurisdiction: 'CN', receivedAt: receivedAt.toISOString() };
    result.sent++;
    const request = httpPost(
      options.port,
      '/v1/complaints',
      { 'content-type': 'application/json', 'x-api-key': options.apiKey, 'idempotency-key': `idem-${body.externalRef}` },
      JSON.stringify(payload),
    ).then(
      (res) => {
        result.latencyMs.push(Date.now() - sentAt);
        if (res.status !== 201) {
          if (result.failures.length < 5) result.failures.push({ status: res.status, body: res.body.slice(0, 1000) });
          return;
        }
        const created = JSON.parse(res.body) as { id: string; receivedAt: string; slaPolicy: string | null };
        if (created.slaPolicy !== options.policy.code) {
          if (result.failures.length < 5) result.failures.push({ status: res.status, body: `matched policy ${created.slaPolicy}, not ${options.policy.code}` });
          return;
        }
        result.created++;
        result.expected.push(...expectedAlerts(created.id, new Date(created.receivedAt).getTime(), options.policy.allowanceMs, -Infinity, 'http'));
      },
      (error: Error) => {
        if (result.failures.length < 5) result.failures.push({ status: 0, body: error.message });
      },
    );
    const tracked: Promise<void> = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  return result;
}
