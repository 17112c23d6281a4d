import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialectTypes } from './dialect';

/** Webhook subscriptions to outbox events, and one delivery row per (webhook, event) with its attempts. */
export class Webhooks1764900000000 implements MigrationInterface {
  name = 'Webhooks1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const { pg, timestamp: ts, json, uuid, uuidLength } = dialectTypes(q);

    await q.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'url', type: 'varchar', length: '2000' },
          { name: 'events', type: json },
          { name: 'secret', type: 'varchar', length: '200' },
          { name: 'active', type: 'boolean', default: true },
          { name: 'owner_kind', type: 'varchar', length: '16' },
          { name: 'owner_id', type: 'varchar', length: '64' },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
    await q.createIndex('webhooks', new TableIndex({ name: 'ix_webhooks_owner', columnNames: ['owner_kind', 'owner_id'] }));

    await q.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'webhook_id', type: uuid, length: uuidLength },
          { name: 'outbox_event_id', type: pg ? 'bigint' : 'integer' },
          { name: 'event_type', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_status_code', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
          { name: 'next_attempt_at', type: ts, isNullable: true },
          { name: 'delivered_at', type: ts, isNullable: true },
          { name: 'created_at', type: ts },
        ],
        // Deleting a webhook takes its delivery history with it; outbox rows are not referenced so
        // that a future outbox purge is not blocked by old deliveries.
        foreignKeys: [{ columnNames: ['webhook_id'], referencedTableName: 'webhooks', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createIndices('webhook_deliveries', [
      // One delivery per webhook and event, whichever dispatcher gets there.
      new TableIndex({ name: 'uq_webhook_deliveries_once', columnNames: ['webhook_id', 'outbox_event_id'], isUnique: true }),
      new TableIndex({ name: 'ix_webhook_deliveries_list', columnNames: ['webhook_id', 'created_at'] }),
    ]);
    // The sweep looks for pending deliveries whose job may have been lost.
    if (pg) {
      await q.query(`CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending'`);
    } else {
      await q.createIndex('webhook_deliveries', new TableIndex({ name: 'ix_webhook_deliveries_pending', columnNames: ['status', 'created_at'] }));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('webhook_deliveries');
    await q.dropTable('webhooks');
  }
}
