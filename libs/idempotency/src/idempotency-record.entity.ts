import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('idempotency_keys')
export class IdempotencyRecord {
  /** The caller the key belongs to: two clients may use the same key independently. */
  @PrimaryColumn({ type: 'varchar', length: 80 })
  principal: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  @Column({ name: 'response_body', type: columnTypes.json })
  responseBody: unknown;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
