import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { QUEUES, WEBHOOK_JOBS } from '@redress/queue';
import type { Job, Queue } from 'bullmq';
import { WEBHOOK_SETTINGS, WebhookSettings } from './webhook-settings';

export interface DeliverJob {
  deliveryId: string;
}

/** Where one attempt stands within its job's retries. */
export interface AttemptPosition {
  /** No retry follows if this attempt fails. */
  final: boolean;
  /** When it does follow: BullMQ's exponential backoff for this attempt. */
  retryInMs: number;
}

/**
 * Queues `deliver` jobs. The job id is the delivery id, so the dispatcher, the sweep and a manual
 * retry can all add the same delivery without ever creating a second job. Finished jobs are
 * removed at once because the row keeps the outcome and a later retry must be able to reuse the id.
 */
@Injectable()
export class WebhookDeliveryQueue {
  constructor(
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue<DeliverJob>,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  async enqueue(deliveries: ReadonlyArray<{ id: string; attempts: number }>): Promise<void> {
    if (deliveries.length === 0) return;
    await this.queue.addBulk(
      deliveries.map((delivery) => ({
        name: WEBHOOK_JOBS.deliver,
        data: { deliveryId: delivery.id },
        opts: {
          jobId: delivery.id,
          // A delivery re-queued after a lost job keeps the attempts it has already used.
          attempts: Math.max(1, this.settings.maxAttempts - delivery.attempts),
          backoff: { type: 'exponential', delay: this.settings.backoffMs },
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }
}

export function attemptPosition(job: Pick<Job, 'attemptsMade' | 'opts'>): AttemptPosition {
  const backoff = job.opts.backoff;
  const delay = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 0);
  return {
    final: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    retryInMs: delay * 2 ** job.attemptsMade,
  };
}
