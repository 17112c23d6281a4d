import { MigrationInterface, QueryRunner } from 'typeorm';

export class Communications1764800000000 implements MigrationInterface {
  name = 'Communications1764800000000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
