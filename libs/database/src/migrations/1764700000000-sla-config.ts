import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dialectTypes } from './dialect';

/**
 * The bank's own SLA policies and business calendars, and the official holiday schedules admins
 * load each year. The regulators' presets and the calendars they count in live in code and are
 * never stored.
 */
export class SlaConfig1764700000000 implements MigrationInterface {
  name = 'SlaConfig1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const { timestamp: ts, json } = dialectTypes(q);

    await q.createTable(
      new Table({
        name: 'sla_policies',
        columns: [
          { name: 'code', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'definition', type: json },
          { name: 'match', type: json },
          { name: 'builtin', type: 'boolean', default: false },
          { name: 'active', type: 'boolean', default: true },
          { name: 'version', type: 'integer', default: 1 },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'calendars',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'definition', type: json },
          { name: 'builtin', type: 'boolean', default: false },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'holiday_schedules',
        columns: [
          { name: 'country', type: 'varchar', length: '2', isPrimary: true },
          { name: 'year', type: 'integer', isPrimary: true },
          { name: 'holidays', type: json },
          { name: 'working_days', type: json },
          { name: 'source', type: 'varchar', length: '500' },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('holiday_schedules');
    await q.dropTable('calendars');
    await q.dropTable('sla_policies');
  }
}
