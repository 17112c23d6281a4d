import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialectTypes } from './dialect';

/**
 * What was sent to each customer (letters, e-mails, calls) and the one satisfaction survey per
 * complaint. A survey is found by the SHA-256 of its token: the token itself is never stored.
 */
export class Communications1764800000000 implements MigrationInterface {
  name = 'Communications1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const { timestamp: ts, uuid, uuidLength } = dialectTypes(q);

    await q.createTable(
      new Table({
        name: 'communications',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'complaint_id', type: uuid, length: uuidLength },
          { name: 'template', type: 'varchar', length: '32' },
          { name: 'language', type: 'varchar', length: '2' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'recipient', type: 'varchar', length: '320', isNullable: true },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'body', type: 'text' },
          { name: 'sent_at', type: ts },
          { name: 'sent_by', type: 'varchar', length: '64' },
          { name: 'delivery', type: 'varchar', length: '16' },
          { name: 'delivery_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: ts },
        ],
        checks: [
          { name: 'ck_communications_channel', expression: `channel IN ('email','letter','phone','sms','portal')` },
          { name: 'ck_communications_delivery', expression: `delivery IN ('recorded','sent','failed')` },
        ],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaints', referencedColumnNames: ['id'] }],
      }),
    );
    // The complaint's list, newest first, and the workflow's "when did the final response go out".
    await q.createIndex('communications', new TableIndex({ name: 'ix_communications_complaint', columnNames: ['complaint_id', 'template', 'sent_at'] }));

    await q.createTable(
      new Table({
        name: 'surveys',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'complaint_id', type: uuid, length: uuidLength },
          { name: 'created_at', type: ts },
          { name: 'expires_at', type: ts },
          { name: 'answered_at', type: ts, isNullable: true },
          { name: 'score', type: 'smallint', isNullable: true },
          { name: 'comment', type: 'varchar', length: '2000', isNullable: true },
        ],
        uniques: [{ name: 'uq_surveys_complaint', columnNames: ['complaint_id'] }],
        checks: [{ name: 'ck_surveys_score', expression: 'score IS NULL OR score BETWEEN 1 AND 5' }],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaints', referencedColumnNames: ['id'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('surveys');
    await q.dropTable('communications');
  }
}
