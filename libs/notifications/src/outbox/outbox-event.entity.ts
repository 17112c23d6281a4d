import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it reports, so an event is
 * published if and only if its change committed. The worker dispatches pending rows to webhooks.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: columnTypes.bigint })
  id: string;

  /** e.g. complaint.received, complaint.status_changed, alert.raised */
  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'complaint_id', type: columnTypes.uuid, nullable: true })
  complaintId: string | null;

  @Column({ type: columnTypes.json })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: columnTypes.timestamp, nullable: true })
  dispatchedAt: Date | null;
}
