import { Processor } from '@nestjs/bullmq';
import { QUEUES, WEBHOOK_JOBS, QueueWorkerHost } from '@redress/queue';
import { Job } from 'bullmq';
import { attemptPosition, DeliverJob } from './webhook-delivery-queue';
import { AttemptOutcome, WebhookDeliveryService } from './webhook-delivery.service';

/** Receivers are slow, not busy: several deliveries wait on the network at once. */
@Processor(QUEUES.webhooks, { concurrency: 10 })
export class WebhookDeliveryProcessor extends QueueWorkerHost {
  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: Job<DeliverJob>): Promise<AttemptOutcome> {
    if (job.name !== WEBHOOK_JOBS.deliver) throw new Error(`No handler for webhook job "${job.name}"`);
    return this.deliveries.attempt(job.data.deliveryId, attemptPosition(job));
  }
}
