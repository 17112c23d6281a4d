import { createHash } from 'node:crypto';
import { canonicalJson, type JsonObject } from './canonical-json';

/** The previous hash of a complaint's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  kind: 'staff' | 'integration' | 'system';
  id: string;
}

/**
 * One entry in a complaint's audit trail. Each complaint has its own chain (seq 1, 2, …), so writes
 * for different complaints never wait on one another; the transition's row lock orders the writes
 * within one complaint. `at` is the ISO form Date.prototype.toISOString writes (UTC, milliseconds).
 */
export interface AuditEvent {
  complaintId: string;
  seq: number;
  type: string;
  actor: AuditActor;
  at: string;
  details: JsonObject;
}

export interface ChainedAuditEvent extends AuditEvent {
  previousHash: string;
  hash: string;
}

export interface AuditEventDraft {
  complaintId: string;
  type: string;
  actor: AuditActor;
  at: Date;
  details: JsonObject;
}

/**
 * Lower-case hex SHA-256 of the UTF-8 bytes of `previousHash` followed directly by the canonical
 * JSON (see canonicalJson) of `{ actor: { id, kind }, at, complaintId, details, seq, type }`.
 * Only those fields are hashed, so extra columns on a row read back (ids, the hashes) do not matter.
 */
export function hashAuditEvent(previousHash: string, event: AuditEvent): string {
  const body: JsonObject = {
    complaintId: event.complaintId,
    seq: event.seq,
    type: event.type,
    actor: { kind: event.actor.kind, id: event.actor.id },
    at: event.at,
    details: event.details,
  };
  return createHash('sha256').update(previousHash + canonicalJson(body), 'utf8').digest('hex');
}

/** What the next event of a chain depends on: the latest event's complaint, number and hash. */
export type AuditChainHead = Pick<ChainedAuditEvent, 'complaintId' | 'seq' | 'hash'>;

/** The next event of a complaint's chain; `previous` is its latest event, or null for the first. */
export function appendAuditEvent(previous: AuditChainHead | null, draft: AuditEventDraft): ChainedAuditEvent {
  if (previous && previous.complaintId !== draft.complaintId) {
    throw new Error(`cannot chain an event of complaint ${draft.complaintId} after one of complaint ${previous.complaintId}`);
  }
  const event: AuditEvent = {
    complaintId: draft.complaintId,
    seq: previous ? previous.seq + 1 : 1,
    type: draft.type,
    actor: draft.actor,
    at: draft.at.toISOString(),
    details: draft.details,
  };
  const previousHash = previous?.hash ?? GENESIS_HASH;
  return { ...event, previousHash, hash: hashAuditEvent(previousHash, event) };
}

export type ChainVerification =
  | { intact: true }
  | { intact: false; firstBrokenSeq: number; reason: 'hash_mismatch' | 'sequence_gap' | 'previous_hash_mismatch' };

/**
 * Checks one complaint's events in the order read (ORDER BY seq). `firstBrokenSeq` is the first
 * sequence number that cannot be trusted: for a missing event, the missing number. A chain proves
 * nothing about events removed from its end; compare the last seq with a count kept elsewhere.
 */
export function verifyChain(events: readonly ChainedAuditEvent[]): ChainVerification {
  let previousHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const seq = index + 1;
    if (event.seq !== seq) return { intact: false, firstBrokenSeq: seq, reason: 'sequence_gap' };
    if (event.previousHash !== previousHash) return { intact: false, firstBrokenSeq: seq, reason: 'previous_hash_mismatch' };
    if (event.hash !== hashAuditEvent(previousHash, event)) return { intact: false, firstBrokenSeq: seq, reason: 'hash_mismatch' };
    previousHash = event.hash;
  }
  return { intact: true };
}
