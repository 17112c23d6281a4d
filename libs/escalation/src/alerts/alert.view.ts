import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AlertMessage } from '@redress/notifications';
import { Alert, ALERT_KINDS, type AlertKind } from './alert.entity';

export class AlertView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ example: 'CMP-2026-000123' }) reference: string;
  @ApiPropertyOptional({ example: 'CARDS', nullable: true }) teamCode: string | null;
  @ApiProperty({ enum: ALERT_KINDS, example: 'breach' }) kind: AlertKind;
  @ApiProperty({ example: 'final_response' }) milestone: string;
  @ApiPropertyOptional({ example: 1, nullable: true, description: 'Escalation ladder level' }) level: number | null;
  @ApiPropertyOptional({ example: 0.75, nullable: true, description: 'Share of the allowance used (warnings)' }) fraction: number | null;
  @ApiProperty({ type: [String], example: ['sup-li'] }) recipients: string[];
  @ApiProperty({ example: '2026-12-12T09:00:00.000Z' }) dueAt: string;
  @ApiProperty({ example: '2026-12-12T09:00:00.000Z' }) thresholdAt: string;
  @ApiProperty({ example: '2026-12-12T09:00:00.120Z' }) raisedAt: string;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedBy: string | null;
}

export class AlertPage {
  @ApiProperty({ type: [AlertView] }) items: AlertView[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page' }) nextCursor: string | null;
}

export function toAlertView(alert: Alert, reference: string): AlertView {
  return {
    ...toAlertMessage(alert, reference),
    acknowledgedAt: alert.acknowledgedAt ? new Date(alert.acknowledgedAt).toISOString() : null,
    acknowledgedBy: alert.acknowledgedBy,
  };
}

export function toAlertMessage(alert: Alert, reference: string): AlertMessage {
  return {
    id: alert.id,
    complaintId: alert.complaintId,
    reference,
    teamCode: alert.teamCode,
    recipients: alert.recipients,
    kind: alert.kind,
    milestone: alert.milestone,
    level: alert.level,
    fraction: alert.fraction,
    dueAt: new Date(alert.dueAt).toISOString(),
    thresholdAt: new Date(alert.thresholdAt).toISOString(),
    raisedAt: new Date(alert.raisedAt).toISOString(),
  };
}
