import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One outbox event for one webhook. The row, not the queue, is the truth: its job (id = this id)
 * may be lost with Redis and is then re-added from here.
 */
@Entity('webhook_deliveries')
export class WebhookDelivery {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ name: 'webhook_id', type: columnTypes.uuid })
  webhookId: string;

  @Column({ name: 'outbox_event_id', type: columnTypes.bigint })
  outboxEventId: string;

  @Column({ name: 'event_type', type: 'varchar', length: 64 })
  eventType: string;

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  /** What went wrong, in a few words; the receiver's response body is never stored. */
  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  /** When the queue will try again, while pending after a failed attempt. */
  @Column({ name: 'next_attempt_at', type: columnTypes.timestamp, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'delivered_at', type: columnTypes.timestamp, nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
