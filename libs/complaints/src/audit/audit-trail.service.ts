import { Injectable } from '@nestjs/common';
import { appendAuditEvent, type AuditChainHead, type AuditEventDraft, type ChainedAuditEvent, type ChainVerification, type JsonObject, verifyChain } from '@redress/domain';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ComplaintEvent } from './complaint-event.entity';

/**
 * The complaint's timeline, hash-chained. Appending reads the latest link, so the caller must hold
 * the complaint's row lock (the workflow takes it with SELECT … FOR UPDATE) for the whole
 * transaction; two appends to one complaint then cannot race for the same seq, and if they ever
 * did, the unique (complaint_id, seq) index would refuse the second.
 */
@Injectable()
export class AuditTrail {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, draft: AuditEventDraft): Promise<ComplaintEvent> {
    const [row] = this.chain(await this.head(manager, draft.complaintId), [draft]);
    await manager.insert(ComplaintEvent, row as QueryDeepPartialEntity<ComplaintEvent>);
    return row;
  }

  /** The latest link of a complaint's chain (what the next event hashes over), under its row lock. */
  async head(manager: EntityManager, complaintId: string): Promise<AuditChainHead | null> {
    const latest = await manager.getRepository(ComplaintEvent).findOne({
      select: ['complaintId', 'seq', 'hash'],
      where: { complaintId },
      order: { seq: 'DESC' },
    });
    return latest && { complaintId: latest.complaintId, seq: latest.seq, hash: latest.hash };
  }

  /** The rows of `drafts` appended in order after `head`; the caller inserts them. */
  chain(head: AuditChainHead | null, drafts: readonly AuditEventDraft[]): ComplaintEvent[] {
    let previous = head;
    return drafts.map((draft) => {
      const chained = appendAuditEvent(previous, draft);
      previous = chained;
      return toRow(chained);
    });
  }

  /**
   * The first link of a complaint that is being created: nothing can precede it, so there is no
   * latest link to read. The caller inserts the row in the transaction that inserts the complaint.
   */
  first(draft: AuditEventDraft): ComplaintEvent {
    return toRow(appendAuditEvent(null, draft));
  }

  events(complaintId: string): Promise<ComplaintEvent[]> {
    return this.dataSource.getRepository(ComplaintEvent).find({ where: { complaintId }, order: { seq: 'ASC' } });
  }

  async verify(complaintId: string): Promise<ChainVerification & { events: number }> {
    const events = await this.events(complaintId);
    return { ...verifyChain(events.map(toChained)), events: events.length };
  }
}

function toRow(chained: ChainedAuditEvent): ComplaintEvent {
  return Object.assign(new ComplaintEvent(), {
    complaintId: chained.complaintId,
    seq: chained.seq,
    type: chained.type,
    actorKind: chained.actor.kind,
    actorId: chained.actor.id,
    at: new Date(chained.at),
    details: chained.details as Record<string, unknown>,
    previousHash: chained.previousHash,
    hash: chained.hash,
  });
}

function toChained(row: ComplaintEvent): ChainedAuditEvent {
  return {
    complaintId: row.complaintId,
    seq: row.seq,
    type: row.type,
    actor: { kind: row.actorKind, id: row.actorId },
    at: new Date(row.at).toISOString(),
    details: row.details as JsonObject,
    previousHash: row.previousHash,
    hash: row.hash,
  };
}
