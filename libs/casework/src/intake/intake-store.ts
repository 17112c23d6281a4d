import { Injectable } from '@nestjs/common';
import { Complaint, ComplaintEvent, HISTORY_LIMIT } from '@redress/complaints';
import { DUPLICATE_SIMILARITY_THRESHOLD, type DuplicateCandidate, fingerprint } from '@redress/domain';
import { Team } from '@redress/organisation';
import type { Pool, QueryConfig } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** An idempotency record as replayIdempotent compares it. */
export interface StoredIdempotency {
  requestHash: string;
  statusCode: number;
  responseBody: unknown;
}

/** Everything intake reads before it builds a complaint, in one round trip. */
export interface IntakeRead {
  /** The record of this caller's Idempotency-Key, when the key was used before. */
  idempotency: StoredIdempotency | null;
  /** The complaint that already has this channel's externalRef. */
  existing: { id: string; reference: string } | null;
  /** The next complaint reference number; null (none taken) when idempotency or existing is set. */
  sequence: number | null;
  /** The customer's earlier complaints among the HISTORY_LIMIT most recent in the history window. */
  previousComplaints: number;
  /** Those of them in the duplicate window whose fingerprint could match, newest first. */
  candidates: DuplicateCandidate[];
  /** All teams in code order, for routing. */
  teams: Team[];
}

export interface IntakeReadParams {
  principal: string;
  key: string | null;
  channel: string;
  externalRef: string | null;
  customerId: string;
  since: Date;
  until: Date;
  /** Complaints received up to here count as earlier complaints. */
  receivedAt: Date;
  duplicatesSince: Date;
  /** The new complaint's description fingerprint: only fingerprints that could match it are read. */
  fingerprintLength: number;
}

/**
 * The fingerprint lengths that can reach `threshold` against one of `length` hashes. Jaccard
 * similarity is at most min(a, b) / max(a, b), so a much shorter or longer fingerprint cannot
 * match; the bounds are rounded outwards and findPossibleDuplicate still decides.
 */
export function comparableLengths(length: number, threshold = DUPLICATE_SIMILARITY_THRESHOLD): [number, number] {
  if (length === 0 || !(threshold > 0)) return [0, length === 0 ? 0 : Number.MAX_SAFE_INTEGER];
  return [Math.floor(length * threshold), Math.ceil(length / threshold)];
}

/** The rows one intake writes, all in one statement and so in one transaction. */
export interface IntakeRows {
  complaint: Complaint;
  event: ComplaintEvent;
  outbox: ReadonlyArray<{ type: string; payload: Record<string, unknown> }>;
  outboxAt: Date;
  idempotency: { principal: string; key: string; requestHash: string; statusCode: number; responseBodyJson: string; createdAt: Date } | null;
}

// The history read is the one ComplaintsService.store makes through TypeORM (same window, order
// and limit); the count and the duplicate window are applied to that same set of rows.
const READ_SQL = `
WITH k AS (
  SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE principal = $1 AND key = $2
), x AS (
  SELECT id, reference FROM complaints WHERE channel = $3 AND external_ref = $4
), h AS (
  SELECT id, received_at, description_fingerprint,
         CASE WHEN description_fingerprint IS NULL THEN description END AS legacy_description
  FROM complaints
  WHERE customer_id = $5 AND received_at >= $6 AND received_at <= $7
  ORDER BY received_at DESC
  LIMIT ${HISTORY_LIMIT}
)
SELECT
  (SELECT json_build_array(request_hash, status_code, response_body) FROM k) AS idempotency,
  (SELECT json_build_array(id, reference) FROM x) AS existing,
  (SELECT count(*) FROM h WHERE received_at <= $8)::int AS previous,
  (SELECT json_agg(json_build_array(id, received_at, description_fingerprint, legacy_description) ORDER BY received_at DESC)
     FROM h WHERE received_at >= $9
       AND (description_fingerprint IS NULL OR jsonb_array_length(description_fingerprint) BETWEEN $10 AND $11)) AS candidates,
  (SELECT json_agg(json_build_array(code, name, supervisor_id, manager_id, categories, languages, auto_assign, round_robin_cursor, created_at, updated_at) ORDER BY code)
     FROM teams) AS teams,
  CASE WHEN NOT EXISTS (SELECT 1 FROM k) AND NOT EXISTS (SELECT 1 FROM x) THEN nextval('complaint_reference_seq') END AS sequence`;

