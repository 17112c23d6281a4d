import { Client } from 'pg';
import type { AlertDelivery } from './sla-redis';
import { alertId, type ExpectedAlert, MILESTONE } from './sla-setup';

/**
 * What a run left in the database, against what the policy owed: lateness, missed, unexpected and
 * duplicated alerts. Lateness is raised_at − threshold_at, both written by the worker (raised_at is
 * the instant the handler started, before it took the row lock).
 */

export interface LatenessSummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  over250: number;
  over1000: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarise(values: number[]): LatenessSummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN,
    over250: sorted.filter((v) => v > 250).length,
    over1000: sorted.filter((v) => v > 1000).length,
  };
}

export interface RaisedAlert {
  complaintId: string;
  key: string;
  version: number;
  thresholdMs: number;
  raisedMs: number;
}

export async function withDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function readRaisedAlerts(client: Client): Promise<RaisedAlert[]> {
  const { rows } = await client.query<{ complaint_id: string; alert_key: string; clock_version: number; t: number; r: number }>(
    `SELECT complaint_id, alert_key, clock_version,
            (extract(epoch FROM threshold_at) * 1000)::float8 AS t,
            (extract(epoch FROM raised_at) * 1000)::float8 AS r
       FROM alerts`,
  );
  return rows.map((row) => ({ complaintId: row.complaint_id, key: row.alert_key, version: row.clock_version, thresholdMs: row.t, raisedMs: row.r }));
}

export interface DuplicateReport {
  /** Extra rows beyond one per (complaint, alert_key, clock_version); the unique index makes this 0. */
  alertRows: number;
  /** Extra rows beyond one per (complaint, milestone, kind, fraction or level, clock_version). */
  alertRowsSameThreshold: number;
  /** alert.raised outbox events (each becomes a webhook delivery) and the extras beyond one per alert. */
  outboxEvents: number;
  outboxDuplicates: number;
  /** sla.* audit events and the extras beyond one per alert. */
  auditEvents: number;
  auditDuplicates: number;
  /** Alerts published on the Redis channel (what open screens receive) and the extras. */
  published: number;
  publishedDuplicates: number;
  /** Alerts in the database the channel never carried (a stream replays those from the table). */
  notPublished: number;
}

async function extras(client: Client, sql: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT coalesce(sum(n - 1), 0) AS n FROM (${sql}) AS g WHERE n > 1`);
  return Number(rows[0].n);
}

export async function duplicates(client: Client, deliveries: AlertDelivery[], raised: RaisedAlert[]): Promise<DuplicateReport> {
  const one = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  const byKey = new Map<string, number>();
  for (const d of deliveries) {
    const key = alertId(d.complaintId, d.kind === 'warning' ? `${d.milestone}:warning:${d.fraction}` : d.kind === 'breach' ? `${d.milestone}:breach` : `${d.milestone}:escalation:${d.level}`);
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  let publishedDuplicates = 0;
  for (const n of byKey.values()) publishedDuplicates += n - 1;
  const notPublished = raised.filter((alert) => !byKey.has(alertId(alert.complaintId, alert.key))).length;
  return {
    alertRows: await extras(client, 'SELECT count(*) AS n FROM alerts GROUP BY complaint_id, alert_key, clock_version'),
    alertRowsSameThreshold: await extras(
      client,
      'SELECT count(*) AS n FROM alerts GROUP BY complaint_id, milestone, kind, coalesce(fraction::text, level::text, \'\'), clock_version',
    ),
    outboxEvents: await one("SELECT count(*) AS n FROM outbox_events WHERE type = 'alert.raised'"),
    outboxDuplicates: await extras(
      client,
      `SELECT count(*) AS n FROM outbox_events WHERE type = 'alert.raised'
        GROUP BY payload->>'complaintId', payload->>'milestone', payload->>'kind', coalesce(payload->>'fraction', payload->>'level', '')`,
    ),
    auditEvents: await one("SELECT count(*) AS n FROM complaint_events WHERE type IN ('sla.warning', 'sla.breach', 'sla.escalation')"),
    auditDuplicates: await extras(
      client,
      `SELECT count(*) AS n FROM complaint_events WHERE type IN ('sla.warning', 'sla.breach', 'sla.escalation')
        GROUP BY complaint_id, type, details->>'milestone', coalesce(details->>'fraction', details->>'level', ''), details->>'clockVersion'`,
    ),
    published: deliveries.length,
    publishedDuplicates,
    notPublished,
  };
}

export interface Matched {
  expected: ExpectedAlert;
  raised: RaisedAlert;
  latenessMs: number;
}

export interface Reconciliation {
  expected: number;
  raised: number;
  matched: Matched[];
  missed: ExpectedAlert[];
  /**
   * Missing warnings whose milestone's breach was raised: a wake-up that finds a warning and the
   * breach both owed raises only the breach (dueWakeUps), by design, so these are most likely
   * deliberate drops after a long delay. Counted in `missed` as well.
   */
  overtaken: number;
  unexpected: RaisedAlert[];
  /** Raised with a threshold_at other than the expected instant. */
  wrongThreshold: number;
}

export function reconcile(expected: ExpectedAlert[], raised: RaisedAlert[]): Reconciliation {
  const byId = new Map(raised.map((alert) => [alertId(alert.complaintId, alert.key), alert]));
  const expectedIds = new Set<string>();
  const matched: Matched[] = [];
  const missed: ExpectedAlert[] = [];
  let wrongThreshold = 0;
  for (const alert of expected) {
    const id = alertId(alert.complaintId, alert.key);
    expectedIds.add(id);
    const hit = byId.get(id);
    if (!hit) {
      missed.push(alert);
      continue;
    }
    if (Math.abs(hit.thresholdMs - alert.thresholdMs) >= 1) wrongThreshold++;
    matched.push({ expected: alert, raised: hit, latenessMs: hit.raisedMs - alert.thresholdMs });
  }
  const overtaken = missed.filter((alert) => {
    if (!alert.key.includes(':warning:')) return false;
    const breach = byId.get(alertId(alert.complaintId, `${MILESTONE}:breach`));
    return breach !== undefined;
  }).length;
  const unexpected = raised.filter((alert) => !expectedIds.has(alertId(alert.complaintId, alert.key)));
  return { expected: expected.length, raised: raised.length, matched, missed, overtaken, unexpected, wrongThreshold };
}

/** Alerts raised per second of the run and the worst lateness in each second, by threshold second. */
export function perSecond(matched: Matched[], fromMs: number): Array<{ second: number; alerts: number; maxLatenessMs: number }> {
  const seconds = new Map<number, { alerts: number; maxLatenessMs: number }>();
  for (const m of matched) {
    const second = Math.floor((m.expected.thresholdMs - fromMs) / 1000);
    const entry = seconds.get(second) ?? { alerts: 0, maxLatenessMs: -Infinity };
    entry.alerts++;
    entry.maxLatenessMs = Math.max(entry.maxLatenessMs, m.latenessMs);
    seconds.set(second, entry);
  }
  return [...seconds.entries()].sort((a, b) => a[0] - b[0]).map(([second, entry]) => ({ second, ...entry }));
}
