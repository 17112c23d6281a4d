import { Injectable } from '@nestjs/common';
import { AuditTrail, Complaint, ComplaintEvent, lockComplaint } from '@redress/complaints';
import { isoTimestamp } from '@redress/database';
import type { AuditChainHead } from '@redress/domain';
import { addOutboxEvent } from '@redress/notifications';
import { Team } from '@redress/organisation';
import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Alert } from '../alerts/alert.entity';

/** The complaint columns a wake-up reads and changes. */
export type WakeComplaint = Pick<
  Complaint,
  'id' | 'reference' | 'teamCode' | 'assigneeId' | 'slaVersion' | 'slaNextWakeAt' | 'slaClock' | 'dueAt' | 'breached'
>;

/** An alert already raised for the complaint's current clock version. */
export type RaisedAlert = Pick<Alert, 'alertKey' | 'milestone' | 'kind' | 'acknowledgedAt'>;

/** Everything a wake-up decides from, read under the complaint's row lock. */
export interface WakeSnapshot {
  complaint: WakeComplaint;
  team: { supervisorId: string | null; managerId: string | null } | null;
  raised: RaisedAlert[];
  auditHead: AuditChainHead | null;
}

/** Everything a wake-up writes, in the transaction that read the snapshot. */
export interface WakeChanges {
  complaintId: string;
  alerts: Alert[];
  events: ComplaintEvent[];
  outbox: Array<{ type: 'alert.raised'; payload: Record<string, unknown> }>;
  at: Date;
  slaNextWakeAt: Date | null;
  dueAt: Date | null;
  breached: boolean;
}

const READ_SQL = `
SELECT c.id, c.reference, c.team_code, c.assignee_id, c.sla_version, c.sla_next_wake_at, c.sla_clock, c.due_at, c.breached,
  t.code AS team, t.supervisor_id, t.manager_id,
  (SELECT json_agg(json_build_array(a.alert_key, a.milestone, a.kind, a.acknowledged_at))
     FROM alerts a WHERE a.complaint_id = c.id AND a.clock_version = c.sla_version) AS raised,
  (SELECT json_build_array(e.seq, e.hash) FROM complaint_events e WHERE e.complaint_id = c.id ORDER BY e.seq DESC LIMIT 1) AS head
FROM complaints c LEFT JOIN teams t ON t.code = c.team_code
WHERE c.id = $1
FOR UPDATE OF c`;

interface ReadRow {
  id: string;
  reference: string;
  team_code: string | null;
  assignee_id: string | null;
  sla_version: number;
  sla_next_wake_at: Date | null;
  sla_clock: Record<string, unknown> | null;
  due_at: Date | null;
  breached: boolean;
  team: string | null;
  supervisor_id: string | null;
  manager_id: string | null;
  raised: Array<[string, string, Alert['kind'], string | null]> | null;
  head: [number, string] | null;
}

const ALERT_COLUMNS = [
  'id', 'complaint_id', 'team_code', 'milestone', 'kind', 'level', 'fraction', 'alert_key', 'clock_version', 'recipients',
  'due_at', 'threshold_at', 'raised_at', 'acknowledged_at', 'acknowledged_by',
] as const;
const EVENT_COLUMNS = ['complaint_id', 'seq', 'type', 'actor_kind', 'actor_id', 'at', 'details', 'previous_hash', 'hash'] as const;
const OUTBOX_COLUMNS = ['type', 'complaint_id', 'payload', 'created_at'] as const;

/**
 * The alerts, timeline events and outbox events as data-modifying CTEs of the complaint's UPDATE:
 * one statement. One text per shape (how many alerts and events), each a named prepared statement.
 */
function writeSql(alerts: number, events: number): string {
  let n = 1;
  const rows = (count: number, width: number) =>
    Array.from({ length: count }, () => `(${Array.from({ length: width }, () => `$${n++}`).join(', ')})`).join(', ');
  const parts: string[] = [];
  if (alerts > 0) {
    parts.push(`a AS (INSERT INTO alerts (${ALERT_COLUMNS.join(', ')}) VALUES ${rows(alerts, ALERT_COLUMNS.length)})`);
    parts.push(`o AS (INSERT INTO outbox_events (${OUTBOX_COLUMNS.join(', ')}) VALUES ${rows(alerts, OUTBOX_COLUMNS.length)})`);
  }
  if (events > 0) parts.push(`e AS (INSERT INTO complaint_events (${EVENT_COLUMNS.join(', ')}) VALUES ${rows(events, EVENT_COLUMNS.length)})`);
  const update = `UPDATE complaints SET sla_next_wake_at = $${n++}, due_at = $${n++}, breached = $${n++} WHERE id = $${n++}`;
  return parts.length > 0 ? `WITH ${parts.join(',\n')}\n${update}` : update;
}

