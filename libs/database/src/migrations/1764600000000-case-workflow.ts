import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { dialectTypes } from './dialect';

const OPEN = `('received','acknowledged','investigating','awaiting_customer','reopened','under_review')`;

/**
 * The case workflow and SLA clock on each complaint, its append-only audit chain, the outbox of
 * events for webhooks, and the SLA alerts.
 */
export class CaseWorkflow1764600000000 implements MigrationInterface {
  name = 'CaseWorkflow1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const { pg, timestamp: ts, json, uuid, uuidLength } = dialectTypes(q);

    await q.addColumns('complaints', [
      new TableColumn({ name: 'jurisdiction', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'team_code', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'assignee_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'assigned_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'priority_rank', type: 'smallint', default: 2 }),
      new TableColumn({ name: 'due_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'breached', type: 'boolean', default: false }),
      new TableColumn({ name: 'resolution', type: json, isNullable: true }),
      new TableColumn({ name: 'resolved_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'closed_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'final_response_sent_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'review_requested_at', type: ts, isNullable: true }),
      new TableColumn({ name: 'merged_into', type: uuid, length: uuidLength, isNullable: true }),
      new TableColumn({ name: 'sla_policy_code', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'sla_match_reason', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'sla_clock', type: json, isNullable: true }),
      new TableColumn({ name: 'sla_version', type: 'integer', default: 0 }),
      new TableColumn({ name: 'sla_next_wake_at', type: ts, isNullable: true }),
    ]);
    await q.query(
      `UPDATE complaints SET priority_rank = CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
    );
    if (pg) {
      // The officer's queue: unassigned work per team, and each officer's own, in QUEUE_ORDER.
      await q.query(
        `CREATE INDEX ix_complaints_queue_team ON complaints (team_code, breached DESC, due_at ASC NULLS LAST, priority_rank, received_at, id)
         WHERE assignee_id IS NULL AND status IN ${OPEN}`,
      );
      await q.query(
        `CREATE INDEX ix_complaints_queue_assignee ON complaints (assignee_id, breached DESC, due_at ASC NULLS LAST, priority_rank, received_at, id)
         WHERE assignee_id IS NOT NULL AND status IN ${OPEN}`,
      );
      await q.query(`CREATE INDEX ix_complaints_sla_wake ON complaints (sla_next_wake_at) WHERE sla_next_wake_at IS NOT NULL`);
    } else {
      await q.createIndices('complaints', [
        new TableIndex({ name: 'ix_complaints_queue_team', columnNames: ['team_code', 'assignee_id', 'status', 'breached', 'due_at'] }),
        new TableIndex({ name: 'ix_complaints_queue_assignee', columnNames: ['assignee_id', 'status', 'breached', 'due_at'] }),
        new TableIndex({ name: 'ix_complaints_sla_wake', columnNames: ['sla_next_wake_at'] }),
      ]);
    }

    await q.createTable(
      new Table({
        name: 'complaint_events',
        columns: [
          { name: 'id', type: pg ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'complaint_id', type: uuid, length: uuidLength },
          { name: 'seq', type: 'integer' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'actor_kind', type: 'varchar', length: '16' },
          { name: 'actor_id', type: 'varchar', length: '64' },
          { name: 'at', type: ts },
          { name: 'details', type: json },
          { name: 'previous_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaints', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndex('complaint_events', new TableIndex({ name: 'uq_complaint_events_seq', columnNames: ['complaint_id', 'seq'], isUnique: true }));
    // Append-only at the database, so neither the application nor a stray script can rewrite it.
    if (pg) {
      await q.query(`CREATE FUNCTION complaint_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'complaint_events is append-only: % refused', TG_OP; END $$`);
      await q.query(`CREATE TRIGGER complaint_events_no_change BEFORE UPDATE OR DELETE ON complaint_events
        FOR EACH ROW EXECUTE FUNCTION complaint_events_append_only()`);
      await q.query(`CREATE TRIGGER complaint_events_no_truncate BEFORE TRUNCATE ON complaint_events
        FOR EACH STATEMENT EXECUTE FUNCTION complaint_events_append_only()`);
    } else {
      await q.query(`CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON complaint_events
        BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only: UPDATE refused'); END`);
      await q.query(`CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON complaint_events
        BEGIN SELECT RAISE(ABORT, 'complaint_events is append-only: DELETE refused'); END`);
    }

    await q.createTable(
      new Table({
        name: 'outbox_events',
        columns: [
          { name: 'id', type: pg ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'type', type: 'varchar', length: '64' },
          { name: 'complaint_id', type: uuid, length: uuidLength, isNullable: true },
          { name: 'payload', type: json },
          { name: 'created_at', type: ts },
          { name: 'dispatched_at', type: ts, isNullable: true },
        ],
      }),
    );
    await q.createIndex('outbox_events', new TableIndex({ name: 'ix_outbox_pending', columnNames: ['dispatched_at', 'id'] }));

    await q.createTable(
      new Table({
        name: 'alerts',
        columns: [
          { name: 'id', type: uuid, length: uuidLength, isPrimary: true },
          { name: 'complaint_id', type: uuid, length: uuidLength },
          { name: 'team_code', type: 'varchar', length: '32', isNullable: true },
          { name: 'milestone', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'level', type: 'integer', isNullable: true },
          { name: 'fraction', type: 'real', isNullable: true },
          { name: 'alert_key', type: 'varchar', length: '100' },
          { name: 'clock_version', type: 'integer' },
          { name: 'recipients', type: json },
          { name: 'due_at', type: ts },
          { name: 'threshold_at', type: ts },
          { name: 'raised_at', type: ts },
          { name: 'acknowledged_at', type: ts, isNullable: true },
          { name: 'acknowledged_by', type: 'varchar', length: '64', isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['complaint_id'], referencedTableName: 'complaints', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createIndices('alerts', [
      // Exactly once per complaint, milestone, threshold and clock version, however many workers run.
      new TableIndex({ name: 'uq_alerts_once', columnNames: ['complaint_id', 'alert_key', 'clock_version'], isUnique: true }),
      new TableIndex({ name: 'ix_alerts_team_raised', columnNames: ['team_code', 'raised_at'] }),
      new TableIndex({ name: 'ix_alerts_raised', columnNames: ['raised_at', 'id'] }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    const { pg } = dialectTypes(q);
    await q.dropTable('alerts');
    await q.dropTable('outbox_events');
    await q.dropTable('complaint_events');
    if (pg) await q.query('DROP FUNCTION complaint_events_append_only()');
    for (const index of ['ix_complaints_queue_team', 'ix_complaints_queue_assignee', 'ix_complaints_sla_wake']) {
      await q.dropIndex('complaints', index);
    }
    for (const column of [
      'jurisdiction', 'team_code', 'assignee_id', 'assigned_at', 'priority_rank', 'due_at', 'breached', 'resolution', 'resolved_at',
      'closed_at', 'final_response_sent_at', 'review_requested_at', 'merged_into', 'sla_policy_code', 'sla_match_reason',
      'sla_clock', 'sla_version', 'sla_next_wake_at',
    ]) {
      await q.dropColumn('complaints', column);
    }
  }
}
