import type { Principal } from '@redress/auth';
import { Client } from 'pg';
import type { DataSource, EntityManager, Logger as TypeOrmLogger } from 'typeorm';

/**
 * The SQL the queue service really issues, and its plans: the service's own QueueService runs
 * in this process on a DataSource whose logger records every statement with its parameters, then
 * each SELECT on complaints is run again under EXPLAIN (ANALYZE, BUFFERS) on the bench database.
 * claim-next runs in a transaction that is rolled back, so nothing is claimed.
 *
 * Entity modules read DATABASE_URL when they are first imported (libs/database/src/column-types.ts
 * picks the column types), so this module imports them lazily and the caller sets DATABASE_URL
 * before the first call.
 */

export interface QueueCase {
  label: string;
  principal: Principal;
  query: { scope?: 'all' | 'mine' | 'unassigned'; team?: string; limit?: number };
  /** Also explain page 2, following the first page's nextCursor. */
  page2?: boolean;
}

export interface ExplainedStatement {
  label: string;
  sql: string;
  params: unknown[];
  planningMs: number;
  executionMs: number;
  sharedHit: number;
  sharedRead: number;
  plan: string;
}

class RolledBack extends Error {}

class Recorder implements TypeOrmLogger {
  recording = false;
  statements: Array<{ sql: string; params: unknown[] }> = [];
  logQuery(query: string, parameters?: unknown[]): void {
    if (this.recording) this.statements.push({ sql: query, params: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function openDataSource(url: string, recorder: Recorder): Promise<DataSource> {
  const { isPostgres } = await import('../../libs/database/src/column-types');
  if (!isPostgres) throw new Error('queue-explain: set DATABASE_URL to the bench database before the first call');
  const [{ DataSource: DataSourceClass }, complaints, organisation, notifications] = await Promise.all([
    import('typeorm'),
    import('@redress/complaints'),
    import('@redress/organisation'),
    import('@redress/notifications'),
  ]);
  return new DataSourceClass({
    type: 'postgres',
    url,
    entities: [complaints.Complaint, complaints.ComplaintEvent, organisation.Staff, organisation.Team, notifications.OutboxEvent],
    synchronize: false,
    migrationsRun: false,
    logging: ['query'],
    logger: recorder,
    extra: { max: 4 },
  }).initialize();
}

async function explain(client: Client, label: string, sql: string, params: unknown[]): Promise<ExplainedStatement> {
  await client.query('BEGIN');
  try {
    // Twice: the first run warms the cache and the plan; the second is the one reported.
    await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const lines = rows.map((r) => r['QUERY PLAN']);
    const number = (re: RegExp) => Number(lines.join('\n').match(re)?.[1] ?? NaN);
    const top = lines.find((l) => l.includes('Buffers:')) ?? '';
    return {
      label,
      sql,
      params,
      planningMs: number(/Planning Time: ([\d.]+) ms/),
      executionMs: number(/Execution Time: ([\d.]+) ms/),
      sharedHit: Number(top.match(/shared hit=(\d+)/)?.[1] ?? 0),
      sharedRead: Number(top.match(/read=(\d+)/)?.[1] ?? 0),
      plan: lines.join('\n'),
    };
  } finally {
    await client.query('ROLLBACK');
  }
}

const isComplaintSelect = (sql: string) => /^\s*SELECT/i.test(sql) && /FROM "complaints"/.test(sql);

/** Plans of the queue page statements for each case, and of claim-next's statements for `claimer`. */
export async function explainQueue(url: string, cases: QueueCase[], claimer: Principal): Promise<ExplainedStatement[]> {
  const recorder = new Recorder();
  const dataSource = await openDataSource(url, recorder);
  const client = new Client({ connectionString: url });
  await client.connect();
  const out: ExplainedStatement[] = [];
  try {
    const [{ QueueService }, { AuditTrail }] = await Promise.all([import('../../libs/casework/src/queue/queue.service'), import('@redress/complaints')]);
    const rollback = {
      run: <T>(work: (manager: EntityManager) => Promise<T>): Promise<T | null> =>
        dataSource
          .transaction(async (manager) => {
            await work(manager);
            throw new RolledBack();
          })
          .catch((error: unknown) => {
            if (error instanceof RolledBack) return null;
            throw error;
          }),
    };
    const clock = { now: () => new Date() };
    const outbox = { kick: async () => undefined };
    const service = new QueueService(dataSource, rollback as never, new AuditTrail(dataSource), outbox as never, clock as never);

    const record = async (work: () => Promise<unknown>) => {
      recorder.statements = [];
      recorder.recording = true;
      try {
        await work();
      } finally {
        recorder.recording = false;
      }
      return recorder.statements;
    };

    for (const c of cases) {
      let nextCursor: string | null = null;
      const first = await record(async () => {
        nextCursor = (await service.page(c.principal, c.query)).nextCursor;
      });
      for (const [i, s] of first.filter((s) => isComplaintSelect(s.sql)).entries()) {
        out.push(await explain(client, `${c.label}, page 1, statement ${i + 1}`, s.sql, s.params));
      }
      if (c.page2 && nextCursor) {
        const cursor: string = nextCursor;
        const second = await record(() => service.page(c.principal, { ...c.query, cursor }));
        for (const [i, s] of second.filter((s) => isComplaintSelect(s.sql)).entries()) {
          out.push(await explain(client, `${c.label}, page 2, statement ${i + 1}`, s.sql, s.params));
        }
      }
    }

    const claim = await record(() => service.claimNext(claimer));
    const selects = claim.filter((s) => /^\s*SELECT/i.test(s.sql) && !/"staff"/.test(s.sql));
    for (const s of selects) {
      const what = /COUNT\(\*\)/i.test(s.sql) ? 'open cases of the officer' : /SKIP LOCKED/i.test(s.sql) ? 'next claimable case' : /complaint_events/.test(s.sql) ? 'latest audit event' : 'lock the case';
      out.push(await explain(client, `claim-next: ${what}`, s.sql, s.params));
    }
    return out;
  } finally {
    await client.end().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
  }
}
