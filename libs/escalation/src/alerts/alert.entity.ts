import { columnTypes } from '@redress/database';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ALERT_KINDS = ['warning', 'breach', 'escalation'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * An SLA alert: a warning threshold passed, a deadline breached, or an escalation level reached.
 * (complaint, alertKey, clockVersion) is unique, which is what makes each alert happen once even
 * when several workers handle the same timer.
 */
@Entity('alerts')
export class Alert {
  @PrimaryColumn({ type: columnTypes.uuid })
  id: string;

  @Column({ name: 'complaint_id', type: columnTypes.uuid })
  complaintId: string;

  @Column({ name: 'team_code', type: 'varchar', length: 32, nullable: true })
  teamCode: string | null;

  @Column({ type: 'varchar', length: 64 })
  milestone: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AlertKind;

  /** Escalation ladder level; null for warnings and the breach itself. */
  @Column({ type: 'integer', nullable: true })
  level: number | null;

  /** Fraction of the allowance used, for warnings. */
  @Column({ type: 'real', nullable: true })
  fraction: number | null;

  /** `${milestone}:${kind}:${fraction or level}`, e.g. final_response:warning:0.5 */
  @Column({ name: 'alert_key', type: 'varchar', length: 100 })
  alertKey: string;

  @Column({ name: 'clock_version', type: 'integer' })
  clockVersion: number;

  /** Staff ids this alert is for. */
  @Column({ type: columnTypes.json })
  recipients: string[];

  /** The milestone's due instant when the alert was raised. */
  @Column({ name: 'due_at', type: columnTypes.timestamp })
  dueAt: Date;

  /** The instant the threshold was crossed (what the timer was set for). */
  @Column({ name: 'threshold_at', type: columnTypes.timestamp })
  thresholdAt: Date;

  @Column({ name: 'raised_at', type: columnTypes.timestamp })
  raisedAt: Date;

  @Column({ name: 'acknowledged_at', type: columnTypes.timestamp, nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'acknowledged_by', type: 'varchar', length: 64, nullable: true })
  acknowledgedBy: string | null;
}
