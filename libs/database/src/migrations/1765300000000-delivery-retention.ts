import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectTypes } from './dialect';

/**
 * Indexes for the worker's hourly purge (DeliveryRetention), so that each batch reads the rows it
 * deletes instead of the whole table: per table, the finished rows in age order (partial indexes,
 * so rows still in flight cost nothing extra), and the deliveries of an event, which the outbox
 * purge asks about per event (the only other index holding outbox_event_id leads with webhook_id).
 *
 * Outside a transaction so that PostgreSQL builds them CONCURRENTLY: the tables keep being written
 * while they build. An interrupted concurrent build leaves an invalid index behind; `up` drops such
 * an index and builds it again, so running it again after a failure repairs it.
 */
const INDEXES = [
  { name: 'ix_webhook_deliveries_event', table: 'webhook_deliveries', on: '(outbox_event_id)' },
  { name: 'ix_webhook_deliveries_finished', table: 'webhook_deliveries', on: `(created_at) WHERE status IN ('succeeded','failed')` },
  { name: 'ix_outbox_events_dispatched', table: 'outbox_events', on: '(created_at) WHERE dispatched_at IS NOT NULL' },
  // PostgreSQL: 'held' too, for the e-mails of a digest that failed for good (its planner proves
  // that both purge conditions imply this one). SQLite uses a partial index only when the query
  // repeats its condition term for term, so there it is the main purge's condition.
  {
    name: 'ix_alert_emails_finished',
    table: 'alert_emails',
    on: `(created_at) WHERE status IN ('sent','digested','skipped','failed','held')`,
    sqlite: `(created_at) WHERE status IN ('sent','digested','skipped','failed')`,
  },
  { name: 'ix_alert_digests_closed', table: 'alert_digests', on: `(window_start) WHERE status IN ('open','sent','skipped','failed')` },
] as const;

export class DeliveryRetention1765300000000 implements MigrationInterface {
  name = 'DeliveryRetention1765300000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const pg = dialectTypes(q).pg;
    for (const index of INDEXES) {
      if (pg) {
        const [state] = (await q.query(
          `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`,
          [index.name],
        )) as Array<{ valid: boolean }>;
        if (state?.valid) continue;
        if (state) await q.query(`DROP INDEX CONCURRENTLY ${index.name}`);
        await q.query(`CREATE INDEX CONCURRENTLY ${index.name} ON ${index.table} ${index.on}`);
      } else {
        await q.query(`CREATE INDEX IF NOT EXISTS ${index.name} ON ${index.table} ${'sqlite' in index ? index.sqlite : index.on}`);
      }
    }
  }

  // Plain DROP INDEX: TypeORM runs `down` in a transaction whatever `transaction` says, and a drop
  // is quick.
  async down(q: QueryRunner): Promise<void> {
    for (const index of [...INDEXES].reverse()) await q.query(`DROP INDEX IF EXISTS ${index.name}`);
  }
}
