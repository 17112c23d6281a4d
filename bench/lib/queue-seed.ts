import type { AppConfig } from '@redress/config';
// Not @redress/database: its index loads column-types.ts, which must first be imported with DATABASE_URL set (see queue-explain.ts).
import { dataSourceOptions, runMigrations } from '../../libs/database/src/data-source';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The queue benchmark's data: teams, officers and a million complaints written straight into the
 * tables the migrations create (INSERT … SELECT generate_series, one statement per table), not
 * through the API. Every NOT NULL column gets a value the service would have written.
 */

export interface SeedOptions {
  complaints: number;
  open: number;
  teams: number;
  officersPerTeam: number;
  /** Share of the open complaints nobody holds yet. */
  unassignedShare: number;
  /** Open cases an officer may hold (staff.capacity); high, so claim-next is not refused with 409. */
  capacity: number;
  /** "now" for the data: received and due times are spread around it. */
  now: Date;
}

export interface BenchTeam {
  code: string;
  category: string;
  officers: string[];
  supervisor: string;
}

export interface SeedReport {
  /** Seconds per step. */
  steps: Record<string, number>;
  totalSeconds: number;
  /** What ended up in the tables, counted after the ANALYZE. */
  counts: {
    complaints: number;
    open: number;
    openUnassigned: number;
    openBreached: number;
    openNoDueDate: number;
    closedOrResolved: number;
    byStatus: Record<string, number>;
    byPriority: Record<string, number>;
    openUnassignedPerTeam: { min: number; median: number; max: number };
    openPerOfficer: { min: number; median: number; max: number };
    staff: number;
    teams: number;
  };
  sizes: Record<string, string>;
}

const AREAS = ['CARDS', 'MORTGAGES', 'LOANS', 'ACCOUNTS', 'PAYMENTS', 'SAVINGS', 'INSURANCE', 'INVESTMENTS', 'DIGITAL', 'BRANCHES'];
const ISSUES = ['FEES', 'FRAUD', 'SERVICE', 'DISPUTES', 'ACCESS'];

/** Team codes AREA-ISSUE (the first `count` of 10 × 5 = 50, then numbered), each handling its own category. */
export function benchTeams(count: number, officersPerTeam: number): BenchTeam[] {
  return Array.from({ length: count }, (_, i) => {
    const base = `${AREAS[i % AREAS.length]}-${ISSUES[Math.floor(i / AREAS.length) % ISSUES.length]}`;
    const code = i < AREAS.length * ISSUES.length ? base : `${base}-${Math.floor(i / (AREAS.length * ISSUES.length)) + 1}`;
    const slug = code.toLowerCase();
    return {
      code,
      category: slug.replace('-', '.').replace(/-/g, '_'),
      officers: Array.from({ length: officersPerTeam }, (_, k) => officerId(code, k)),
      supervisor: `supervisor-${slug}`,
    };
  });
}

/** Must match the SQL below: 'officer-' || lower(code) || '-' || lpad(k + 1, 2, '0'). */
function officerId(code: string, k: number): string {
  return `officer-${code.toLowerCase()}-${String(k + 1).padStart(2, '0')}`;
}

/** Runs the service's migrations on the empty database, as the API does when it starts. */
export async function migrate(url: string): Promise<void> {
  const config = { database: { type: 'postgres', url } } as AppConfig;
  const dataSource = await new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } }).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const DESCRIPTIONS = [
  'I was charged an annual fee on my credit card although the product was sold to me as free for life. I have called twice and nobody has refunded it.',
  'A payment of the same amount was taken from my account twice on the same day. The branch told me it would be reversed within three days but it has not been.',
  'My mortgage overpayment was not applied to the balance as I asked, so I was charged interest on money I had already paid back.',
  'Someone used my card details online and the bank refused to refund the transactions, saying I must have shared my one-time passcode. I did not.',
  'The mobile app has logged me out and will not let me back in for a week. I cannot pay my bills and the helpline keeps me on hold for an hour.',
  '我的信用卡被收取了年费，但办卡时工作人员承诺终身免年费。我已经打了两次客服电话，仍然没有退还。',
  '同一天同一金额从我的账户被扣款两次，网点说三天内退回，但至今没有处理。',
  'My loan application was declined without any explanation and the letter refers to a credit check I never agreed to.',
  'Interest on my savings account was paid at a lower rate than the one advertised when I opened it, and the bank will not correct it.',
  'I asked for my account to be closed and the balance transferred, but three weeks later the money is still held and I keep being charged fees.',
];

