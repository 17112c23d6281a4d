import { Injectable } from '@nestjs/common';
import { Complaint, ComplaintEvent, HISTORY_LIMIT } from '@redress/complaints';
import { DUPLICATE_SIMILARITY_THRESHOLD, type DuplicateCandidate, fingerprint } from '@redress/domain';
import { Team } from '@redress/organisation';
import type { Pool } from 'pg';
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
  idempotency: { principal: string; key: string; requestHash: string; statusCode: number; responseBody: unknown; createdAt: Date } | null;
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
const OUTBOX_COLUMNS = ['type', 'complaint_id', 'payload', 'created_at'] as const;

/** Inserts the rows of one table, given as a JSON array of objects keyed by column name. */
function insertFromJson(table: string, columns: readonly string[], parameter: number): string {
  const list = columns.join(', ');
  return `INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $${parameter}::json)`;
}

/**
 * The complaints, their first timeline events, their outbox events and the idempotency records of
 * any number of intakes as one INSERT with data-modifying CTEs: one statement is one transaction,
 * so all of them are stored or none. Each table's rows travel as one JSON parameter, so the text
 * is the same for every batch size and is prepared once per connection. Foreign keys to the
 * complaints are checked at the end of the statement, when they exist.
 */
const WRITE_SQL = `WITH c AS (${insertFromJson('complaints', COMPLAINT_COLUMNS, 1)}),
e AS (${insertFromJson('complaint_events', EVENT_COLUMNS, 2)}),
k AS (${insertFromJson('idempotency_keys', IDEMPOTENCY_COLUMNS, 3)})
${insertFromJson('outbox_events', OUTBOX_COLUMNS, 4)}`;

/** Intakes gathered into one write; a larger burst is split so that no statement grows unbounded. */
const MAX_BATCH = 64;

/** A complaint as the row json_populate_recordset reads: column names, JSON values (dates as ISO strings). */
export function complaintRecord(c: Complaint): Record<(typeof COMPLAINT_COLUMNS)[number], unknown> {
  return {
    id: c.id, reference: c.reference, channel: c.channel, status: c.status, priority: c.priority, priority_score: c.priorityScore,
    priority_reasons: c.priorityReasons, category: c.category, product: c.product, description: c.description,
    description_fingerprint: c.descriptionFingerprint, description_language: c.descriptionLanguage, customer_id: c.customerId,
    customer: c.customer, customer_language: c.customerLanguage, vulnerable_customer: c.vulnerableCustomer,
    disputed_amount: c.disputedAmount, disputed_currency: c.disputedCurrency, occurred_at: c.occurredAt, received_at: c.receivedAt,
    external_ref: c.externalRef, channel_details: c.channelDetails, submitted_by: c.submittedBy, submitted_by_kind: c.submittedByKind,
    possible_duplicate_of: c.possibleDuplicateOf, duplicate_similarity: c.duplicateSimilarity, jurisdiction: c.jurisdiction,
    team_code: c.teamCode, assignee_id: c.assigneeId, assigned_at: c.assignedAt, priority_rank: c.priorityRank, due_at: c.dueAt,
    breached: c.breached, resolution: c.resolution, resolved_at: c.resolvedAt, closed_at: c.closedAt,
    final_response_sent_at: c.finalResponseSentAt, review_requested_at: c.reviewRequestedAt, merged_into: c.mergedInto,
    sla_policy_code: c.slaPolicyCode, sla_match_reason: c.slaMatchReason, sla_clock: c.slaClock, sla_version: c.slaVersion,
    sla_next_wake_at: c.slaNextWakeAt, version: c.version, created_at: c.createdAt, updated_at: c.updatedAt,
  };
}

/** The statement's four parameters for a batch of intakes. */
export function writeParameters(batch: readonly IntakeRows[]): string[] {
  const complaints: unknown[] = [];
  const events: unknown[] = [];
  const keys: unknown[] = [];
  const outbox: unknown[] = [];
  for (const { complaint, event, outbox: entries, outboxAt, idempotency } of batch) {
    complaints.push(complaintRecord(complaint));
    events.push({
      complaint_id: event.complaintId, seq: event.seq, type: event.type, actor_kind: event.actorKind, actor_id: event.actorId,
      at: event.at, details: event.details, previous_hash: event.previousHash, hash: event.hash,
    });
    if (idempotency) {
      keys.push({
        principal: idempotency.principal, key: idempotency.key, request_hash: idempotency.requestHash,
        status_code: idempotency.statusCode, response_body: idempotency.responseBody, created_at: idempotency.createdAt,
      });
    }
    for (const entry of entries) outbox.push({ type: entry.type, complaint_id: complaint.id, payload: entry.payload, created_at: outboxAt });
  }
  return [JSON.stringify(complaints), JSON.stringify(events), JSON.stringify(keys), JSON.stringify(outbox)];
}

interface PendingWrite {
  rows: IntakeRows;
  resolve: () => void;
  reject: (error: unknown) => void;
}

type TeamRow = [string, string, string | null, string | null, string[], string[], Team['autoAssign'], string | null, string, string];

/**
 * Intake's reads and writes on PostgreSQL as two statements, prepared once per connection,
 * instead of the ten TypeORM round trips of ComplaintsService.submit (which SQLite still uses).
 */
@Injectable()
export class IntakeStore {
  readonly enabled: boolean;
  private pending: PendingWrite[] = [];

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
   * Stores one intake's rows. With `manager`, in one statement inside its transaction (routing
   * locked a team row there). Without, the rows join the intakes that other requests hand over in
   * the same turn of the event loop, and all are written by one statement, which is their
   * transaction: under load a commit, a round trip and a socket write per batch instead of per
   * complaint. Resolves once that has committed.
   */
  write(rows: IntakeRows, manager?: EntityManager): Promise<void> {
    if (manager) return manager.query(WRITE_SQL, writeParameters([rows])).then(() => undefined);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * Writes what has gathered, MAX_BATCH at a time. When the statement fails, each intake is written
   * again on its own, so that one whose externalRef or Idempotency-Key another request took first
   * gets that error, and the rest are stored as if they had come alone.
   */
  private flush(): void {
    const gathered = this.pending;
    this.pending = [];
    for (let i = 0; i < gathered.length; i += MAX_BATCH) {
      const batch = gathered.slice(i, i + MAX_BATCH);
      this.insert(batch).then(
        () => batch.forEach((write) => write.resolve()),
        (error: unknown) => {
          if (batch.length === 1) return batch[0].reject(error);
          for (const write of batch) this.insert([write]).then(write.resolve, write.reject);
        },
      );
    }
  }

  private async insert(batch: readonly PendingWrite[]): Promise<void> {
    await this.pool().query({ name: 'redress_intake_write', text: WRITE_SQL, values: writeParameters(batch.map((write) => write.rows)) });
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
