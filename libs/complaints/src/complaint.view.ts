import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, WORKFLOW_STATUSES, LANGUAGES, PRIORITY_LEVELS } from '@redress/domain';
import type { Channel, WorkflowStatus, Language, PriorityLevel } from '@redress/domain';
import { Complaint } from './complaint.entity';
import { CustomerDto, MoneyDto } from './complaint.dto';

export class PriorityReasonView {
  @ApiProperty({ example: 'vulnerable_customer' }) code: string;
  @ApiProperty({ example: 30 }) points: number;
  @ApiProperty({ example: 'Customer is flagged as vulnerable' }) detail: string;
}

export class PriorityView {
  @ApiProperty({ enum: PRIORITY_LEVELS, example: 'high' }) level: PriorityLevel;
  @ApiProperty({ example: 45 }) score: number;
  @ApiProperty({ type: [PriorityReasonView] }) reasons: PriorityReasonView[];
}

export class PossibleDuplicateView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 0.82, description: 'Similarity of the descriptions, 0-1' }) similarity: number;
}

export class ResolutionView {
  @ApiProperty({ enum: ['upheld', 'partially_upheld', 'not_upheld'] }) outcome: string;
  @ApiProperty({ example: 'CARD.DUPLICATE_POSTING' }) rootCauseCode: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: MoneyDto, nullable: true }) redress: MoneyDto | null;
}

export class ComplaintView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CMP-2026-000123' }) reference: string;
  @ApiProperty({ enum: WORKFLOW_STATUSES, example: 'received' }) status: WorkflowStatus;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ type: PriorityView }) priority: PriorityView;
  @ApiProperty({ nullable: true, type: String, example: 'billing_dispute' }) category: string | null;
  @ApiProperty({ example: 'credit_card' }) product: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: LANGUAGES, description: 'Detected language of the description' }) descriptionLanguage: Language;
  @ApiProperty({ type: CustomerDto }) customer: CustomerDto;
  @ApiPropertyOptional({ type: MoneyDto, nullable: true }) disputedAmount: MoneyDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) occurredAt: string | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) externalRef: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The channel-specific details, keyed by their property name' })
  channelDetails: Record<string, unknown>;
  @ApiProperty({ type: PossibleDuplicateView, nullable: true }) possibleDuplicateOf: PossibleDuplicateView | null;
  @ApiProperty({ example: 'integration:call-centre' }) submittedBy: string;
  @ApiProperty({ nullable: true, type: String, example: 'CN' }) jurisdiction: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CARDS' }) teamCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'officer-wang' }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Earliest SLA deadline still running' }) dueAt: string | null;
  @ApiProperty({ description: 'A mandatory SLA milestone was missed' }) breached: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'CN_NFRA_2020' }) slaPolicy: string | null;
  @ApiProperty({ nullable: true, type: ResolutionView }) resolution: ResolutionView | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finalResponseSentAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The primary complaint this one was merged into' }) mergedInto: string | null;
  @ApiProperty({ example: 1, description: 'Also sent as the ETag; send it back in If-Match to change the complaint' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ComplaintPage {
  @ApiProperty({ type: [ComplaintView] }) items: ComplaintView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last page' })
  nextCursor: string | null;
}

export function toComplaintView(c: Complaint): ComplaintView {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    channel: c.channel,
    priority: { level: c.priority, score: c.priorityScore, reasons: c.priorityReasons },
    category: c.category,
    product: c.product,
    description: c.description,
    descriptionLanguage: c.descriptionLanguage,
    customer: c.customer,
    disputedAmount:
      c.disputedAmount === null || c.disputedCurrency === null ? null : { amount: c.disputedAmount, currency: c.disputedCurrency },
    occurredAt: c.occurredAt ? new Date(c.occurredAt).toISOString() : null,
    receivedAt: new Date(c.receivedAt).toISOString(),
    externalRef: c.externalRef,
    channelDetails: c.channelDetails,
    possibleDuplicateOf:
      c.possibleDuplicateOf === null ? null : { id: c.possibleDuplicateOf, similarity: Number(c.duplicateSimilarity) },
    submittedBy: `${c.submittedByKind}:${c.submittedBy}`,
    jurisdiction: c.jurisdiction,
    teamCode: c.teamCode,
    assigneeId: c.assigneeId,
    dueAt: iso(c.dueAt),
    breached: c.breached,
    slaPolicy: c.slaPolicyCode,
    resolution: c.resolution as ResolutionView | null,
    resolvedAt: iso(c.resolvedAt),
    finalResponseSentAt: iso(c.finalResponseSentAt),
    closedAt: iso(c.closedAt),
    mergedInto: c.mergedInto,
    version: c.version,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  };
}

function iso(value: Date | null): string | null {
  return value ? new Date(value).toISOString() : null;
}
