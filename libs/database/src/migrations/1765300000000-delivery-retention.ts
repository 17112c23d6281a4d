import { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectTypes } from './dialect';

/**
 * The worker's hourly purge (DeliveryRetention) keeps an outbox event while any webhook delivery
 * refers to it, and asks that per event. The only index on webhook_deliveries that contains
 * outbox_event_id leads with webhook_id, so without this one each purge batch would read every
 * delivery kept (DELIVERY_RETENTION_DAYS of them).
 *
 * Outside a transaction so that PostgreSQL builds it CONCURRENTLY: deliveries keep being written
 * while it builds. IF NOT EXISTS lets a run interrupted after the build be repeated; an
 * interrupted concurrent build leaves an invalid index, which `down` then `up` replaces.
 */
export class DeliveryRetention1765300000000 implements MigrationInterface {
  name = 'DeliveryRetention1765300000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    const concurrently = dialectTypes(q).pg ? 'CONCURRENTLY ' : '';
    await q.query(`CREATE INDEX ${concurrently}IF NOT EXISTS ix_webhook_deliveries_event ON webhook_deliveries (outbox_event_id)`);
  }

  // Plain DROP INDEX: TypeORM runs `down` in a transaction whatever `transaction` says, and the
  // drop itself is quick.
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS ix_webhook_deliveries_event');
  }
}
