import { Injectable } from '@nestjs/common';
import { TurnBatcher } from '@redress/batching';
import { Complaint, ComplaintEvent, HISTORY_LIMIT } from '@redress/complaints';
import { byteaText, isoTimestamp, packUint32, unpackUint32 } from '@redress/database';
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
// and limit); the count and the duplicate window are applied to that same set of rows. Each
// element of $1 is one intake's parameters, answered by the row with its `i`; the teams, the same
// for all, go out once, with the first row.
const READ_SQL = `
WITH p AS (
  SELECT * FROM json_to_recordset($1::json) AS p(
    i int, principal text, key text, channel text, external_ref text, customer_id text, since timestamptz,
    until timestamptz, received_at timestamptz, duplicates_since timestamptz, low bigint, high bigint)
)
SELECT q.*,
  CASE WHEN q.i = 0 THEN (
    SELECT json_agg(json_build_array(code, name, supervisor_id, manager_id, categories, languages, auto_assign, round_robin_cursor, created_at, updated_at) ORDER BY code)
    FROM teams) END AS teams,
  CASE WHEN q.idempotency IS NULL AND q.existing IS NULL THEN nextval('complaint_reference_seq') END AS sequence
FROM (
  -- Scalar subqueries, not joins: each runs per intake on its index, where a join planned for a
  -- hundred-row guess of $1 could hash whole tables. OFFSET 0 keeps them from running twice.
  SELECT
    p.i,
    (SELECT json_build_array(request_hash, status_code, response_body) FROM idempotency_keys
      WHERE principal = p.principal AND key = p.key) AS idempotency,
    (SELECT json_build_array(id, reference) FROM complaints WHERE channel = p.channel AND external_ref = p.external_ref) AS existing,
    h.previous,
    h.candidates
  FROM p
  CROSS JOIN LATERAL (
    SELECT
      count(*) FILTER (WHERE h.received_at <= p.received_at)::int AS previous,
      json_agg(json_build_array(h.id, h.received_at, encode(h.description_shingle_hashes, 'base64'), h.legacy_description) ORDER BY h.received_at DESC)
        FILTER (WHERE h.received_at >= p.duplicates_since
          AND (h.description_shingle_hashes IS NULL OR octet_length(h.description_shingle_hashes) / 4 BETWEEN p.low AND p.high)) AS candidates
    FROM (
      SELECT id, received_at, description_shingle_hashes,
             CASE WHEN description_shingle_hashes IS NULL THEN description END AS legacy_description
      FROM complaints
      WHERE customer_id = p.customer_id AND received_at >= p.since AND received_at <= p.until
      ORDER BY received_at DESC
      LIMIT ${HISTORY_LIMIT}
    ) h
  ) h
  OFFSET 0
) q
ORDER BY q.i`;

