import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MilestoneStatus, SlaClockState } from '@redress/domain';

export class MilestoneView {
  @ApiProperty({ example: 'final_response' }) milestone: string;
  @ApiProperty({ enum: ['not_started', 'on_track', 'at_risk', 'paused', 'breached', 'lapsed', 'met'], example: 'on_track' }) state: string;
  @ApiProperty({ enum: ['calendar', 'business_days', 'business_time'] }) counting: string;
  @ApiProperty() mandatory: boolean;
  @ApiPropertyOptional({ nullable: true }) startedAt: string | null;
  @ApiPropertyOptional({ nullable: true, example: '2026-12-14T09:30:00.000Z' }) dueAt: string | null;
  @ApiProperty({ type: [String] }) warnAt: string[];
  @ApiPropertyOptional({ nullable: true, description: 'Time left in the milestone’s own counting, ms; negative once overdue' })
  remainingMs: number | null;
  @ApiProperty({ description: 'Paused time credited, ms' }) pausedMs: number;
  @ApiPropertyOptional({ nullable: true }) metAt: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Highest escalation level reached' }) escalationLevel: number | null;
  @ApiProperty({ description: 'The deadline relies on holiday data not yet published and may move' }) provisional: boolean;
}

export class ComplaintSlaView {
  @ApiProperty({ example: 'CN_NFRA_2020' }) policy: string;
  @ApiPropertyOptional({ nullable: true, example: 'CN_NFRA_2020: jurisdiction CN' }) matchReason: string | null;
  @ApiProperty({ example: 'CN' }) calendar: string;
  @ApiPropertyOptional({ nullable: true }) variant: string | null;
  @ApiProperty({ example: 3, description: 'Goes up with every change to the clock' }) version: number;
  @ApiProperty() paused: boolean;
  @ApiProperty({ type: [MilestoneView] }) milestones: MilestoneView[];
}

export function toComplaintSlaView(state: SlaClockState, milestones: MilestoneStatus[], matchReason: string | null): ComplaintSlaView {
  return {
    policy: state.policy.code,
    matchReason,
    calendar: state.calendar.id,
    variant: state.variant,
    version: state.version,
    paused: state.pauses.some((pause) => pause.to === null),
    milestones: milestones.map((status) => ({
      milestone: status.milestone,
      state: status.state,
      counting: status.counting,
      mandatory: status.mandatory,
      startedAt: status.startedAt?.toISOString() ?? null,
      dueAt: status.dueAt?.toISOString() ?? null,
      warnAt: status.warnAt.map((at) => at.toISOString()),
      remainingMs: status.remaining,
      pausedMs: status.paused,
      metAt: status.metAt?.toISOString() ?? null,
      escalationLevel: status.escalation?.level ?? null,
      provisional: status.provisional,
    })),
  };
}
