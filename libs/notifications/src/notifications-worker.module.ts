import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from '@redress/communications';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { ALERT_EMAIL_JOBS, OUTBOX_JOBS, QUEUES } from '@redress/queue';
import { Queue } from 'bullmq';
import { AlertDigest } from './alerts/alert-digest.entity';
import { AlertEmailPlanner } from './alerts/alert-email-planner';
import { AlertEmailQueue } from './alerts/alert-email-queue';
import { AlertEmailSweeper } from './alerts/alert-email-sweeper';
import { ALERT_MAILER } from './alerts/alert-email-transport';
import { AlertEmail } from './alerts/alert-email.entity';
import { AlertEmailProcessor } from './alerts/alert-email.processor';
import { AlertEmailService } from './alerts/alert-email.service';
import { NotificationsModule } from './notifications.module';
import { DeliverySweeper } from './outbox/delivery-sweeper.service';
import { OutboxDispatcher } from './outbox/outbox-dispatcher.service';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxProcessor } from './outbox/outbox.processor';
import { DeliveryRetention } from './retention/delivery-retention.service';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookDeliveryProcessor } from './webhooks/webhook-delivery.processor';
import { WebhookDeliveryService } from './webhooks/webhook-delivery.service';
import { WEBHOOK_SETTINGS, WebhookSettings } from './webhooks/webhook-settings';
import { Webhook } from './webhooks/webhook.entity';

/**
 * Worker side: outbox dispatch (scheduled, and on each kick), webhook delivery and alert e-mail
 * (sent only while SMTP_URL is set). The schedulers are upserted, so however many workers start
 * there is one of each.
 */
@Module({
  imports: [
    NotificationsModule,
    TypeOrmModule.forFeature([OutboxEvent, Webhook, WebhookDelivery, AlertEmail, AlertDigest]),
    BullModule.registerQueue({ name: QUEUES.alertEmails }),
  ],
  providers: [
    OutboxDispatcher,
    DeliverySweeper,
    WebhookDeliveryService,
    OutboxProcessor,
    WebhookDeliveryProcessor,
    // Customer letters' transport (SMTP_URL, MAIL_FROM); its own instance here, for staff alerts.
    { provide: ALERT_MAILER, useClass: Mailer },
    AlertEmailPlanner,
    AlertEmailQueue,
    AlertEmailService,
    AlertEmailSweeper,
    AlertEmailProcessor,
    DeliveryRetention,
  ],
  exports: [DeliveryRetention],
})
export class NotificationsWorkerModule implements OnApplicationBootstrap {
  constructor(
    @Inject(getQueueToken(QUEUES.outbox)) private readonly queue: Queue,
    @Inject(getQueueToken(QUEUES.alertEmails)) private readonly alertEmailQueue: Queue,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const opts = { removeOnComplete: 100, removeOnFail: 100 };
    await this.queue.upsertJobScheduler(OUTBOX_JOBS.dispatch, { every: this.settings.dispatchEveryMs }, { name: OUTBOX_JOBS.dispatch, opts });
    await this.queue.upsertJobScheduler(
      OUTBOX_JOBS.sweepDeliveries,
      { every: this.settings.sweepEveryMs },
      { name: OUTBOX_JOBS.sweepDeliveries, opts },
    );
    await this.alertEmailQueue.upsertJobScheduler(
      ALERT_EMAIL_JOBS.sweep,
      { every: this.config.notifications.alertEmail.sweepIntervalMs },
      { name: ALERT_EMAIL_JOBS.sweep, opts },
    );
  }
}
