import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialectTypes } from './dialect';

/**
 * Alert e-mail to staff: one row per (alert, recipient), and one per (recipient, minute) that
 * counts the minute's alerts and tracks the storm digest owed for it. Neither table holds an
 * address or anything about the customer.
 */
export class AlertEmails1765000000000 implements MigrationInterface {
  name = 'AlertEmails1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const { pg, timestamp: ts, json, uuid, uuidLength } = dialectTypes(q);

    await q.createTable(
      new Table({
        name: 'alert_emails',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'alert_id', type: uuid, length: uuidLength },
          { name: 'recipient_id', type: 'varchar', length: '64' },
          { name: 'window_start', type: ts },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'alert', type: json },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'skip_reason', type: 'varchar', length: '32', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
          { name: 'next_attempt_at', type: ts, isNullable: true },
          { name: 'lease_until', type: ts, isNullable: true },
          { name: 'sent_at', type: ts, isNullable: true },
          { name: 'digest_id', type: uuid, length: uuidLength, isNullable: true },
          { name: 'created_at', type: ts },
        ],
        checks: [
          { name: 'ck_alert_emails_status', expression: `status IN ('pending','sending','sent','held','digested','skipped','failed')` },
        ],
      }),
    );
    await q.createIndices('alert_emails', [
      // One e-mail per alert and recipient, however many workers dispatch.
      new TableIndex({ name: 'uq_alert_emails_once', columnNames: ['alert_id', 'recipient_id'], isUnique: true }),
      // What a digest lists: the recipient's held alerts of one window.
      new TableIndex({ name: 'ix_alert_emails_window', columnNames: ['recipient_id', 'window_start', 'status'] }),
    ]);
    // The sweep looks for e-mails whose job may have been lost.
    if (pg) {
      await q.query(`CREATE INDEX ix_alert_emails_unsent ON alert_emails (created_at) WHERE status IN ('pending','sending')`);
    } else {
      await q.createIndex('alert_emails', new TableIndex({ name: 'ix_alert_emails_unsent', columnNames: ['status', 'created_at'] }));
    }

    await q.createTable(
      new Table({
        name: 'alert_digests',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'recipient_id', type: 'varchar', length: '64' },
          { name: 'window_start', type: ts },
          { name: 'alert_count', type: 'integer' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'due_at', type: ts },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'listed', type: 'integer', isNullable: true },
          { name: 'last_error', type: 'varchar', length: '300', isNullable: true },
          { name: 'next_attempt_at', type: ts, isNullable: true },
          { name: 'lease_until', type: ts, isNullable: true },
          { name: 'sent_at', type: ts, isNullable: true },
          { name: 'created_at', type: ts },
        ],
        uniques: [{ name: 'uq_alert_digests_window', columnNames: ['recipient_id', 'window_start'] }],
        checks: [{ name: 'ck_alert_digests_status', expression: `status IN ('open','pending','sending','sent','skipped','failed')` }],
      }),
    );
    // The sweep's "digests due now".
    if (pg) {
      await q.query(`CREATE INDEX ix_alert_digests_due ON alert_digests (due_at) WHERE status IN ('pending','sending')`);
    } else {
      await q.createIndex('alert_digests', new TableIndex({ name: 'ix_alert_digests_due', columnNames: ['status', 'due_at'] }));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('alert_digests');
    await q.dropTable('alert_emails');
  }
}
