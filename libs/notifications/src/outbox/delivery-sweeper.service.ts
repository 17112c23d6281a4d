import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock } from '@redress/config';
import { IsNull, LessThan, Repository } from 'typeorm';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookDeliveryQueue } from '../webhooks/webhook-delivery-queue';

/** A pending delivery this overdue has probably lost its job (Redis flushed, or enqueueing failed after commit). */
const STUCK_AFTER_MS = 60_000;
const SWEEP_LIMIT = 500;

/**
 * Re-adds jobs for deliveries the database says are pending but the queue seems to have lost.
 * Re-adding by delivery id is a no-op when the job does exist, so no check is needed first.
 */
@Injectable()
export class DeliverySweeper {
  constructor(
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly queue: WebhookDeliveryQueue,
    private readonly clock: Clock,
  ) {}

  /** Returns how many deliveries were re-queued. */
  async requeueStuck(): Promise<number> {
    const cutoff = LessThan(new Date(this.clock.now().getTime() - STUCK_AFTER_MS));
    const stuck = await this.deliveries.find({
      select: ['id', 'attempts'],
      where: [
        { status: 'pending', nextAttemptAt: IsNull(), createdAt: cutoff },
        { status: 'pending', nextAttemptAt: cutoff },
      ],
      order: { createdAt: 'ASC' },
      take: SWEEP_LIMIT,
    });
    await this.queue.enqueue(stuck);
    return stuck.length;
  }
}
