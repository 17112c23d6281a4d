import type { Channel, ComplaintStatus, Language, PriorityLevel, PriorityReason } from '@redress/domain';
import { columnTypes, decimalTransformer } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface CustomerRecord {
  id: string;
  name: string;
  email?: string;
  phone?: string;
  address?: string;
  accountNumber?: string;
  preferredLanguage: Language;
  vulnerable: boolean;
}

@Entity('complaints')
export class Complaint {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  reference: string;

  @Column({ type: 'varchar', length: 32 })
  channel: Channel;

  @Column({ type: 'varchar', length: 32 })
  status: ComplaintStatus;

  @Column({ type: 'varchar', length: 16 })
  priority: PriorityLevel;

  @Column({ name: 'priority_score', type: 'integer' })
  priorityScore: number;

  @Column({ name: 'priority_reasons', type: columnTypes.json })
  priorityReasons: PriorityReason[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  category: string | null;

  @Column({ type: 'varchar', length: 100 })
  product: string;

  @Column({ type: 'text' })
  description: string;

  /** Sorted shingle hashes of the description (see fingerprint()); null on rows from before it existed. */
  @Column({ name: 'description_fingerprint', type: columnTypes.json, nullable: true, select: false })
  descriptionFingerprint: number[] | null;

  @Column({ name: 'description_language', type: 'varchar', length: 2 })
  descriptionLanguage: Language;

  @Column({ name: 'customer_id', type: 'varchar', length: 64 })
  customerId: string;

  @Column({ type: columnTypes.json })
  customer: CustomerRecord;

  @Column({ name: 'customer_language', type: 'varchar', length: 2 })
  customerLanguage: Language;

  @Column({ name: 'vulnerable_customer', type: 'boolean', default: false })
  vulnerableCustomer: boolean;

  @Column({ name: 'disputed_amount', type: columnTypes.decimal, precision: 18, scale: 2, nullable: true, transformer: decimalTransformer })
  disputedAmount: number | null;

  @Column({ name: 'disputed_currency', type: 'varchar', length: 3, nullable: true })
  disputedCurrency: string | null;

  @Column({ name: 'occurred_at', type: columnTypes.timestamp, nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'received_at', type: columnTypes.timestamp })
  receivedAt: Date;

  @Column({ name: 'external_ref', type: 'varchar', length: 128, nullable: true })
  externalRef: string | null;

  @Column({ name: 'channel_details', type: columnTypes.json })
  channelDetails: Record<string, unknown>;

  @Column({ name: 'submitted_by', type: 'varchar', length: 64 })
  submittedBy: string;

  @Column({ name: 'submitted_by_kind', type: 'varchar', length: 16 })
  submittedByKind: 'staff' | 'integration';

  @Column({ name: 'possible_duplicate_of', type: columnTypes.uuid, nullable: true })
  possibleDuplicateOf: string | null;

  @Column({ name: 'duplicate_similarity', type: 'real', nullable: true })
  duplicateSimilarity: number | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
