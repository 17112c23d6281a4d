import { columnTypes } from '@redress/database';
import type { Language, LetterKind } from '@redress/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const COMMUNICATION_CHANNELS = ['email', 'letter', 'phone', 'sms', 'portal'] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];

/**
 * recorded: staff sent it themselves (post, a call, e-mail without SMTP configured) and logged it;
 * sent: this service handed the e-mail to the SMTP server; failed: the SMTP server refused it.
 */
export const DELIVERY_STATES = ['recorded', 'sent', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One message to the customer about a complaint, exactly as it went out. */
@Entity('communications')
export class Communication {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ name: 'complaint_id', type: columnTypes.uuid })
  complaintId: string;

  @Column({ type: 'varchar', length: 32 })
  template: LetterKind;

  @Column({ type: 'varchar', length: 2 })
  language: Language;

  @Column({ type: 'varchar', length: 16 })
  channel: CommunicationChannel;

  /** The address, number or portal account it went to; null when the complaint holds none. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  recipient: string | null;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'sent_at', type: columnTypes.timestamp })
  sentAt: Date;

  /** Staff id of whoever sent or recorded it. */
  @Column({ name: 'sent_by', type: 'varchar', length: 64 })
  sentBy: string;

  @Column({ type: 'varchar', length: 16 })
  delivery: DeliveryState;

  @Column({ name: 'delivery_error', type: 'varchar', length: 500, nullable: true })
  deliveryError: string | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
