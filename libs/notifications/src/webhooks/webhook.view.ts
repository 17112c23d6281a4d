import { ApiProperty } from '@nestjs/swagger';
import { OUTBOX_EVENT_TYPES, OutboxEventType } from '../outbox/outbox';
import { DELIVERY_STATUSES, DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { Webhook, WEBHOOK_OWNER_KINDS, WebhookOwnerKind } from './webhook.entity';

export class WebhookView {
  @ApiProperty({ format: 'uuid', example: '3f0c2d8e-6b1a-4c7e-9f25-8a4d1e7b0c93' }) id: string;
  @ApiProperty({ example: 'Call centre CRM' }) name: string;
  @ApiProperty({ example: 'https://crm.bank.example/hooks/redress' }) url: string;
  @ApiProperty({ enum: OUTBOX_EVENT_TYPES, isArray: true, example: ['complaint.received', 'complaint.resolved'] }) events: OutboxEventType[];
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ example: '…a6f1', description: 'The last four characters of the secret, to tell keys apart' }) secretHint: string;
  @ApiProperty({ enum: WEBHOOK_OWNER_KINDS, example: 'integration' }) ownerKind: WebhookOwnerKind;
  @ApiProperty({ example: 'call-centre' }) ownerId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid', example: '9d2b7e41-0c5a-4f83-b6e2-1a7c9d3f5e08', description: 'Also sent as Redress-Delivery' }) id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ example: '1042', description: 'The event id, the `id` of the delivered body' }) eventId: string;
  @ApiProperty({ enum: OUTBOX_EVENT_TYPES, example: 'complaint.status_changed' }) eventType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'failed' }) status: DeliveryStatus;
  @ApiProperty({ example: 10 }) attempts: number;
  @ApiProperty({ nullable: true, type: Number, example: 503 }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'HTTP 503' }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the next attempt is due, while pending' }) nextAttemptAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toWebhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    events: webhook.events,
    active: webhook.active,
    secretHint: `…${webhook.secret.slice(-4)}`,
    ownerKind: webhook.ownerKind,
    ownerId: webhook.ownerId,
    createdAt: new Date(webhook.createdAt).toISOString(),
    updatedAt: new Date(webhook.updatedAt).toISOString(),
  };
}

export function toDeliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: String(delivery.outboxEventId),
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    deliveredAt: iso(delivery.deliveredAt),
    createdAt: new Date(delivery.createdAt).toISOString(),
  };
}
