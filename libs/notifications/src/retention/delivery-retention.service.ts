import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { deleteInBatches } from '@redress/database';
import { DataSource } from 'typeorm';

export interface RetentionPurge {
  webhookDeliveries: number;
  outboxEvents: number;
  alertEmails: number;
  alertDigests: number;
}

/** Rows per DELETE; up to 200 of them per table and run, and a larger backlog is left to the next run. */
export const PURGE_BATCH = 1_000;

/**
 * Deletes delivery records older than DELIVERY_RETENTION_DAYS that nothing will read again:
 * webhook deliveries that succeeded or failed for good, the outbox events behind them once no
 * delivery refers to them (a pending delivery, or a failed one an integrator may still retry,
 * needs its event's payload), alert e-mails that were sent, listed in a digest, skipped or
 * failed (or held for a digest that failed or was skipped for good), and digest windows that are
 * over. Rows still in flight (pending, sending, held for a digest still owed) are never touched,
 * whatever their age, and a failed delivery retried by hand while a purge runs stays
 * (deleteInBatches).
 * Age counts from when the row was created.
 */
@Injectable()
export class DeliveryRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async purge(): Promise<RetentionPurge> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.notifications.deliveryRetentionDays * 86_400_000);
    // Deliveries before their events, e-mails before their digests: what refers goes first. Each
    // condition matches a partial index of DeliveryRetention1765300000000, read in age order.
    const webhookDeliveries = await this.purgeTable('webhook_deliveries', `status IN ('succeeded','failed') AND created_at < :cutoff`, 'created_at', cutoff);
    const outboxEvents = await this.purgeTable(
      'outbox_events',
      'dispatched_at IS NOT NULL AND created_at < :cutoff AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_event_id = outbox_events.id)',
      'created_at',
      cutoff,
    );
    const alertEmails =
      (await this.purgeTable('alert_emails', `status IN ('sent','digested','skipped','failed') AND created_at < :cutoff`, 'created_at', cutoff)) +
      // Held for a digest that failed or was skipped for good: no one will send or list them now.
      (await this.purgeTable(
        'alert_emails',
        `status = 'held' AND created_at < :cutoff
         AND EXISTS (SELECT 1 FROM alert_digests g WHERE g.recipient_id = alert_emails.recipient_id AND g.window_start = alert_emails.window_start
           AND g.status IN ('failed','skipped'))`,
        'created_at',
        cutoff,
      ));
    // An open window never reached the digest threshold: only its counter is left, long unread.
    const alertDigests = await this.purgeTable(
      'alert_digests',
      `status IN ('open','sent','skipped','failed') AND window_start < :cutoff
       AND NOT EXISTS (SELECT 1 FROM alert_emails e WHERE e.recipient_id = alert_digests.recipient_id AND e.window_start = alert_digests.window_start)`,
      'window_start',
      cutoff,
    );
    return { webhookDeliveries, outboxEvents, alertEmails, alertDigests };
  }

  private purgeTable(table: string, where: string, orderBy: string, cutoff: Date): Promise<number> {
    return deleteInBatches(this.dataSource, table, { where, parameters: { cutoff }, orderBy, batch: PURGE_BATCH });
  }
}
