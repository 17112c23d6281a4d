import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * open: the window has not passed the threshold (no digest owed); pending: a digest is owed at
 * `dueAt`; sending: claimed by one worker until `leaseUntil`; sent; skipped: nothing to list, or
 * the recipient has no usable address; failed: refused for good or out of attempts.
 */
export const ALERT_DIGEST_STATUSES = ['open', 'pending', 'sending', 'sent', 'skipped', 'failed'] as const;
export type AlertDigestStatus = (typeof ALERT_DIGEST_STATUSES)[number];

/**
 * One recipient's minute: how many alerts fell in it (the counter the storm rule reads, updated
 * under its row lock) and, once past the threshold, the one digest owed for it.
 * (recipient, window) is unique.
 */
@Entity('alert_digests')
export class AlertDigest {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ name: 'recipient_id', type: 'varchar', length: 64 })
  recipientId: string;

  @Column({ name: 'window_start', type: columnTypes.timestamp })
  windowStart: Date;

  /** Alerts for this recipient in this window that can be mailed (skipped ones do not count). */
  @Column({ name: 'alert_count', type: 'integer' })
  alertCount: number;

  @Column({ type: 'varchar', length: 16 })
  status: AlertDigestStatus;

  /** The end of the window. */
  @Column({ name: 'due_at', type: columnTypes.timestamp })
  dueAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** How many alerts the sent digest listed. */
  @Column({ type: 'integer', nullable: true })
  listed: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: columnTypes.timestamp, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'lease_until', type: columnTypes.timestamp, nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'sent_at', type: columnTypes.timestamp, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
