import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { deleteInBatches } from '@redress/database';
import { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AlertDigest } from '../alerts/alert-digest.entity';
import { AlertEmail } from '../alerts/alert-email.entity';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';

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
 * needs its event's payload), and alert e-mails and digests that were sent, listed in a digest,
 * skipped or failed. Rows still in flight (pending, sending, held) are never touched, whatever
 * their age. Each batch selects and deletes in one statement (deleteInBatches), so a failed
 * delivery retried by hand before that statement runs is pending by then and stays.
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
    // Deliveries before their events, e-mails before their digests: what refers goes first.
    const webhookDeliveries = await this.purgeTable(WebhookDelivery, (q) =>
      q.where('x.status IN (:...done)', { done: ['succeeded', 'failed'] }).andWhere('x.created_at < :cutoff', { cutoff }),
    );
    const outboxEvents = await this.purgeTable(
      OutboxEvent,
      (q) =>
        q
          .where('x.dispatched_at IS NOT NULL')
          .andWhere('x.created_at < :cutoff', { cutoff })
          .andWhere('NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_event_id = x.id)'),
      // Oldest first along the primary key, which follows creation.
      'x.id',
    );
    const alertEmails = await this.purgeTable(AlertEmail, (q) =>
      q.where('x.status IN (:...done)', { done: ['sent', 'digested', 'skipped', 'failed'] }).andWhere('x.created_at < :cutoff', { cutoff }),
    );
    // An open window never reached the digest threshold: only its counter is left, long unread.
    const alertDigests = await this.purgeTable(AlertDigest, (q) =>
      q
        .where('x.status IN (:...done)', { done: ['open', 'sent', 'skipped', 'failed'] })
        .andWhere('x.window_start < :cutoff', { cutoff })
        .andWhere('NOT EXISTS (SELECT 1 FROM alert_emails e WHERE e.recipient_id = x.recipient_id AND e.window_start = x.window_start)'),
    );
    return { webhookDeliveries, outboxEvents, alertEmails, alertDigests };
  }

  private purgeTable<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    expired: (query: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
    orderBy?: string,
  ): Promise<number> {
    return deleteInBatches(this.dataSource.getRepository(entity), expired, { batch: PURGE_BATCH, orderBy });
  }
}
