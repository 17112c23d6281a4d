import { Client } from 'pg';

/** The server's maintenance database; trust auth on 127.0.0.1. Override with BENCH_ADMIN_DATABASE_URL. */
export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createDatabase(name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`Unsafe database name ${name}`);
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
}

/**
 * Makes sure autovacuum runs for the benchmark, as it does on any production PostgreSQL. A CI
 * machine may turn it off (this one's conf.d does, to keep its test databases quiet); then dead
 * rows pile up over a long run and the benchmark measures bloat, not the service: with it off,
 * the 100k SLA run's PostgreSQL used 0.91 cores instead of 0.42. When it was off, it is switched
 * on with ALTER SYSTEM and a reload (no restart), and the run's cleanup switches it back.
 */
export async function ensureAutovacuum(cleanup: { add(name: string, run: () => Promise<unknown>): void }, log: (message: string) => void): Promise<void> {
  const switched = await withClient(ADMIN_URL, async (c) => {
    const { rows } = await c.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'autovacuum'");
    if (rows[0]?.setting === 'on') return false;
    await c.query('ALTER SYSTEM SET autovacuum = on');
    await c.query('SELECT pg_reload_conf()');
    return true;
  });
  if (!switched) return;
  log('autovacuum was off on this server; it is on for the run, as in production');
  cleanup.add('restore autovacuum', () =>
    withClient(ADMIN_URL, async (admin) => {
      await admin.query('ALTER SYSTEM RESET autovacuum');
      await admin.query('SELECT pg_reload_conf()');
    }),
  );
}

/** Drops the database, disconnecting whoever is still in it (PostgreSQL 13+). */
export async function dropDatabase(name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`Unsafe database name ${name}`);
  await withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function serverInfo(): Promise<{ version: string; settings: Record<string, string> }> {
  return withClient(ADMIN_URL, async (c) => {
    const version = (await c.query<{ version: string }>('SELECT version()')).rows[0].version;
    const names = ['autovacuum', 'shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'max_connections'];
    const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
      'SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)',
      [names],
    );
    return { version, settings: Object.fromEntries(rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting])) };
  });
}

export interface IntakeTableStats {
  complaints: number;
  possibleDuplicates: number;
  repeatComplainants: number;
  customers: number;
  idempotencyKeys: number;
  byChannel: Record<string, number>;
}

/** What the intake run left behind: proof that duplicates and repeat complainants were exercised. */
export async function intakeStats(name: string): Promise<IntakeTableStats> {
  return withClient(databaseUrl(name), async (c) => {
    const one = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0].n);
    const byChannel = await c.query<{ channel: string; n: string }>('SELECT channel, count(*) AS n FROM complaints GROUP BY channel ORDER BY 2 DESC');
    return {
      complaints: await one('SELECT count(*) AS n FROM complaints'),
      possibleDuplicates: await one('SELECT count(*) AS n FROM complaints WHERE possible_duplicate_of IS NOT NULL'),
      repeatComplainants: await one(`SELECT count(*) AS n FROM complaints WHERE priority_reasons @> '[{"code":"repeat_complainant"}]'`),
      customers: await one('SELECT count(DISTINCT customer_id) AS n FROM complaints'),
      idempotencyKeys: await one('SELECT count(*) AS n FROM idempotency_keys'),
      byChannel: Object.fromEntries(byChannel.rows.map((r) => [r.channel, Number(r.n)])),
    };
  });
}

export type Counters = Record<string, number>;

/** Cumulative counters for the bench database and the WAL (cluster-wide), to difference around a phase. */
export async function databaseCounters(name: string): Promise<Counters> {
  return withClient(ADMIN_URL, async (c) => {
    const db = await c.query(
      `SELECT xact_commit, xact_rollback, tup_inserted, tup_fetched, tup_returned, blks_read, blks_hit
         FROM pg_stat_database WHERE datname = $1`,
      [name],
    );
    const wal = await c.query('SELECT wal_records, wal_bytes, wal_write, wal_sync FROM pg_stat_wal').catch(() => ({ rows: [{}] }));
    const out: Counters = {};
    for (const [k, v] of Object.entries({ ...db.rows[0], ...wal.rows[0] })) out[k] = Number(v);
    return out;
  });
}

export function diffCounters(before: Counters, after: Counters): Counters {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]));
}

export interface HistoryExplain {
  customer: string;
  complaintsOfCustomer: number;
  rows: number;
  planningMs: number;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
}

/**
 * Server-side cost of intake's history lookup (the statement ComplaintsService.store() issues),
 * for the busiest customer and a median one, by EXPLAIN ANALYZE on the bench database after the run.
 */
export async function explainHistory(name: string): Promise<HistoryExplain[]> {
  return withClient(databaseUrl(name), async (c) => {
    const { rows: customers } = await c.query<{ customer_id: string; n: string }>(
      'SELECT customer_id, count(*) AS n FROM complaints GROUP BY customer_id ORDER BY 2 DESC',
    );
    if (customers.length === 0) return [];
    const picks = [customers[0], customers[Math.floor(customers.length / 2)]];
    const out: HistoryExplain[] = [];
    for (const pick of picks) {
      const sql = `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
        SELECT c.id, c.description, c.received_at FROM complaints c
         WHERE c.customer_id = $1 AND c.received_at >= now() - interval '90 days' AND c.received_at <= now() + interval '30 days'
         ORDER BY c.received_at DESC LIMIT 50`;
      const { rows } = await c.query<{ 'QUERY PLAN': Array<{ Plan: Record<string, number>; 'Planning Time': number; 'Execution Time': number }> }>(sql, [
        pick.customer_id,
      ]);
      const plan = rows[0]['QUERY PLAN'][0];
      out.push({
        customer: pick.customer_id,
        complaintsOfCustomer: Number(pick.n),
        rows: plan.Plan['Actual Rows'],
        planningMs: plan['Planning Time'],
        executionMs: plan['Execution Time'],
        sharedHit: plan.Plan['Shared Hit Blocks'],
        sharedRead: plan.Plan['Shared Read Blocks'],
      });
    }
    return out;
  });
}
