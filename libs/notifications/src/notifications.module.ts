import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@redress/queue';
import { AlertPublisher } from './alerts/alert-publisher';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxTrigger } from './outbox/outbox-trigger';
import { WebhookDeliveryQueue } from './webhooks/webhook-delivery-queue';
import { loadWebhookSettings, WEBHOOK_SETTINGS } from './webhooks/webhook-settings';

/**
 * What the rest of the system uses from notifications, in either process: OutboxTrigger after a
 * commit that added outbox events, AlertPublisher after one that raised alerts. Global, like the
 * database and queue modules, because the complaint workflow and the SLA timers both need them.
 */
@Global()
@Module({
  imports: [
    // Registers the entity in whichever process this runs, so addOutboxEvent works in both.
    TypeOrmModule.forFeature([OutboxEvent]),
    BullModule.registerQueue({ name: QUEUES.outbox }, { name: QUEUES.webhooks }),
  ],
  providers: [{ provide: WEBHOOK_SETTINGS, useFactory: () => loadWebhookSettings() }, OutboxTrigger, AlertPublisher, WebhookDeliveryQueue],
  exports: [BullModule, WEBHOOK_SETTINGS, OutboxTrigger, AlertPublisher, WebhookDeliveryQueue],
})
export class NotificationsModule {}
