import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QUEUES } from '@redress/queue';
import { AlertHub } from './alerts/alert-hub';
import { AlertReplay } from './alerts/alert-replay';
import { AlertStreamController } from './alerts/alert-stream.controller';
import { AlertStreamService } from './alerts/alert-stream.service';
import { bullBoardProvider } from './bull-board/bull-board';
import { NotificationsModule } from './notifications.module';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { Webhook } from './webhooks/webhook.entity';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

const OTHER_QUEUES = Object.values(QUEUES).filter((name) => name !== QUEUES.outbox && name !== QUEUES.webhooks);

/** API side: webhook management, the live alert stream and the Bull Board dashboard. */
@Module({
  imports: [
    NotificationsModule,
    TypeOrmModule.forFeature([Webhook, WebhookDelivery]),
    // NotificationsModule registers the two queues it uses; the dashboard shows the others too.
    BullModule.registerQueue(...OTHER_QUEUES.map((name) => ({ name }))),
  ],
  controllers: [WebhooksController, AlertStreamController],
  providers: [WebhooksService, AlertHub, AlertReplay, AlertStreamService, bullBoardProvider],
})
export class NotificationsApiModule {}
