import { PRIORITY_LEVELS } from '../complaint/priority';
import {
  PRIORITY_RANK,
  QUEUE_ORDER,
  compareQueueEntries,
  decodeQueueCursor,
  encodeQueueCursor,
  type QueueEntry,
} from './queue-order';

const at = (iso: string) => new Date(`2026-03-${iso}Z`);
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function entry(n: number, breached: boolean, dueAt: string | null, priority: QueueEntry['priority'], receivedAt: string): QueueEntry {
  return { id: uuid(n), breached, dueAt: dueAt ? at(dueAt) : null, priority, receivedAt: at(receivedAt) };
}

/** In the expected queue order; the number in each id is its position. */
const QUEUE: QueueEntry[] = [
  entry(1, true, '01T09:00:00', 'low', '01T08:00:00'), // breached beats everything, earliest due first
  entry(2, true, '02T09:00:00', 'urgent', '01T08:00:00'),
  entry(3, true, null, 'urgent', '01T08:00:00'), // breached without a due time: last of the breached
  entry(4, false, '05T09:00:00', 'urgent', '04T08:00:00'), // same due: urgent > high > medium > low
  entry(5, false, '05T09:00:00', 'high', '04T08:00:00'),
  entry(6, false, '05T09:00:00', 'medium', '03T08:00:00'), // same due and priority: oldest received first
  entry(7, false, '05T09:00:00', 'medium', '04T08:00:00'),
  entry(8, false, '05T09:00:00', 'low', '04T08:00:00'), // all equal but id
  entry(9, false, '05T09:00:00', 'low', '04T08:00:00'),
  entry(10, false, '06T09:00:00', 'urgent', '01T08:00:00'),
  entry(11, false, null, 'urgent', '02T08:00:00'), // no due time: after every due time
  entry(12, false, null, 'low', '01T08:00:00'),
];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('queue order', () => {
  it.each([1, 2, 3, 42, 1000])('sorts a shuffled queue (seed %i) into the expected order', (seed) => {
    expect(shuffled(QUEUE, seed).sort(compareQueueEntries).map((e) => e.id)).toEqual(QUEUE.map((e) => e.id));
  });

  it('sorts the reversed queue into the expected order', () => {
    expect([...QUEUE].reverse().sort(compareQueueEntries)).toEqual(QUEUE);
  });

  it('is a strict order: antisymmetric and zero only for the same entry', () => {
    for (const a of QUEUE) {
      for (const b of QUEUE) {
        const ab = Math.sign(compareQueueEntries(a, b));
        expect(ab).toBe(-Math.sign(compareQueueEntries(b, a)) || 0);
        expect(ab === 0).toBe(a === b);
      }
    }
  });

  it('describes the order for the repository', () => {
    expect(QUEUE_ORDER).toEqual([
      { field: 'breached', direction: 'desc', nulls: 'not_null' },
      { field: 'dueAt', direction: 'asc', nulls: 'last' },
      { field: 'priorityRank', direction: 'asc', nulls: 'not_null' },
      { field: 'receivedAt', direction: 'asc', nulls: 'not_null' },
      { field: 'id', direction: 'asc', nulls: 'not_null' },
    ]);
  });

  it('ranks priority urgent first', () => {
    expect([...PRIORITY_LEVELS].sort((a, b) => PRIORITY_RANK[a] - PRIORITY_RANK[b])).toEqual(['urgent', 'high', 'medium', 'low']);
  });

  it('compares ids by code unit (COLLATE "C"), not by locale', () => {
    const a = { ...QUEUE[7], id: '0000000a-0000-4000-8000-000000000000' };
    const b = { ...QUEUE[7], id: '0000000B-0000-4000-8000-000000000000' };
    expect(compareQueueEntries(b, a)).toBeLessThan(0);
  });
});

describe('queue cursors', () => {
  it.each([QUEUE[0], QUEUE[11]])('round-trip %#', (e) => {
    expect(decodeQueueCursor(encodeQueueCursor(e))).toEqual(e);
  });

  it('page through the queue without skipping or repeating, in any page size', () => {
    for (const size of [1, 3, 5, 12]) {
      const pages: QueueEntry[] = [];
      let cursor: string | undefined;
      do {
        const after = cursor === undefined ? undefined : decodeQueueCursor(cursor);
        const page = shuffled(QUEUE, size)
          .filter((e) => !after || compareQueueEntries(e, after) > 0)
          .sort(compareQueueEntries)
          .slice(0, size);
        pages.push(...page);
        cursor = page.length === size ? encodeQueueCursor(page[page.length - 1]) : undefined;
      } while (cursor !== undefined);
      expect(pages).toEqual(QUEUE);
    }
  });

  const raw = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
  const valid = [1, false, '2026-03-05T09:00:00.000Z', 'high', '2026-03-04T08:00:00.000Z', uuid(5)];

  it('accept a hand-made cursor of the right shape', () => {
    expect(decodeQueueCursor(raw(valid))).toEqual(QUEUE[4]);
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', 'abc'],
    ['an object', raw({ id: uuid(1) })],
    ['another version', raw([2, ...valid.slice(1)])],
    ['too short', raw(valid.slice(0, 5))],
    ['a non-boolean breached', raw([1, 'true', ...valid.slice(2)])],
    ['a bad due time', raw([1, false, 'soon', ...valid.slice(3)])],
    ['a due time not in ISO form', raw([1, false, '2026-03-05T09:00:00Z', ...valid.slice(3)])],
    ['an unknown priority', raw([1, false, valid[2], 'critical', ...valid.slice(4)])],
    ['a missing received time', raw([1, false, valid[2], 'high', null, uuid(5)])],
    ['an id that is not a uuid', raw([...valid.slice(0, 5), "1' OR 1=1"])],
  ])('refuse %s', (_name, cursor) => {
    expect(decodeQueueCursor(cursor)).toBeUndefined();
  });
});
