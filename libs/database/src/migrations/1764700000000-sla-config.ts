import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dialectTypes } from './dialect';

/** The bank's own SLA policies; the regulators' presets live in code and are never stored. */
export class SlaConfig1764700000000 implements MigrationInterface {
  name = 'SlaConfig1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const { timestamp: ts, json } = dialectTypes(q);
    await q.createTable(
      new Table({
        name: 'sla_policies',
        columns: [
          { name: 'code', type: 'varchar', length: '64', isPrimary: true },
          { name: 'definition', type: json },
          { name: 'criteria', type: json },
          { name: 'active', type: 'boolean', default: true },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('sla_policies');
  }
}
