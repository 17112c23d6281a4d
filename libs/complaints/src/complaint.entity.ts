import type { Channel, Language, PriorityLevel, PriorityReason, Resolution, WorkflowStatus } from '@redress/domain';
import { columnTypes, decimalTransformer, uint32ListTransformer } from '@redress/database';
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
  status: WorkflowStatus;

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

  /**
   * Sorted shingle hashes of the description (see fingerprint()), four bytes each; null on rows
   * from before it existed, fingerprinted from their description when read.
   */
  @Column({ name: 'description_shingle_hashes', type: columnTypes.binary, nullable: true, select: false, transformer: uint32ListTransformer })
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

  /** ISO 3166 country whose regulator's rules apply; picks the SLA policy. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  jurisdiction: string | null;

  @Column({ name: 'team_code', type: 'varchar', length: 32, nullable: true })
  teamCode: string | null;

  @Column({ name: 'assignee_id', type: 'varchar', length: 64, nullable: true })
  assigneeId: string | null;

  @Column({ name: 'assigned_at', type: columnTypes.timestamp, nullable: true })
  assignedAt: Date | null;

  /** PRIORITY_RANK of `priority`: the queue sorts by this small integer. */
  @Column({ name: 'priority_rank', type: 'smallint', default: 2 })
  priorityRank: number;

  /** The earliest due instant of the running mandatory SLA milestones; null when none runs. */
  @Column({ name: 'due_at', type: columnTypes.timestamp, nullable: true })
  dueAt: Date | null;

  /** Set by the SLA timer when a mandatory milestone breaches; stays set (see QueueEntry). */
  @Column({ type: 'boolean', default: false })
  breached: boolean;

  @Column({ type: columnTypes.json, nullable: true })
  resolution: Resolution | null;

  @Column({ name: 'resolved_at', type: columnTypes.timestamp, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: columnTypes.timestamp, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'final_response_sent_at', type: columnTypes.timestamp, nullable: true })
  finalResponseSentAt: Date | null;

  @Column({ name: 'review_requested_at', type: columnTypes.timestamp, nullable: true })
  reviewRequestedAt: Date | null;

  @Column({ name: 'merged_into', type: columnTypes.uuid, nullable: true })
  mergedInto: string | null;

  @Column({ name: 'sla_policy_code', type: 'varchar', length: 64, nullable: true })
  slaPolicyCode: string | null;

  /** Why that policy matched, in words, for the officer and the auditor. */
  @Column({ name: 'sla_match_reason', type: 'varchar', length: 500, nullable: true })
  slaMatchReason: string | null;

  /** The clock ledger (StoredSlaClock); deadlines are computed from it, never stored as truth. */
  @Column({ name: 'sla_clock', type: columnTypes.json, nullable: true, select: false })
  slaClock: Record<string, unknown> | null;

  /** The clock's version; timer job ids carry it, so a timer set for an older one is ignored. */
  @Column({ name: 'sla_version', type: 'integer', default: 0 })
  slaVersion: number;

  /** The earliest SLA instant not yet handled; the sweeper fires anything before now. */
  @Column({ name: 'sla_next_wake_at', type: columnTypes.timestamp, nullable: true })
  slaNextWakeAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