const WRITE_SQL = new Map<string, string>();

/**
 * A wake-up's reads and writes. On PostgreSQL, two prepared statements on the transaction's
 * connection (read with the row lock; write everything) instead of a round trip per row: at
 * hundreds of wake-ups a second the statements, not the alerts, were the cost. SQLite, one
 * writer at a time anyway, goes through TypeORM.
 */
@Injectable()
export class WakeStore {
  constructor(private readonly audit: AuditTrail) {}

  async read(manager: EntityManager, complaintId: string): Promise<WakeSnapshot | null> {
    const client = pgClient(manager);
    if (!client) return this.readThroughTypeorm(manager, complaintId);
    const { rows } = await client.query<ReadRow>({ name: 'redress_wake_read', text: READ_SQL, values: [complaintId] });
    const row = rows[0];
    if (!row) return null;
    return {
      complaint: {
        id: row.id,
        reference: row.reference,
        teamCode: row.team_code,
        assigneeId: row.assignee_id,
        slaVersion: row.sla_version,
        slaNextWakeAt: row.sla_next_wake_at,
        slaClock: row.sla_clock,
        dueAt: row.due_at,
        breached: row.breached,
      },
      team: row.team === null ? null : { supervisorId: row.supervisor_id, managerId: row.manager_id },
      raised: (row.raised ?? []).map(([alertKey, milestone, kind, acknowledgedAt]) => ({
        alertKey,
        milestone,
        kind,
        acknowledgedAt: acknowledgedAt === null ? null : new Date(acknowledgedAt),
      })),
      auditHead: row.head && { complaintId: row.id, seq: row.head[0], hash: row.head[1] },
    };
  }

  async write(manager: EntityManager, changes: WakeChanges): Promise<void> {
    const client = pgClient(manager);
    if (!client) return this.writeThroughTypeorm(manager, changes);
    const values: unknown[] = [];
    for (const a of changes.alerts) {
      values.push(a.id, a.complaintId, a.teamCode, a.milestone, a.kind, a.level, a.fraction, a.alertKey, a.clockVersion);
      values.push(JSON.stringify(a.recipients), isoTimestamp(a.dueAt), isoTimestamp(a.thresholdAt), isoTimestamp(a.raisedAt), isoTimestamp(a.acknowledgedAt), a.acknowledgedBy);
    }
    for (const o of changes.outbox) values.push(o.type, changes.complaintId, JSON.stringify(o.payload), isoTimestamp(changes.at));
    for (const e of changes.events) {
      values.push(e.complaintId, e.seq, e.type, e.actorKind, e.actorId, isoTimestamp(e.at), JSON.stringify(e.details), e.previousHash, e.hash);
    }
    values.push(isoTimestamp(changes.slaNextWakeAt), isoTimestamp(changes.dueAt), changes.breached, changes.complaintId);
    const name = `redress_wake_write_${changes.alerts.length}_${changes.events.length}`;
    let text = WRITE_SQL.get(name);
    if (text === undefined) WRITE_SQL.set(name, (text = writeSql(changes.alerts.length, changes.events.length)));
    await client.query({ name, text, values });
  }

  private async readThroughTypeorm(manager: EntityManager, complaintId: string): Promise<WakeSnapshot | null> {
    const complaint = await lockComplaint(manager, complaintId);
    if (!complaint) return null;
    const team = complaint.teamCode ? await manager.findOneBy(Team, { code: complaint.teamCode }) : null;
    const raised = await manager.find(Alert, {
      select: ['alertKey', 'milestone', 'kind', 'acknowledgedAt'],
      where: { complaintId, clockVersion: complaint.slaVersion },
    });
    return { complaint, team, raised, auditHead: await this.audit.head(manager, complaintId) };
  }

  private async writeThroughTypeorm(manager: EntityManager, changes: WakeChanges): Promise<void> {
    if (changes.alerts.length > 0) await manager.insert(Alert, changes.alerts);
    if (changes.events.length > 0) await manager.insert(ComplaintEvent, changes.events as QueryDeepPartialEntity<ComplaintEvent>[]);
    for (const entry of changes.outbox) {
      await addOutboxEvent(manager, { type: entry.type, complaintId: changes.complaintId, payload: entry.payload, at: changes.at });
    }
    await manager.update(
      Complaint,
      { id: changes.complaintId },
      { slaNextWakeAt: changes.slaNextWakeAt, dueAt: changes.dueAt, breached: changes.breached },
    );
  }
}

/** The pg connection of a PostgreSQL transaction; null on SQLite. */
function pgClient(manager: EntityManager): PoolClient | null {
  if (manager.connection.options.type !== 'postgres') return null;
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!client) throw new Error('WakeStore needs a PostgreSQL transaction');
  return client;
}
