/** An SLA alert as published on Redis and streamed to supervisors' screens. Timestamps are ISO 8601. */
export interface AlertMessage {
  id: string;
  complaintId: string;
  reference: string;
  teamCode: string | null;
  /** Staff ids the alert is addressed to. */
  recipients: string[];
  kind: 'warning' | 'breach' | 'escalation';
  milestone: string;
  /** Escalation ladder level; null for warnings and breaches. */
  level: number | null;
  /** Share of the allowance used, for warnings. */
  fraction: number | null;
  dueAt: string;
  thresholdAt: string;
  raisedAt: string;
}

/** The Redis pub/sub channel alerts travel on, under the installation's key prefix. */
export const ALERTS_CHANNEL = (prefix: string): string => `${prefix}:alerts`;
