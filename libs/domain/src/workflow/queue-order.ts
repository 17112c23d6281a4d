import { PRIORITY_LEVELS, type PriorityLevel } from '../complaint/priority';

/**
 * What the queue orders by. `breached` is the stored flag the SLA timer sets, not `dueAt < now`:
 * a flag keeps the order independent of the clock (so it can be indexed) and keeps a case marked
 * breached after its clock is paused or its due time moves.
 */
export interface QueueEntry {
  id: string;
  breached: boolean;
  dueAt: Date | null;
  priority: PriorityLevel;
  receivedAt: Date;
}

/** Urgent first in ascending order, so the repository can keep a small integer column for priority. */
export const PRIORITY_RANK: Readonly<Record<PriorityLevel, number>> = { urgent: 0, high: 1, medium: 2, low: 3 };

export type QueueSortField = 'breached' | 'dueAt' | 'priorityRank' | 'receivedAt' | 'id';

export interface QueueSortKey {
  field: QueueSortField;
  direction: 'asc' | 'desc';
  /** Where nulls sort; `not_null` for columns that never hold one. */
  nulls: 'first' | 'last' | 'not_null';
}

/**
 * The officer's queue order, which both the comparator below and the repository follow. For
 * PostgreSQL: an index on (breached DESC, due_at ASC NULLS LAST, priority_rank, received_at, id),
 * and since the directions are mixed, the keyset condition "after the cursor" is written out as
 * (breached < :b) OR (breached = :b AND (due_at > :d OR due_at IS NULL …)) and so on, not as a row
 * comparison. Ids compare as code units, as PostgreSQL compares uuid (text ids need COLLATE "C").
 */
export const QUEUE_ORDER: readonly QueueSortKey[] = [
  { field: 'breached', direction: 'desc', nulls: 'not_null' },
  { field: 'dueAt', direction: 'asc', nulls: 'last' },
  { field: 'priorityRank', direction: 'asc', nulls: 'not_null' },
  { field: 'receivedAt', direction: 'asc', nulls: 'not_null' },
  { field: 'id', direction: 'asc', nulls: 'not_null' },
];

type SortValue = boolean | number | string | null;

function sortValue(entry: QueueEntry, field: QueueSortField): SortValue {
  switch (field) {
    case 'breached':
      return entry.breached;
    case 'dueAt':
      return entry.dueAt ? entry.dueAt.getTime() : null;
    case 'priorityRank':
      return PRIORITY_RANK[entry.priority];
    case 'receivedAt':
      return entry.receivedAt.getTime();
    case 'id':
      return entry.id;
  }
}

/** Negative when `a` comes first in the queue. Also tells whether an entry lies after a cursor. */
export function compareQueueEntries(a: QueueEntry, b: QueueEntry): number {
  for (const key of QUEUE_ORDER) {
    const x = sortValue(a, key.field);
    const y = sortValue(b, key.field);
    if (x === y) continue;
    if (x === null || y === null) return (x === null) === (key.nulls === 'first') ? -1 : 1;
    const ascending = x < y ? -1 : 1;
    return key.direction === 'asc' ? ascending : -ascending;
  }
  return 0;
}

const CURSOR_VERSION = 1;
const UUID = /^[0-9a-f-]{36}$/;

/** An opaque cursor holding the last entry's sort values; versioned so a changed order can refuse old ones. */
export function encodeQueueCursor(entry: QueueEntry): string {
  const values = [CURSOR_VERSION, entry.breached, entry.dueAt?.toISOString() ?? null, entry.priority, entry.receivedAt.toISOString(), entry.id];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The cursor's sort values, or undefined for anything this order did not encode. */
export function decodeQueueCursor(raw: string): QueueEntry | undefined {
  try {
    const values: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(values) || values.length !== 6) return undefined;
    const [version, breached, dueAt, priority, receivedAt, id] = values as unknown[];
    const due = dueAt === null ? null : isoDate(dueAt);
    const received = isoDate(receivedAt);
    if (
      version !== CURSOR_VERSION ||
      typeof breached !== 'boolean' ||
      due === undefined ||
      !received ||
      !PRIORITY_LEVELS.includes(priority as PriorityLevel) ||
      typeof id !== 'string' ||
      !UUID.test(id)
    ) {
      return undefined;
    }
    return { id, breached, dueAt: due, priority: priority as PriorityLevel, receivedAt: received };
  } catch {
    return undefined;
  }
}

function isoDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? undefined : date;
}