const CHANNEL_WEIGHTS: Array<[string, number]> = [
  ['web', 30],
  ['phone', 25],
  ['mobile_app', 15],
  ['email', 10],
  ['branch', 10],
  ['letter', 4],
  ['social_media', 4],
  ['regulator_referral', 2],
];

/** `CASE WHEN r < c1 THEN v1 WHEN r < c2 THEN v2 … END` over cumulative weights. */
function weightedCase(r: string, entries: Array<[string, number]>): string {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let cumulative = 0;
  const whens = entries.slice(0, -1).map(([value, weight]) => {
    cumulative += weight;
    return `WHEN ${r} < ${cumulative / total} THEN '${value}'`;
  });
  return `CASE ${whens.join(' ')} ELSE '${entries[entries.length - 1][0]}' END`;
}

async function timed(steps: Record<string, number>, name: string, work: () => Promise<unknown>, log: (line: string) => void): Promise<void> {
  const start = performance.now();
  await work();
  steps[name] = (performance.now() - start) / 1000;
  log(`  ${name}: ${steps[name].toFixed(1)} s`);
}

/**
 * Fills teams, staff and complaints, then VACUUM (ANALYZE). The migrations' indexes stay in place
 * during the load (dropping and re-creating them from pg_get_indexdef would be quicker but does
 * not give back the partial indexes' predicates byte for byte).
 */
