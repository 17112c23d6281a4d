import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, LANGUAGES, PRIORITY_LEVELS, WORKFLOW_STATUSES } from '@redress/domain';
import type { Channel, Language, PriorityLevel, WorkflowStatus } from '@redress/domain';

/** Characters of the description a queue row shows. */
export const QUEUE_SUMMARY_LENGTH = 160;

export class QueueQueryDto {
  @ApiPropertyOptional({ enum: ['all', 'mine', 'unassigned'], default: 'all', description: 'Officers: their own cases, the claimable ones, or both' })
  @IsOptional() @IsIn(['all', 'mine', 'unassigned'])
  scope?: 'all' | 'mine' | 'unassigned';

  @ApiPropertyOptional({ example: 'CARDS', description: 'Only this team (one of the caller’s, for officers and supervisors)' })
  @IsOptional() @IsString() @MaxLength(32)
  team?: string;

  @ApiPropertyOptional({ enum: PRIORITY_LEVELS })
  @IsOptional() @IsIn(PRIORITY_LEVELS)
  priority?: PriorityLevel;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;
}

export class QueueCustomerView {
  @ApiProperty({ example: '王小明' }) name: string;
  @ApiProperty({ enum: LANGUAGES, example: 'zh' }) language: Language;
  @ApiProperty({ description: 'Flagged as a vulnerable customer' }) vulnerable: boolean;
}

/**
 * A queue row: what an officer needs to pick the next case. Contact details, account numbers, the
 * full narrative and the channel's details stay behind GET /v1/complaints/{id}, so a page of the
 * queue does not spread 25 customers' personal data to every screen that lists it.
 */
export class QueueItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CMP-2026-000123' }) reference: string;
  @ApiProperty({ enum: WORKFLOW_STATUSES, example: 'investigating' }) status: WorkflowStatus;
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({ enum: PRIORITY_LEVELS, example: 'high' }) priority: PriorityLevel;
  @ApiProperty({ nullable: true, type: String, example: 'billing_dispute' }) category: string | null;
  @ApiProperty({ example: 'credit_card' }) product: string;
  @ApiProperty({ example: '信用卡年费在未通知的情况下被重复扣取…', description: `The description's first ${QUEUE_SUMMARY_LENGTH} characters, with … when cut` })
  summary: string;
  @ApiProperty({ type: QueueCustomerView }) customer: QueueCustomerView;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Earliest SLA deadline still running' }) dueAt: string | null;
  @ApiProperty({ description: 'A mandatory SLA milestone was missed' }) breached: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'CARDS' }) teamCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'officer-wang' }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'CN_NFRA_2020' }) slaPolicy: string | null;
  @ApiProperty({ example: 3, description: 'The ETag of the complaint; send it in If-Match with an action' }) version: number;
}

export class QueuePage {
  @ApiProperty({ type: [QueueItemView], description: 'Breached first, then earliest due, then priority, then oldest' })
  items: QueueItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AssignDto {
  @ApiProperty({ example: 'officer-wang', description: 'Staff id of an active officer of the complaint’s team (or of teamCode)' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  assigneeId: string;

  @ApiPropertyOptional({ example: 'CARDS', description: 'Move the complaint to this team as well' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32)
  teamCode?: string;
}

export class OfficerWorkloadView {
  @ApiProperty({ example: 'officer-wang' }) staffId: string;
  @ApiProperty({ example: '王芳' }) name: string;
  @ApiProperty({ example: 12 }) openCases: number;
  @ApiProperty({ example: 20 }) capacity: number;
  @ApiProperty({ example: 2, description: 'Breached, or due within 24 hours' }) atRisk: number;
  @ApiProperty({ example: 1 }) breached: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Receipt of the oldest open case' }) oldestReceivedAt: string | null;
}

export class TeamWorkloadView {
  @ApiProperty({ example: 'CARDS' }) team: string;
  @ApiProperty({ example: 7 }) unassigned: number;
  @ApiProperty({ type: [OfficerWorkloadView] }) officers: OfficerWorkloadView[];
}
