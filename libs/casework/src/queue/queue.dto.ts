import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ComplaintView } from '@redress/complaints';
import { PRIORITY_LEVELS, type PriorityLevel } from '@redress/domain';

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

export class QueuePage {
  @ApiProperty({ type: [ComplaintView], description: 'Breached first, then earliest due, then priority, then oldest' })
  items: ComplaintView[];
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