export async function seed(url: string, options: SeedOptions, log: (line: string) => void): Promise<SeedReport> {
  if (options.open > options.complaints) throw new Error('--open cannot exceed --complaints');
  const teams = benchTeams(options.teams, options.officersPerTeam);
  const client = new Client({ connectionString: url });
  await client.connect();
  const steps: Record<string, number> = {};
  const started = performance.now();
  try {
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query('SET synchronous_commit = off');
    await client.query('SELECT setseed(0.4242)');
    const now = options.now.toISOString();

    await timed(steps, 'teams and staff', async () => {
      const teamRows = teams.map((t) => ({
        code: t.code,
        name: `${t.code.charAt(0)}${t.code.slice(1).toLowerCase().replace('-', ' – ')}`,
        supervisor_id: t.supervisor,
        categories: [t.category],
      }));
      await client.query(
        `INSERT INTO teams (code, name, supervisor_id, manager_id, categories, languages, auto_assign, round_robin_cursor, created_at, updated_at)
         SELECT code, name, supervisor_id, 'manager-bench', categories, '[]'::jsonb, 'off', NULL, $2, $2
           FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text, supervisor_id text, categories jsonb)`,
        [JSON.stringify(teamRows), now],
      );
      const staffRows = teams.flatMap((t) => [
        ...t.officers.map((id, k) => ({ id, name: `Officer ${k + 1} of ${t.code}`, roles: ['officer'], teams: [t.code], capacity: options.capacity })),
        { id: t.supervisor, name: `Supervisor of ${t.code}`, roles: ['supervisor'], teams: [t.code], capacity: 0 },
      ]);
      staffRows.push({ id: 'manager-bench', name: 'Head of complaints', roles: ['manager'], teams: [], capacity: 0 });
      await client.query(
        `INSERT INTO staff (id, name, email, roles, teams, skills, languages, capacity, active, created_at, updated_at)
         SELECT id, name, id || '@bank.example', roles, teams, '[]'::jsonb, '["zh","en"]'::jsonb, capacity, true, $2, $2
           FROM jsonb_to_recordset($1::jsonb) AS s(id text, name text, roles jsonb, teams jsonb, capacity int)`,
        [JSON.stringify(staffRows), now],
      );
    }, log);

    const recent = Math.min(options.complaints, Math.ceil(options.open * 1.5));
    await timed(steps, `complaints (${options.complaints.toLocaleString('en-US')} rows, INSERT … SELECT generate_series)`, () =>
      client.query(complaintsInsert(), [
        options.complaints,
        options.open,
        recent,
        options.teams,
        options.officersPerTeam,
        options.unassignedShare,
        now,
        teams.map((t) => t.code),
        teams.map((t) => t.category),
        DESCRIPTIONS,
      ]),
    log);
    await client.query(`SELECT setval('complaint_reference_seq', $1)`, [options.complaints]);

    // VACUUM sets the visibility map (as autovacuum would on a table this old), ANALYZE the statistics.
    await timed(steps, 'VACUUM (ANALYZE)', () => client.query('VACUUM (ANALYZE) complaints, staff, teams'), log);
    steps.total = (performance.now() - started) / 1000;

    const counts = await seedCounts(client);
    const { rows: size } = await client.query<{ name: string; size: string }>(
      `SELECT 'complaints (heap + TOAST)' AS name, pg_size_pretty(pg_table_size('complaints')) AS size
       UNION ALL SELECT 'complaints indexes', pg_size_pretty(pg_indexes_size('complaints'))
       UNION ALL SELECT relname, pg_size_pretty(pg_relation_size(oid)) FROM pg_class WHERE relname LIKE 'ix_complaints_queue%'`,
    );
    return { steps, totalSeconds: steps.total, counts, sizes: Object.fromEntries(size.map((r) => [r.name, r.size])) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * One INSERT … SELECT. $1 rows; the last $3 of them (received in the most recent ~11 months) hold
 * the $2 open ones, spread evenly among them; older ones are all closed or resolved. Parameters:
 * $4 teams, $5 officers per team, $6 unassigned share, $7 now, $8 team codes, $9 their categories,
 * $10 descriptions. random() is seeded (setseed) so a run is repeatable; the subqueries are not
 * flattened (volatile target lists), so each random draw is taken once per row.
 */
function complaintsInsert(): string {
  const openStatus = weightedCase('r_status', [['received', 15], ['acknowledged', 25], ['investigating', 45], ['awaiting_customer', 15]]);
  const priority = weightedCase('r_priority', [['urgent', 4], ['high', 16], ['medium', 45], ['low', 35]]);
  const channel = weightedCase('r_channel', CHANNEL_WEIGHTS);
  return `
WITH params AS (
  SELECT $1::int AS total, $2::int AS open, $3::int AS recent, $4::int AS teams, $5::int AS per_team, $6::float8 AS unassigned,
         date_trunc('milliseconds', $7::timestamptz) AS now, $8::text[] AS codes, $9::text[] AS categories, $10::text[] AS descriptions
), base AS (
  SELECT g,
         (g > k.total - k.recent)
           AND floor((g - (k.total - k.recent))::numeric * k.open / k.recent) > floor((g - (k.total - k.recent) - 1)::numeric * k.open / k.recent) AS is_open,
         random() AS r_status, random() AS r_priority, random() AS r_channel, random() AS r_team, random() AS r_assign,
         random() AS r_officer, random() AS r_due, random() AS r_lang, random() AS r_misc, random() AS r_amount
    FROM params k, generate_series(1, k.total) AS g
), shaped AS (
  SELECT b.*,
         CASE WHEN b.is_open THEN ${openStatus} WHEN b.r_status < 0.8 THEN 'closed' ELSE 'resolved' END AS status,
         ${priority} AS priority,
         ${channel} AS channel,
         -- mildly skewed: the busiest team gets about three times the quietest one's complaints
         least(k.teams - 1, floor(k.teams * power(b.r_team, 1.3)))::int + 1 AS team_no,
         CASE WHEN b.r_lang < 0.6 THEN 'zh' ELSE 'en' END AS lang,
         -- three years of complaints, oldest first, up to an hour of jitter; milliseconds, as the service writes them
         date_trunc('milliseconds', k.now - make_interval(secs => (k.total - b.g)::float8 * (3 * 365 * 86400) / k.total + b.r_misc * 3600)) AS received_at
    FROM base b, params k
), placed AS (
  SELECT s.*,
         CASE WHEN s.is_open AND s.r_assign < k.unassigned THEN NULL
              ELSE 'officer-' || lower(k.codes[s.team_no]) || '-' || lpad((floor(s.r_officer * k.per_team)::int + 1)::text, 2, '0') END AS assignee_id,
         CASE WHEN NOT s.is_open OR s.status = 'awaiting_customer' THEN NULL
              -- due from 10 days ago to 35 days ahead: about a fifth already past
              ELSE date_trunc('milliseconds', k.now + make_interval(secs => (s.r_due * 45 - 10) * 86400)) END AS due_at,
         k.codes[s.team_no] AS team_code,
         k.categories[s.team_no] AS category,
         k.descriptions[1 + (s.g % array_length(k.descriptions, 1))] AS description,
         1 + (s.g % array_length(k.descriptions, 1)) AS description_no,
         floor(s.r_misc * 400000)::int + s.g % 7 AS customer_no,
         k.now
    FROM shaped s, params k
)
INSERT INTO complaints (
  id, reference, channel, status, priority, priority_score, priority_reasons, category, product, description,
  description_fingerprint, description_language, customer_id, customer, customer_language, vulnerable_customer,
  disputed_amount, disputed_currency, occurred_at, received_at, external_ref, channel_details, submitted_by, submitted_by_kind,
  possible_duplicate_of, duplicate_similarity, version, created_at, updated_at, jurisdiction, team_code, assignee_id, assigned_at,
  priority_rank, due_at, breached, resolution, resolved_at, closed_at, final_response_sent_at, review_requested_at, merged_into,
  sla_policy_code, sla_match_reason, sla_clock, sla_version, sla_next_wake_at)
SELECT
  gen_random_uuid(),
  'CMP-' || extract(year FROM p.received_at AT TIME ZONE 'UTC')::int || '-' || lpad(p.g::text, 7, '0'),
  p.channel,
  p.status,
  p.priority,
  CASE p.priority WHEN 'urgent' THEN 60 WHEN 'high' THEN 35 WHEN 'medium' THEN 15 ELSE 0 END + floor(p.r_misc * 10)::int,
  CASE p.priority
    WHEN 'urgent' THEN '[{"code":"vulnerable_customer","points":30,"detail":"Customer is flagged as vulnerable"},{"code":"regulator_referral","points":30,"detail":"Referred by the regulator"}]'
    WHEN 'high' THEN '[{"code":"large_amount","points":20,"detail":"Disputed amount is large"},{"code":"repeat_complainant","points":15,"detail":"Second complaint in 90 days"}]'
    WHEN 'medium' THEN '[{"code":"material_amount","points":10,"detail":"Disputed amount is material"}]'
    ELSE '[]' END::jsonb,
  p.category,
  split_part(p.category, '.', 1),
  p.description || CASE WHEN p.description_no IN (6, 7) THEN ' 编号 ' ELSE ' Case note ' END || p.g,
  NULL,
  CASE WHEN p.description_no IN (6, 7) THEN 'zh' ELSE 'en' END,
  'cust-' || p.customer_no,
  jsonb_build_object('id', 'cust-' || p.customer_no, 'name', 'Customer ' || p.customer_no, 'email', 'cust' || p.customer_no || '@mail.example',
                     'preferredLanguage', p.lang, 'vulnerable', p.priority = 'urgent'),
  p.lang,
  p.priority = 'urgent',
  CASE WHEN p.r_amount < 0.6 THEN round((p.r_amount * 20000)::numeric, 2) END,
  CASE WHEN p.r_amount < 0.6 THEN CASE WHEN p.lang = 'zh' THEN 'CNY' ELSE 'GBP' END END,
  p.received_at - interval '3 days',
  p.received_at,
  'bench-' || p.g,
  CASE p.channel WHEN 'phone' THEN '{"phone":{"agentId":"agent-7","callId":"call-1"}}' WHEN 'branch' THEN '{"branch":{"branchCode":"BR-001"}}' ELSE '{}' END::jsonb,
  'web-portal',
  'integration',
  NULL,
  NULL,
  CASE WHEN p.is_open THEN 2 + floor(p.r_misc * 3)::int ELSE 6 + floor(p.r_misc * 4)::int END,
  p.received_at,
  CASE WHEN p.is_open THEN least(p.now, p.received_at + interval '2 days') ELSE p.received_at + interval '20 days' END,
  CASE WHEN p.lang = 'zh' THEN 'CN' ELSE 'GB' END,
  p.team_code,
  p.assignee_id,
  CASE WHEN p.assignee_id IS NOT NULL THEN least(p.now, p.received_at + interval '1 day') END,
  CASE p.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
  p.due_at,
  CASE WHEN p.due_at IS NOT NULL THEN p.due_at < p.now ELSE p.r_due < 0.08 END,
  CASE WHEN p.is_open THEN NULL
       ELSE jsonb_build_object('outcome', CASE WHEN p.r_due < 0.4 THEN 'upheld' WHEN p.r_due < 0.6 THEN 'partially_upheld' ELSE 'not_upheld' END,
                               'rootCauseCode', upper(replace(p.category, '.', '_')), 'summary', 'Investigated and answered in writing.',
                               'redress', NULL) END,
  CASE WHEN p.is_open THEN NULL ELSE p.received_at + interval '12 days' END,
  CASE WHEN p.status = 'closed' THEN p.received_at + interval '20 days' END,
  CASE WHEN p.is_open THEN NULL ELSE p.received_at + interval '12 days' END,
  NULL,
  NULL,
  CASE WHEN p.lang = 'zh' THEN 'CN_NFRA_2020' ELSE 'UK_FCA_DISP' END,
  CASE WHEN p.lang = 'zh' THEN 'jurisdiction CN' ELSE 'jurisdiction GB' END,
  NULL,
  1,
  NULL
FROM placed p`;
}

async function seedCounts(client: Client): Promise<SeedReport['counts']> {
  const open = `status IN ('received','acknowledged','investigating','awaiting_customer','reopened','under_review')`;
  const one = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  const spread = async (sql: string) => {
    const { rows } = await client.query<{ min: string; median: string; max: string }>(
      `SELECT min(n) AS min, percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS median, max(n) AS max FROM (${sql}) x`,
    );
    return { min: Number(rows[0].min), median: Number(rows[0].median), max: Number(rows[0].max) };
  };
  const grouped = async (column: string) =>
    Object.fromEntries(
      (await client.query<{ k: string; n: string }>(`SELECT ${column} AS k, count(*) AS n FROM complaints GROUP BY 1 ORDER BY 2 DESC`)).rows.map((r) => [r.k, Number(r.n)]),
    );
  return {
    complaints: await one('SELECT count(*) AS n FROM complaints'),
    open: await one(`SELECT count(*) AS n FROM complaints WHERE ${open}`),
    openUnassigned: await one(`SELECT count(*) AS n FROM complaints WHERE ${open} AND assignee_id IS NULL`),
    openBreached: await one(`SELECT count(*) AS n FROM complaints WHERE ${open} AND breached`),
    openNoDueDate: await one(`SELECT count(*) AS n FROM complaints WHERE ${open} AND due_at IS NULL`),
    closedOrResolved: await one(`SELECT count(*) AS n FROM complaints WHERE status IN ('closed','resolved')`),
    byStatus: await grouped('status'),
    byPriority: await grouped('priority'),
    openUnassignedPerTeam: await spread(`SELECT count(*) AS n FROM complaints WHERE ${open} AND assignee_id IS NULL GROUP BY team_code`),
    openPerOfficer: await spread(`SELECT count(*) AS n FROM complaints WHERE ${open} AND assignee_id IS NOT NULL GROUP BY assignee_id`),
    staff: await one('SELECT count(*) AS n FROM staff'),
    teams: await one('SELECT count(*) AS n FROM teams'),
  };
}
