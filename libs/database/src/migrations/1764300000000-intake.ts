import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialectTypes } from './dialect';

/** Complaints as received from every channel, and the idempotency records that make retries safe. */
export class Intake1764300000000 implements MigrationInterface {
  name = 'Intake1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const { pg, timestamp: ts, json, uuid, uuidLength, decimal } = dialectTypes(q);

    await q.createTable(
      new Table({
        name: 'complaints',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'reference', type: 'varchar', length: '32', isUnique: true },
          { name: 'channel', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'priority', type: 'varchar', length: '16' },
          { name: 'priority_score', type: 'integer' },
          { name: 'priority_reasons', type: json },
          { name: 'category', type: 'varchar', length: '64', isNullable: true },
          { name: 'product', type: 'varchar', length: '100' },
          { name: 'description', type: 'text' },
          { name: 'description_language', type: 'varchar', length: '2' },
          { name: 'customer_id', type: 'varchar', length: '64' },
          { name: 'customer', type: json },
          { name: 'customer_language', type: 'varchar', length: '2' },
          { name: 'vulnerable_customer', type: 'boolean', default: false },
          { name: 'disputed_amount', type: decimal, precision: 18, scale: 2, isNullable: true },
          { name: 'disputed_currency', type: 'varchar', length: '3', isNullable: true },
          { name: 'occurred_at', type: ts, isNullable: true },
          { name: 'received_at', type: ts },
          { name: 'external_ref', type: 'varchar', length: '128', isNullable: true },
          { name: 'channel_details', type: json },
          { name: 'submitted_by', type: 'varchar', length: '64' },
          { name: 'submitted_by_kind', type: 'varchar', length: '16' },
          { name: 'possible_duplicate_of', type: uuid, length: uuidLength, isNullable: true },
          { name: 'duplicate_similarity', type: 'real', isNullable: true },
          { name: 'version', type: 'integer', default: 1 },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
        foreignKeys: [{ columnNames: ['possible_duplicate_of'], referencedTableName: 'complaints', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndices('complaints', [
      new TableIndex({ name: 'uq_complaints_channel_external_ref', columnNames: ['channel', 'external_ref'], isUnique: true }),
      new TableIndex({ name: 'ix_complaints_received', columnNames: ['received_at', 'id'] }),
      new TableIndex({ name: 'ix_complaints_customer_received', columnNames: ['customer_id', 'received_at'] }),
      new TableIndex({ name: 'ix_complaints_submitter_received', columnNames: ['submitted_by', 'received_at', 'id'] }),
      new TableIndex({ name: 'ix_complaints_status_received', columnNames: ['status', 'received_at', 'id'] }),
    ]);

    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'principal', type: 'varchar', length: '80', isPrimary: true },
          { name: 'key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'request_hash', type: 'varchar', length: '64' },
          { name: 'status_code', type: 'integer' },
          { name: 'response_body', type: json },
          { name: 'created_at', type: ts },
        ],
      }),
    );
    await q.createIndex('idempotency_keys', new TableIndex({ name: 'ix_idempotency_created', columnNames: ['created_at'] }));

    // References need a number that never repeats across concurrent intakes. PostgreSQL has
    // sequences (no lock held until commit); SQLite serialises writers anyway, so a counter row is
    // enough there.
    if (pg) {
      await q.query('CREATE SEQUENCE complaint_reference_seq START 1');
    } else {
      await q.createTable(
        new Table({
          name: 'sequences',
          columns: [
            { name: 'name', type: 'varchar', length: '64', isPrimary: true },
            { name: 'value', type: 'integer' },
          ],
        }),
      );
      await q.query(`INSERT INTO sequences (name, value) VALUES ('complaint_reference', 0)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (dialectTypes(q).pg) {
      await q.query('DROP SEQUENCE complaint_reference_seq');
    } else {
      await q.dropTable('sequences');
    }
    await q.dropTable('idempotency_keys');
    await q.dropTable('complaints');
  }
}
