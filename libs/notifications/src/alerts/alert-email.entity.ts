import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AlertSummary } from './alert-email-content';

/**
 * pending: to be mailed (a job with this row's id sends it); sending: claimed by one worker until
 * `leaseUntil`; sent; held: past the window's threshold, waiting for the digest; digested: listed
 * in a sent digest; skipped: the recipient has no usable address; failed: refused for good or out
 * of attempts.
 */
export const ALERT_EMAIL_STATUSES = ['pending', 'sending', 'sent', 'held', 'digested', 'skipped', 'failed'] as const;
export type AlertEmailStatus = (typeof ALERT_EMAIL_STATUSES)[number];

/**
 * One alert for one recipient, created when the outbox event is dispatched. (alert, recipient) is
 * unique, and a worker claims the row before it sends, so several workers mail each alert once.
 * The row holds only the alert's summary and the staff id: the address is read when sending.
 */
@Entity('alert_emails')
export class AlertEmail {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ name: 'alert_id', type: columnTypes.uuid })
  alertId: string;

  @Column({ name: 'recipient_id', type: 'varchar', length: 64 })
  recipientId: string;

  /** The minute (of the dispatching worker's clock) this alert counts towards. */
  @Column({ name: 'window_start', type: columnTypes.timestamp })
  windowStart: Date;

  @Column({ type: 'varchar', length: 16 })
  status: AlertEmailStatus;

  @Column({ type: columnTypes.json })
  alert: AlertSummary;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** no_address or inactive, when skipped. */
  @Column({ name: 'skip_reason', type: 'varchar', length: 32, nullable: true })
  skipReason: string | null;

  /** The SMTP error code and reply code; never an address or a server's message text. */
  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: columnTypes.timestamp, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'lease_until', type: columnTypes.timestamp, nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'sent_at', type: columnTypes.timestamp, nullable: true })
  sentAt: Date | null;

  /** The digest that listed it, when digested. */
  @Column({ name: 'digest_id', type: columnTypes.uuid, nullable: true })
  digestId: string | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
