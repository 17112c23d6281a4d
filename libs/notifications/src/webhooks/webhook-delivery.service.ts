import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock } from '@redress/config';
import { Metrics } from '@redress/observability';
import { Repository } from 'typeorm';
import { OutboxEvent } from '../outbox/outbox-event.entity';
import { AttemptPosition } from './webhook-delivery-queue';
import { WebhookDelivery } from './webhook-delivery.entity';
import { postWebhook, PostResult } from './webhook-http';
import { signWebhook } from './webhook-signature';
import { Webhook } from './webhook.entity';

export type AttemptOutcome = 'succeeded' | 'skipped' | 'abandoned';

/** What a receiver is POSTed. `id` is the event's and the same for every webhook, so receivers can deduplicate on it. */
export interface WebhookPayload {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/**
 * One delivery attempt. Everything is re-read from the database, so a job is only a reminder: a
 * delivery that already succeeded, or whose webhook was deleted, is left alone.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(Webhook) private readonly webhooks: Repository<Webhook>,
    @InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  /** Resolves when there is nothing (more) to do; rejects when the queue should try again. */
  async attempt(deliveryId: string, position: AttemptPosition): Promise<AttemptOutcome> {
    const delivery = await this.deliveries.findOneBy({ id: deliveryId });
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    const webhook = await this.webhooks.findOneBy({ id: delivery.webhookId });
    const event = await this.events.findOneBy({ id: delivery.outboxEventId });
    if (!webhook || !webhook.active || !event) {
      // Retrying cannot help; a manual retry after reactivating the webhook can.
      await this.record(delivery, 'failed', { lastError: !event ? 'the event no longer exists' : 'the webhook is inactive' }, 'abandoned');
      return 'abandoned';
    }

    const result = await this.post(webhook, delivery, event);
    const attempts = delivery.attempts + 1;
    const recorded = { attempts, lastStatusCode: result.statusCode, lastError: result.error };
    if (result.ok) {
      await this.record(delivery, 'succeeded', { ...recorded, deliveredAt: this.clock.now() }, 'succeeded');
      return 'succeeded';
    }
    if (position.final) {
      await this.record(delivery, 'failed', recorded, 'failed');
    } else {
      await this.record(delivery, 'pending', { ...recorded, nextAttemptAt: new Date(this.clock.now().getTime() + position.retryInMs) }, 'retrying');
    }
    this.logger.warn(
      { deliveryId, webhookId: webhook.id, attempts, statusCode: result.statusCode, error: result.error, final: position.final },
      'Webhook delivery attempt failed',
    );
    throw new Error(`Webhook delivery attempt ${attempts} failed: ${result.error}`);
  }

  private post(webhook: Webhook, delivery: WebhookDelivery, event: OutboxEvent): Promise<PostResult> {
    const payload: WebhookPayload = {
      id: String(event.id),
      type: event.type,
      occurredAt: new Date(event.createdAt).toISOString(),
      data: event.payload,
    };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    return postWebhook(
      webhook.url,
      {
        'Content-Type': 'application/json',
        'User-Agent': 'Redress-Webhooks/1',
        'Redress-Event': event.type,
        'Redress-Delivery': delivery.id,
        'Redress-Timestamp': String(timestamp),
        'Redress-Signature': signWebhook(webhook.secret, timestamp, body),
      },
      body,
    );
  }

  /**
   * Only a pending row is updated, so a stalled duplicate attempt cannot overwrite a finished one;
   * and only an outcome written is counted.
   */
  private async record(
    delivery: WebhookDelivery,
    status: WebhookDelivery['status'],
    changes: Partial<WebhookDelivery>,
    outcome: 'succeeded' | 'retrying' | 'failed' | 'abandoned',
  ): Promise<void> {
    const result = await this.deliveries.update({ id: delivery.id, status: 'pending' }, { nextAttemptAt: null, ...changes, status });
    if ((result.affected ?? 0) > 0) this.metrics.webhookDeliveries.inc({ outcome });
  }
}
