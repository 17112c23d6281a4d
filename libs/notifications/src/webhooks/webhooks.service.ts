import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal } from '@redress/auth';
import { Clock } from '@redress/config';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere, Repository } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDeliveryQueue } from './webhook-delivery-queue';
import { Webhook } from './webhook.entity';
import { CreateWebhookDto, ListDeliveriesQueryDto, ReplaceWebhookDto } from './webhooks.dto';
import { toDeliveryView, toWebhookView, WebhookDeliveryView, WebhookView } from './webhook.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Webhook subscriptions. Admins manage every webhook; an integration client only those it
 * created, and anyone else's is a 404 so ids do not leak.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @InjectRepository(Webhook) private readonly webhooks: Repository<Webhook>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    private readonly queue: WebhookDeliveryQueue,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateWebhookDto): Promise<WebhookView> {
    const now = this.clock.now();
    const webhook = this.webhooks.create({
      id: randomUUID(),
      name: dto.name,
      url: dto.url,
      events: dto.events,
      secret: dto.secret,
      active: dto.active ?? true,
      ownerKind: principal.kind,
      ownerId: principal.id,
      createdAt: now,
      updatedAt: now,
    });
    await this.webhooks.insert(webhook);
    return toWebhookView(webhook);
  }

  async list(principal: Principal): Promise<WebhookView[]> {
    const webhooks = await this.webhooks.find({ where: ownedBy(principal), order: { createdAt: 'ASC', id: 'ASC' } });
    return webhooks.map(toWebhookView);
  }

  async get(principal: Principal, id: string): Promise<WebhookView> {
    return toWebhookView(await this.find(principal, id));
  }

  async replace(principal: Principal, id: string, dto: ReplaceWebhookDto): Promise<WebhookView> {
    const webhook = await this.find(principal, id);
    Object.assign(webhook, {
      name: dto.name,
      url: dto.url,
      events: dto.events,
      secret: dto.secret ?? webhook.secret,
      active: dto.active ?? true,
      updatedAt: this.clock.now(),
    });
    await this.webhooks.save(webhook);
    return toWebhookView(webhook);
  }

  /** Its deliveries go with it; their queued jobs find nothing and do nothing. */
  async remove(principal: Principal, id: string): Promise<void> {
    const webhook = await this.find(principal, id);
    await this.webhooks.delete({ id: webhook.id });
  }

  async listDeliveries(principal: Principal, id: string, query: ListDeliveriesQueryDto): Promise<WebhookDeliveryView[]> {
    const webhook = await this.find(principal, id);
    const deliveries = await this.deliveries.find({
      where: { webhookId: webhook.id, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: query.limit ?? 50,
    });
    return deliveries.map(toDeliveryView);
  }

  /**
   * Starts a failed delivery over with a full set of attempts. The status check and the change
   * are one conditional UPDATE, so two concurrent retries queue it once.
   */
  async retryDelivery(principal: Principal, id: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const webhook = await this.find(principal, id);
    if (!UUID.test(deliveryId)) throw new NotFoundException(`No delivery with id ${deliveryId}`);
    if (!webhook.active) throw new ConflictException('The webhook is inactive; activate it before retrying its deliveries');
    const result = await this.deliveries.update(
      { id: deliveryId, webhookId: webhook.id, status: 'failed' },
      { status: 'pending', attempts: 0, nextAttemptAt: null },
    );
    const delivery = await this.deliveries.findOneBy({ id: deliveryId, webhookId: webhook.id });
    if (!delivery) throw new NotFoundException(`No delivery with id ${deliveryId}`);
    if (!result.affected) throw new ConflictException(`Only a failed delivery can be retried; this one is ${delivery.status}`);
    await this.queue.enqueue([delivery]);
    return toDeliveryView(delivery);
  }

  private async find(principal: Principal, id: string): Promise<Webhook> {
    const webhook = UUID.test(id) ? await this.webhooks.findOneBy({ id, ...ownedBy(principal) }) : null;
    if (!webhook) throw new NotFoundException(`No webhook with id ${id}`);
    return webhook;
  }
}

function ownedBy(principal: Principal): FindOptionsWhere<Webhook> {
  return principal.roles.includes('admin') ? {} : { ownerKind: principal.kind, ownerId: principal.id };
}
