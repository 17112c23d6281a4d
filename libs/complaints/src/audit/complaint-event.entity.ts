import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One link of a complaint's hash chain (see appendAuditEvent). The table refuses UPDATE and DELETE. */
@Entity('complaint_events')
export class ComplaintEvent {
  @PrimaryGeneratedColumn({ type: columnTypes.bigint })
  id: string;

  @Column({ name: 'complaint_id', type: columnTypes.uuid })
  complaintId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind: 'staff' | 'integration' | 'system';

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId: string;

  @Column({ type: columnTypes.timestamp })
  at: Date;

  @Column({ type: columnTypes.json })
  /** A JsonObject (see canonicalJson); typed loosely because TypeORM's partial types cannot recurse into it. */
  details: Record<string, unknown>;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
