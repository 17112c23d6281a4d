import { Injectable } from '@nestjs/common';
import { rawTimestamp } from '@redress/database';
import { Brackets, DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AlertAudience } from './alert-audience';
import { AlertMessage } from './alert-message';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A reconnect normally misses seconds of alerts; a longer gap is what the alert list is for. */
const REPLAY_LIMIT = 500;

interface AlertRow {
  id: string;
  complaintId: string;
  reference: string;
  teamCode: string | null;
  recipients: string[] | string;
  kind: AlertMessage['kind'];
  milestone: string;
  level: number | null;
  fraction: number | null;
  dueAt: Date | string;
  thresholdAt: Date | string;
  raisedAt: Date | string;
}

/**
 * The alerts a reconnecting stream missed: those raised after the one it saw last, oldest first,
 * for the same audience as the live stream. The alerts table belongs to the escalation library,
 * which depends on this one, so it is read by table name rather than through its entity.
 */
@Injectable()
export class AlertReplay {
  constructor(private readonly dataSource: DataSource) {}

  async after(lastEventId: string | undefined, audience: AlertAudience): Promise<AlertMessage[]> {
    if (!lastEventId || !UUID.test(lastEventId)) return [];
    const query = this.dataSource
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.complaint_id', 'complaintId')
      .addSelect('c.reference', 'reference')
      .addSelect('a.team_code', 'teamCode')
      .addSelect('a.recipients', 'recipients')
      .addSelect('a.kind', 'kind')
      .addSelect('a.milestone', 'milestone')
      .addSelect('a.level', 'level')
      .addSelect('a.fraction', 'fraction')
      .addSelect('a.due_at', 'dueAt')
      .addSelect('a.threshold_at', 'thresholdAt')
      .addSelect('a.raised_at', 'raisedAt')
      .from('alerts', 'a')
      .innerJoin('complaints', 'c', 'c.id = a.complaint_id')
      .innerJoin('alerts', 'seen', 'seen.id = :lastEventId', { lastEventId })
      .where('(a.raised_at > seen.raised_at OR (a.raised_at = seen.raised_at AND a.id > seen.id))')
      .orderBy('a.raised_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(REPLAY_LIMIT);
    this.restrictTo(query, audience);
    const rows: AlertRow[] = await query.getRawMany();
    return rows.map(toMessage);
  }

  /** The SQL form of isInAudience. */
  private restrictTo(query: SelectQueryBuilder<ObjectLiteral>, audience: AlertAudience): void {
    if (audience.all) return;
    const addressed =
      this.dataSource.options.type === 'postgres'
        ? 'a.recipients @> jsonb_build_array(CAST(:staffId AS text))'
        : 'EXISTS (SELECT 1 FROM json_each(a.recipients) r WHERE r.value = :staffId)';
    query.andWhere(
      new Brackets((w) => {
        w.where(addressed, { staffId: audience.staffId });
        if (audience.teams.length > 0) w.orWhere('a.team_code IN (:...teams)', { teams: audience.teams });
      }),
    );
  }
}

function toMessage(row: AlertRow): AlertMessage {
  return {
    id: row.id,
    complaintId: row.complaintId,
    reference: row.reference,
    teamCode: row.teamCode,
    recipients: typeof row.recipients === 'string' ? (JSON.parse(row.recipients) as string[]) : row.recipients,
    kind: row.kind,
    milestone: row.milestone,
    level: row.level === null ? null : Number(row.level),
    fraction: row.fraction === null ? null : Number(row.fraction),
    dueAt: isoString(row.dueAt),
    thresholdAt: isoString(row.thresholdAt),
    raisedAt: isoString(row.raisedAt),
  };
}

function isoString(value: Date | string): string {
  return rawTimestamp(value).toISOString();
}
