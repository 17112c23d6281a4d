import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OutboxEventType } from '../outbox/outbox';

export const WEBHOOK_OWNER_KINDS = ['staff', 'integration'] as const;
export type WebhookOwnerKind = (typeof WEBHOOK_OWNER_KINDS)[number];

/** A subscriber (call centre, alerting, another channel) that is POSTed the outbox events it chose. */
@Entity('webhooks')
export class Webhook {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: columnTypes.json })
  events: OutboxEventType[];

  /** The HMAC key deliveries are signed with. Never returned by the API and never logged. */
  @Column({ type: 'varchar', length: 200 })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Who created it: an integration client manages (and is sent events about) only its own. */
  @Column({ name: 'owner_kind', type: 'varchar', length: 16 })
  ownerKind: WebhookOwnerKind;

  @Column({ name: 'owner_id', type: 'varchar', length: 64 })
  ownerId: string;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
