import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxEvent } from './outbox-event.entity';

export const OUTBOX_EVENT_TYPES = [
  'complaint.received',
  'complaint.acknowledged',
  'complaint.assigned',
  'complaint.status_changed',
  'complaint.resolved',
  'complaint.closed',
  'alert.raised',
] as const;
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

/** Records an event inside the caller's transaction; it is dispatched only if that commits. */
export async function addOutboxEvent(
  manager: EntityManager,
  event: { type: OutboxEventType; complaintId: string | null; payload: Record<string, unknown>; at: Date },
): Promise<void> {
  const row: QueryDeepPartialEntity<OutboxEvent> = { type: event.type, complaintId: event.complaintId, createdAt: event.at };
  // The payload is JSON; TypeORM's deep-partial typing cannot follow an open record type.
  await manager.insert(OutboxEvent, { ...row, payload: event.payload as QueryDeepPartialEntity<Record<string, unknown>> });
}
