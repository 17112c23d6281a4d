import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OUTBOX_JOBS, QUEUES } from '@redress/queue';
import { Queue } from 'bullmq';
import { NotificationsModule } from './notifications.module';
import { DeliverySweeper } from './outbox/delivery-sweeper.service';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.service';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxProcessor } from './outbox/outbox.processor';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WEBHOOK_SETTINGS, WebhookSettings } from './webhooks/webhook-settings';
import { Webhook } from './webhooks/webhook.entity';

/**
 * Worker side: outbox dispatch (scheduled, and on each kick) and webhook delivery. The schedulers
 * are upserted, so however many workers start there is one of each.
 */
@Module({
  imports: [NotificationsModule, TypeOrmModule.forFeature([OutboxEvent, Webhook, WebhookDelivery])],
  providers: [OutboxDispatcher, DeliverySweeper, WebhookDeliveryService, OutboxProcessor, WebhookDeliveryProcessor],
})
export class NotificationsWorkerModule implements OnApplicationBootstrap {
  constructor(
    @Inject(getQueueToken(QUEUES.outbox)) private readonly queue: Queue,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler(OUTBOX_JOBS.dispatch, { every: this.settings.dispatchEveryMs }, { name: OUTBOX_JOBS.dispatch, opts });
    await this.queue.upsertJobScheduler(
      OUTBOX_JOBS.sweepDeliveries,
      { every: this.settings.sweepEveryMs },
      { name: OUTBOX_JOBS.sweepDeliveries, opts },
    );
  }
}
