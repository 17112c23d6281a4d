import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { dialectTypes } from './dialect';

/**
 * Each complaint keeps its description's shingle fingerprint, so duplicate detection at intake
 * does not re-shingle earlier descriptions. Rows from before this migration have none; intake
 * computes theirs from the description.
 */
export class DescriptionFingerprint1764500000000 implements MigrationInterface {
  name = 'DescriptionFingerprint1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('complaints', new TableColumn({ name: 'description_fingerprint', type: dialectTypes(q).json, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('complaints', 'description_fingerprint');
  }
}