const COMPLAINT_COLUMNS = [
  'id', 'reference', 'channel', 'status', 'priority', 'priority_score', 'priority_reasons', 'category', 'product',
  'description', 'description_shingle_hashes', 'description_language', 'customer_id', 'customer', 'customer_language',
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

// SQLSTATE classes one intake's own values can cause: text or a value PostgreSQL refuses, and a
// unique key another request took first.
const DATA_EXCEPTION = '22';
const INTEGRITY_CONSTRAINT_VIOLATION = '23';

function sqlStateIn(...classes: string[]): (error: unknown) => boolean {
  return (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && classes.includes(code.slice(0, 2));
  };
}

/**
 * Intakes per statement, read or write; a larger burst is split into statements that run side by
 * side on the pool. Measured with bench:intake (64 connections, this machine, runs interleaved):
 * 64 left the event loop idle 12-14 % of the time, every request waiting on one statement; 16
 * cost more server and PostgreSQL CPU per complaint. 32 gave 807-934 req/s (median 907 of six),
 * 64 gave 798-869 (median 852 of four), 16 gave 826 and 861.
 */
const MAX_BATCH = 32;

/** A complaint as the row json_populate_recordset reads: column names, JSON values (dates as ISO strings). */
function complaintRecord(c: Complaint): Record<(typeof COMPLAINT_COLUMNS)[number], unknown> {
  return {
    id: c.id, reference: c.reference, channel: c.channel, status: c.status, priority: c.priority, priority_score: c.priorityScore,
    priority_reasons: c.priorityReasons, category: c.category, product: c.product, description: c.description,
    description_shingle_hashes: c.descriptionFingerprint && byteaText(packUint32(c.descriptionFingerprint)), description_language: c.descriptionLanguage, customer_id: c.customerId,
    customer: c.customer, customer_language: c.customerLanguage, vulnerable_customer: c.vulnerableCustomer,
    disputed_amount: c.disputedAmount, disputed_currency: c.disputedCurrency, occurred_at: isoTimestamp(c.occurredAt), received_at: isoTimestamp(c.receivedAt),
    external_ref: c.externalRef, channel_details: c.channelDetails, submitted_by: c.submittedBy, submitted_by_kind: c.submittedByKind,
    possible_duplicate_of: c.possibleDuplicateOf, duplicate_similarity: c.duplicateSimilarity, jurisdiction: c.jurisdiction,
    team_code: c.teamCode, assignee_id: c.assigneeId, assigned_at: isoTimestamp(c.assignedAt), priority_rank: c.priorityRank, due_at: isoTimestamp(c.dueAt),
    breached: c.breached, resolution: c.resolution, resolved_at: isoTimestamp(c.resolvedAt), closed_at: isoTimestamp(c.closedAt),
    final_response_sent_at: isoTimestamp(c.finalResponseSentAt), review_requested_at: isoTimestamp(c.reviewRequestedAt), merged_into: c.mergedInto,
    sla_policy_code: c.slaPolicyCode, sla_match_reason: c.slaMatchReason, sla_clock: c.slaClock, sla_version: c.slaVersion,
    sla_next_wake_at: isoTimestamp(c.slaNextWakeAt), version: c.version, created_at: isoTimestamp(c.createdAt), updated_at: isoTimestamp(c.updatedAt),
  };
}

/** The statement's four parameters for a batch of intakes. */
function writeParameters(batch: readonly IntakeRows[]): string[] {
  const complaints: unknown[] = [];
  const events: unknown[] = [];
  const keys: unknown[] = [];
  const outbox: unknown[] = [];
  for (const { complaint, event, outbox: entries, outboxAt, idempotency } of batch) {
    complaints.push(complaintRecord(complaint));
    events.push({
      complaint_id: event.complaintId, seq: event.seq, type: event.type, actor_kind: event.actorKind, actor_id: event.actorId,
      at: isoTimestamp(event.at), details: event.details, previous_hash: event.previousHash, hash: event.hash,
    });
    if (idempotency) {
      keys.push({
        principal: idempotency.principal, key: idempotency.key, request_hash: idempotency.requestHash,
        status_code: idempotency.statusCode, response_body: idempotency.responseBody, created_at: isoTimestamp(idempotency.createdAt),
      });
    }
    for (const entry of entries) outbox.push({ type: entry.type, complaint_id: complaint.id, payload: entry.payload, created_at: isoTimestamp(outboxAt) });
  }
  return [JSON.stringify(complaints), JSON.stringify(events), JSON.stringify(keys), JSON.stringify(outbox)];
}

type TeamRow = [string, string, string | null, string | null, string[], string[], Team['autoAssign'], string | null, string, string];

interface ReadRow {
  idempotency: [string, number, unknown] | null;
  existing: [string, string] | null;
  previous: number;
  /** Fingerprints in base64 (PostgreSQL breaks its lines at 76 characters; Buffer skips the breaks). */
  candidates: Array<[string, string, string | null, string | null]> | null;
  teams: TeamRow[] | null;
  sequence: string | null;
}

/** One intake's answer; `teams` come with the batch's first row, and each intake gets its own Team objects. */
function toIntakeRead(row: ReadRow, teams: TeamRow[] | null): IntakeRead {
  return {
    idempotency: row.idempotency && { requestHash: row.idempotency[0], statusCode: row.idempotency[1], responseBody: row.idempotency[2] },
    existing: row.existing && { id: row.existing[0], reference: row.existing[1] },
    sequence: row.sequence === null ? null : Number(row.sequence),
    previousComplaints: row.previous,
    candidates: (row.candidates ?? []).map(([id, receivedAt, stored, legacy]) => ({
      id,
      receivedAt: new Date(receivedAt),
      // Older rows have no fingerprint; only then is the description read to compute one.
      fingerprint: stored !== null ? unpackUint32(Buffer.from(stored, 'base64')) : fingerprint(legacy ?? ''),
    })),
    teams: (teams ?? []).map(([code, name, supervisorId, managerId, categories, languages, autoAssign, roundRobinCursor, createdAt, updatedAt]) =>
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

/**
 * Intake's reads and writes on PostgreSQL as two statements, prepared once per connection,
 * instead of the ten TypeORM round trips of ComplaintsService.submit (which SQLite still uses).
 */
@Injectable()
export class IntakeStore {
  readonly enabled: boolean;
  private readonly reads = new TurnBatcher<IntakeReadParams, IntakeRead>((batch) => this.readBatch(batch), MAX_BATCH, sqlStateIn(DATA_EXCEPTION));
  private readonly writes = new TurnBatcher<IntakeRows, void>(
    async (batch) => {
      await this.pool().query({ name: 'redress_intake_write', text: WRITE_SQL, values: writeParameters(batch) });
      return batch.map(() => undefined);
    },
    MAX_BATCH,
    sqlStateIn(DATA_EXCEPTION, INTEGRITY_CONSTRAINT_VIOLATION),
  );

  constructor(private readonly dataSource: DataSource) {
    this.enabled = dataSource.options.type === 'postgres';
  }

  /**
   * What one intake reads before it builds its complaint, in one statement with the other intakes
   * that read in the same turn of the event loop (TurnBatcher).
   */
  read(params: IntakeReadParams): Promise<IntakeRead> {
    return this.reads.submit(params);
  }

  private async readBatch(batch: readonly IntakeReadParams[]): Promise<IntakeRead[]> {
    const parameters = batch.map((p, i) => {
      const [low, high] = comparableLengths(p.fingerprintLength);
      return {
        i, principal: p.principal, key: p.key, channel: p.channel, external_ref: p.externalRef, customer_id: p.customerId,
        since: isoTimestamp(p.since), until: isoTimestamp(p.until), received_at: isoTimestamp(p.receivedAt), duplicates_since: isoTimestamp(p.duplicatesSince), low, high,
      };
    });
    const { rows } = await this.pool().query({ name: 'redress_intake_read', text: READ_SQL, values: [JSON.stringify(parameters)] });
    const teams = (rows[0] as ReadRow).teams;
    return (rows as ReadRow[]).map((row) => toIntakeRead(row, teams));
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
   * locked a team row there). Without, in one statement with the other intakes that write in the
   * same turn of the event loop (TurnBatcher), which is their transaction; resolves once it has
   * committed.
   */
  write(rows: IntakeRows, manager?: EntityManager): Promise<void> {
    if (manager) return manager.query(WRITE_SQL, writeParameters([rows])).then(() => undefined);
    return this.writes.submit(rows);
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
