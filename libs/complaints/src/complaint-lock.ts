import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { EntityManager } from 'typeorm';
import { Complaint } from './complaint.entity';

/**
 * Reads a complaint, with its SLA clock, holding its row lock until the transaction ends: every
 * change to a complaint (a transition, an audit event, a timer firing) goes through this, so
 * changes to one complaint happen one at a time. SQLite has no row locks; there the Transactions
 * service runs one transaction at a time.
 */
export function lockComplaint(manager: EntityManager, id: string): Promise<Complaint | null> {
  const query = manager.getRepository(Complaint).createQueryBuilder('c').addSelect('c.slaClock').where('c.id = :id', { id });
  if (manager.connection.options.type === 'postgres') query.setLock('pessimistic_write');
  return query.getOne();
}

/** Writes back what the workflow and the SLA clock change on a locked complaint, in one UPDATE. */
export async function saveComplaintState(manager: EntityManager, complaint: Complaint): Promise<void> {
  await manager.update(
    Complaint,
    { id: complaint.id },
    {
      status: complaint.status,
      teamCode: complaint.teamCode,
      assigneeId: complaint.assigneeId,
      assignedAt: complaint.assignedAt,
      category: complaint.category,
      priority: complaint.priority,
      priorityReasons: complaint.priorityReasons,
      priorityRank: complaint.priorityRank,
      dueAt: complaint.dueAt,
      breached: complaint.breached,
      resolution: complaint.resolution,
      resolvedAt: complaint.resolvedAt,
      closedAt: complaint.closedAt,
      finalResponseSentAt: complaint.finalResponseSentAt,
      reviewRequestedAt: complaint.reviewRequestedAt,
      mergedInto: complaint.mergedInto,
      slaPolicyCode: complaint.slaPolicyCode,
      slaMatchReason: complaint.slaMatchReason,
      slaClock: complaint.slaClock,
      slaVersion: complaint.slaVersion,
      slaNextWakeAt: complaint.slaNextWakeAt,
      version: complaint.version,
      updatedAt: complaint.updatedAt,
    } as QueryDeepPartialEntity<Complaint>,
  );
}