const COMPLAINT_COLUMNS = [
  'id', 'reference', 'channel', 'status', 'priority', 'priority_score', 'priority_reasons', 'category', 'product',
  'description', 'description_fingerprint', 'description_language', 'customer_id', 'customer', 'customer_language',
  'vulnerable_customer', 'disputed_amount', 'disputed_currency', 'occurred_at', 'received_at', 'external_ref',
  'channel_details', 'submitted_by', 'submitted_by_kind', 'possible_duplicate_of', 'duplicate_similarity', 'jurisdiction',
  'team_code', 'assignee_id', 'assigned_at', 'priority_rank', 'due_at', 'breached', 'resolution', 'resolved_at', 'closed_at',
  'final_response_sent_at', 'review_requested_at', 'merged_into', 'sla_policy_code', 'sla_match_reason', 'sla_clock',
  'sla_version', 'sla_next_wake_at', 'version', 'created_at', 'updated_at',
] as const;

const EVENT_COLUMNS = ['complaint_id', 'seq', 'type', 'actor_kind', 'actor_id', 'at', 'details', 'previous_hash', 'hash'] as const;
const IDEMPOTENCY_COLUMNS = ['principal', 'key', 'request_hash', 'status_code', 'response_body', 'created_at'] as const;

function placeholders(from: number, count: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}

/**
 * The complaint, its first timeline event, its outbox events and the idempotency record as one
 * INSERT with data-modifying CTEs: one statement is one transaction, so all of them are stored or
 * none. Foreign keys to the complaint are checked at the end of the statement, when it exists.
 * One text per shape (number of outbox events, with or without a key), each a named prepared statement.
 */
function writeSql(outboxEvents: number, withKey: boolean): string {
  let n = 1;
  const next = (count: number) => {
    const text = placeholders(n, count);
    n += count;
    return text;
  };
  const parts = [
    `c AS (INSERT INTO complaints (${COMPLAINT_COLUMNS.join(', ')}) VALUES (${next(COMPLAINT_COLUMNS.length)}))`,
    `e AS (INSERT INTO complaint_events (${EVENT_COLUMNS.join(', ')}) VALUES (${next(EVENT_COLUMNS.length)}))`,
  ];
  if (withKey) parts.push(`k AS (INSERT INTO idempotency_keys (${IDEMPOTENCY_COLUMNS.join(', ')}) VALUES (${next(IDEMPOTENCY_COLUMNS.length)}))`);
  const rows = Array.from({ length: outboxEvents }, () => `(${next(4)})`);
  return `WITH ${parts.join(',\n')}\nINSERT INTO outbox_events (type, complaint_id, payload, created_at) VALUES ${rows.join(', ')}`;
}

const WRITE_SQL = new Map<string, string>();

