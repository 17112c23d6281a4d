import { Injectable } from '@nestjs/common';
import { Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AlertEmailPlanner } from '../alerts/alert-email-planner';
import { AlertEmailQueue } from '../alerts/alert-email-queue';
import { WebhookDelivery } from '../webhooks/webhook-delivery.entity';
import { WebhookDeliveryQueue } from '../webhooks/webhook-delivery-queue';
import { Webhook } from '../webhooks/webhook.entity';
import { OutboxEvent } from './outbox-event.entity';
import type { OutboxEventType } from './outbox';

const BATCH_SIZE = 100;
/** Batches per run, so one run stays short; the next run carries on. */
const MAX_BATCHES = 20;
const INSERT_CHUNK = 500;

interface Submitter {
  kind: string;
  id: string;
}

/** An integration client is sent events only about complaints it submitted, as it may read only those. */
export function subscribes(webhook: Webhook, event: OutboxEvent, submitter: Submitter | undefined): boolean {
  if (!webhook.events.includes(event.type as OutboxEventType)) return false;
  if (webhook.ownerKind !== 'integration') return true;
  return submitter?.kind === 'integration' && submitter.id === webhook.ownerId;
}

/**
 * Turns pending outbox events into webhook deliveries, and `alert.raised` events into alert
 * e-mails. Rows are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL, so concurrent workers split
 * the backlog instead of delivering it twice; jobs are added only after the claiming transaction
 * commits, so no job points at a row that was rolled back.
 */
@Injectable()
export class OutboxDispatcher {
  constructor(
    private readonly transactions: Transactions,
    private readonly queue: WebhookDeliveryQueue,
    private readonly clock: Clock,
    private readonly alertEmails: AlertEmailPlanner,
    private readonly alertEmailQueue: AlertEmailQueue,
  ) {}

  /** Returns how many deliveries were created. */
  async dispatchPending(): Promise<number> {
    let created = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const { claimed, deliveries, emails } = await this.transactions.run((manager) => this.claimBatch(manager));
      await this.queue.enqueue(deliveries);
      await this.alertEmailQueue.enqueueEmails(emails);
      created += deliveries.length;
      if (claimed < BATCH_SIZE) break;
    }
    return created;
  }

  private async claimBatch(manager: EntityManager): Promise<{ claimed: number; deliveries: WebhookDelivery[]; emails: Array<{ id: string; attempts: number }> }> {
    const query = manager
      .getRepository(OutboxEvent)
      .createQueryBuilder('e')
      .where('e.dispatchedAt IS NULL')
      .orderBy('e.id', 'ASC')
      .limit(BATCH_SIZE);
    if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write').setOnLocked('skip_locked');
    const events = await query.getMany();
    if (events.length === 0) return { claimed: 0, deliveries: [], emails: [] };

    const now = this.clock.now();
    const webhooks = await manager.findBy(Webhook, { active: true });
    const submitters = await this.submitters(manager, events, webhooks);
    const deliveries = events.flatMap((event) =>
      webhooks
        .filter((webhook) => subscribes(webhook, event, event.complaintId ? submitters.get(event.complaintId) : undefined))
        .map((webhook) =>
          manager.create(WebhookDelivery, {
            id: randomUUID(),
            webhookId: webhook.id,
            outboxEventId: event.id,
            eventType: event.type,
            status: 'pending',
            attempts: 0,
            lastStatusCode: null,
            lastError: null,
            nextAttemptAt: null,
            deliveredAt: null,
            createdAt: now,
          }),
        ),
    );
    for (let i = 0; i < deliveries.length; i += INSERT_CHUNK) {
      await manager.insert(WebhookDelivery, deliveries.slice(i, i + INSERT_CHUNK));
    }
    const emails = await this.alertEmails.plan(manager, events, now);
    await manager.update(OutboxEvent, { id: In(events.map((event) => event.id)) }, { dispatchedAt: now });
    return { claimed: events.length, deliveries, emails };
  }

  /**
   * Who submitted each complaint, needed only when an integration client has a webhook. Read by
   * table name: the complaints library itself writes to the outbox, and importing it here would
   * make the two libraries import each other.
   */
  private async submitters(manager: EntityManager, events: OutboxEvent[], webhooks: Webhook[]): Promise<Map<string, Submitter>> {
    const ids = [...new Set(events.map((event) => event.complaintId).filter((id): id is string => id !== null))];
    if (ids.length === 0 || !webhooks.some((webhook) => webhook.ownerKind === 'integration')) return new Map();
    const rows: Array<{ id: string; kind: string; submitter: string }> = await manager
      .createQueryBuilder()
      .select('c.id', 'id')
      .addSelect('c.submitted_by_kind', 'kind')
      .addSelect('c.submitted_by', 'submitter')
      .from('complaints', 'c')
      .where('c.id IN (:...ids)', { ids })
      .getRawMany();
    return new Map(rows.map((row) => [row.id, { kind: row.kind, id: row.submitter }]));
  }
}
