import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dialectTypes } from './dialect';

/** Teams and staff: who handles which complaints, and the escalation chain's people. */
export class Organisation1764400000000 implements MigrationInterface {
  name = 'Organisation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const { timestamp: ts, json } = dialectTypes(q);

    await q.createTable(
      new Table({
        name: 'teams',
        columns: [
          { name: 'code', type: 'varchar', length: '32', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'supervisor_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'manager_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'categories', type: json },
          { name: 'languages', type: json },
          { name: 'auto_assign', type: 'varchar', length: '16' },
          { name: 'round_robin_cursor', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'staff',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'roles', type: json },
          { name: 'teams', type: json },
          { name: 'skills', type: json },
          { name: 'languages', type: json },
          { name: 'capacity', type: 'integer' },
          { name: 'active', type: 'boolean', default: true },
          { name: 'created_at', type: ts },
          { name: 'updated_at', type: ts },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('staff');
    await q.dropTable('teams');
  }
}