function iso(value: Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function complaintValues(c: Complaint): unknown[] {
  return [
    c.id, c.reference, c.channel, c.status, c.priority, c.priorityScore, json(c.priorityReasons), c.category, c.product,
    c.description, json(c.descriptionFingerprint), c.descriptionLanguage, c.customerId, json(c.customer), c.customerLanguage,
    c.vulnerableCustomer, c.disputedAmount, c.disputedCurrency, iso(c.occurredAt), iso(c.receivedAt), c.externalRef,
    json(c.channelDetails), c.submittedBy, c.submittedByKind, c.possibleDuplicateOf, c.duplicateSimilarity, c.jurisdiction,
    c.teamCode, c.assigneeId, iso(c.assignedAt), c.priorityRank, iso(c.dueAt), c.breached, json(c.resolution), iso(c.resolvedAt), iso(c.closedAt),
    iso(c.finalResponseSentAt), iso(c.reviewRequestedAt), c.mergedInto, c.slaPolicyCode, c.slaMatchReason, json(c.slaClock),
    c.slaVersion, iso(c.slaNextWakeAt), c.version, iso(c.createdAt), iso(c.updatedAt),
  ];
}

type TeamRow = [string, string, string | null, string | null, string[], string[], Team['autoAssign'], string | null, string, string];

/**
 * Intake's reads and writes on PostgreSQL as two statements, prepared once per connection,
 * instead of the ten TypeORM round trips of ComplaintsService.submit (which SQLite still uses).
 */
@Injectable()
export class IntakeStore {
  readonly enabled: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.enabled = dataSource.options.type === 'postgres';
  }

  async read(p: IntakeReadParams): Promise<IntakeRead> {
    const { rows } = await this.pool().query({
      name: 'redress_intake_read',
      text: READ_SQL,
      values: [
        p.principal,
        p.key,
        p.channel,
        p.externalRef,
        p.customerId,
        p.since.toISOString(),
        p.until.toISOString(),
        p.receivedAt.toISOString(),
        p.duplicatesSince.toISOString(),
        ...comparableLengths(p.fingerprintLength),
      ],
    });
    const row = rows[0] as {
      idempotency: [string, number, unknown] | null;
      existing: [string, string] | null;
      previous: number;
      candidates: Array<[string, string, number[] | null, string | null]> | null;
      teams: TeamRow[] | null;
      sequence: string | null;
    };
    return {
      idempotency: row.idempotency && { requestHash: row.idempotency[0], statusCode: row.idempotency[1], responseBody: row.idempotency[2] },
      existing: row.existing && { id: row.existing[0], reference: row.existing[1] },
      sequence: row.sequence === null ? null : Number(row.sequence),
      previousComplaints: row.previous,
      candidates: (row.candidates ?? []).map(([id, receivedAt, stored, legacy]) => ({
        id,
        receivedAt: new Date(receivedAt),
        // Older rows have no fingerprint; only then is the description read to compute one.
        fingerprint: stored ?? fingerprint(legacy ?? ''),
      })),
      teams: (row.teams ?? []).map(([code, name, supervisorId, managerId, categories, languages, autoAssign, roundRobinCursor, createdAt, updatedAt]) =>
        Object.assign(new Team(), {
          code,
          name,
          supervisorId,
          managerId,
          categories,
          languages,
          autoAssign,
          roundRobinCursor,
          createdAt: new Date(createdAt),
          updatedAt: new Date(updatedAt),
        }),
      ),
    };
  }

  /** A caller's idempotency record, after a write failed (a concurrent request with the key may have won). */
  async idempotency(principal: string, key: string): Promise<StoredIdempotency | null> {
    const { rows } = await this.pool().query({
      name: 'redress_intake_idempotency',
      text: 'SELECT request_hash, status_code, response_body FROM idempotency_keys WHERE principal = $1 AND key = $2',
      values: [principal, key],
    });
    const row = rows[0] as { request_hash: string; status_code: number; response_body: unknown } | undefined;
    return row ? { requestHash: row.request_hash, statusCode: row.status_code, responseBody: row.response_body } : null;
  }

  async existing(channel: string, externalRef: string): Promise<{ id: string; reference: string } | null> {
    const { rows } = await this.pool().query({
      name: 'redress_intake_external_ref',
      text: 'SELECT id, reference FROM complaints WHERE channel = $1 AND external_ref = $2',
      values: [channel, externalRef],
    });
    return (rows[0] as { id: string; reference: string } | undefined) ?? null;
  }

  /**
   * Stores the rows in one statement. With `manager`, inside its transaction (routing locked a
   * team row there); without, the statement is its own transaction.
   */
  async write(rows: IntakeRows, manager?: EntityManager): Promise<void> {
    const { complaint, event, outbox, outboxAt, idempotency } = rows;
    const values: unknown[] = complaintValues(complaint);
    values.push(event.complaintId, event.seq, event.type, event.actorKind, event.actorId, iso(event.at), json(event.details), event.previousHash, event.hash);
    if (idempotency) {
      values.push(idempotency.principal, idempotency.key, idempotency.requestHash, idempotency.statusCode, idempotency.responseBodyJson, iso(idempotency.createdAt));
    }
    for (const entry of outbox) values.push(entry.type, complaint.id, json(entry.payload), iso(outboxAt));
    const name = `redress_intake_write_${outbox.length}_${idempotency ? 'key' : 'nokey'}`;
    let text = WRITE_SQL.get(name);
    if (text === undefined) WRITE_SQL.set(name, (text = writeSql(outbox.length, idempotency !== null)));
    const query: QueryConfig = { name, text, values };
    if (manager) {
      await manager.query(query.text, values);
    } else {
      await this.pool().query(query);
    }
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
