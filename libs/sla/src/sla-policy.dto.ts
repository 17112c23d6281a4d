import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { EscalationLevel, ExtensionRule, ClockRule, MilestoneRule, PolicyCriteria, PolicyVariant } from '@redress/domain';

/**
 * A bank's own SLA policy. The shape of milestones, escalation and the rest is that of SlaPolicy
 * (libs/domain/src/sla/policy.ts); its meaning (durations, counting, warning fractions, ladder
 * order) is checked by validatePolicy, which names every problem.
 */
export class CreateSlaPolicyDto {
  @ApiProperty({ example: 'BANK_CARDS_FAST' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'code must be 1-64 letters, digits, "_", "." or "-"' })
  code: string;

  @ApiProperty({ example: 'Cards: answer within 5 business days' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Internal service standard SS-14' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;

  @ApiProperty({ example: 'CN', description: 'Calendar id: CN, GB-ENG, DE, US, AU-NSW or UTC-24x7' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  calendar: string;

  @ApiProperty({ example: [{ key: 'final_response', description: 'decision', duration: 'P5D', counting: 'business_days' }] })
  @IsArray()
  milestones: MilestoneRule[];

  @ApiProperty({ example: [{ level: 1, delayAfterBreach: 'PT0S', target: 'team_supervisor' }] })
  @IsArray()
  escalation: EscalationLevel[];

  @ApiPropertyOptional() @IsOptional() @IsArray() extensions?: ExtensionRule[];
  @ApiPropertyOptional({ example: [{ reason: 'awaiting_customer', milestones: ['final_response'], source: 'SS-14 §3' }] })
  @IsOptional() @IsArray() pauses?: ClockRule[];
  @ApiPropertyOptional() @IsOptional() @IsArray() restarts?: ClockRule[];
  @ApiPropertyOptional() @IsOptional() @IsArray() variants?: PolicyVariant[];

  @ApiPropertyOptional({ example: { jurisdictions: ['CN'], categories: ['cards'] }, description: 'Which complaints it is for; most specific wins' })
  @IsOptional() @IsObject()
  match?: PolicyCriteria;
}
