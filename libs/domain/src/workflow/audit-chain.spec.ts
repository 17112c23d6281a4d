import { createHash } from 'node:crypto';
import {
  GENESIS_HASH,
  appendAuditEvent,
  hashAuditEvent,
  verifyChain,
  type AuditEventDraft,
  type ChainedAuditEvent,
} from './audit-chain';

const T0 = Date.parse('2026-03-10T08:00:00.000Z');
const COMPLAINT = '749ce5cb-e8de-4e08-94ab-960e8ae340a9';

const DRAFTS: AuditEventDraft[] = [
  { type: 'complaint.received', actor: { kind: 'integration', id: 'web' }, details: { channel: 'web' } },
  { type: 'complaint.acknowledge', actor: { kind: 'staff', id: 'off-1' }, details: { from: 'received', to: 'acknowledged' } },
  { type: 'complaint.start', actor: { kind: 'staff', id: 'off-1' }, details: { from: 'acknowledged', to: 'investigating' } },
  {
    type: 'complaint.resolve',
    actor: { kind: 'staff', id: 'off-1' },
    details: { from: 'investigating', to: 'resolved', resolution: { outcome: 'upheld', summary: '已退还', redress: { amount: 120.5, currency: 'CNY' } } },
  },
  { type: 'sla.breached', actor: { kind: 'system', id: 'sla-timer' }, details: { level: 1 } },
].map((draft, i) => ({ ...draft, complaintId: COMPLAINT, at: new Date(T0 + i * 60_000) }) as AuditEventDraft);

function chain(): ChainedAuditEvent[] {
  const events: ChainedAuditEvent[] = [];
  for (const draft of DRAFTS) events.push(appendAuditEvent(events.at(-1) ?? null, draft));
  return events;
}

describe('appendAuditEvent', () => {
  it('numbers events from 1 and links each to the previous hash, starting from 64 zeros', () => {
    const events = chain();
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0].previousHash).toBe(GENESIS_HASH);
    events.slice(1).forEach((e, i) => expect(e.previousHash).toBe(events[i].hash));
    events.forEach((e) => expect(e.hash).toMatch(/^[0-9a-f]{64}$/));
    expect(events[0].at).toBe('2026-03-10T08:00:00.000Z');
  });

  it('hashes the previous hash followed by the canonical JSON of the event, byte for byte', () => {
    const [first] = chain();
    const canonical =
      '{"actor":{"id":"web","kind":"integration"},"at":"2026-03-10T08:00:00.000Z",' +
      `"complaintId":"${COMPLAINT}","details":{"channel":"web"},"seq":1,"type":"complaint.received"}`;
    expect(first.hash).toBe(createHash('sha256').update(`${GENESIS_HASH}${canonical}`, 'utf8').digest('hex'));
  });

  it('refuses to chain another complaint’s event', () => {
    const [first] = chain();
    expect(() => appendAuditEvent(first, { ...DRAFTS[1], complaintId: 'other' })).toThrow(
      `cannot chain an event of complaint other after one of complaint ${COMPLAINT}`,
    );
  });

  it('refuses details that would not read back the same', () => {
    expect(() => appendAuditEvent(null, { ...DRAFTS[0], details: { when: new Date() as never } })).toThrow('$.details.when');
  });
});

describe('verifyChain', () => {
  it('finds an intact chain intact, and an empty one', () => {
    expect(verifyChain(chain())).toEqual({ intact: true });
    expect(verifyChain([])).toEqual({ intact: true });
  });

  it('re-hashes rows read back from a JSON column, whatever their key order or extra columns', () => {
    const stored = JSON.parse(JSON.stringify(chain())) as ChainedAuditEvent[];
    const reordered = stored.map((e) => ({
      rowId: 99,
      hash: e.hash,
      details: Object.fromEntries(Object.entries(e.details).reverse()),
      previousHash: e.previousHash,
      at: e.at,
      actor: { id: e.actor.id, kind: e.actor.kind },
      type: e.type,
      seq: e.seq,
      complaintId: e.complaintId,
    }));
    expect(verifyChain(reordered)).toEqual({ intact: true });
  });

  it('finds a modified detail', () => {
    const events = chain();
    events[3] = { ...events[3], details: { ...events[3].details, resolution: { outcome: 'not_upheld' } } };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 4, reason: 'hash_mismatch' });
  });

  it.each([
    ['actor', { actor: { kind: 'staff', id: 'sup-1' } }],
    ['time', { at: '2026-03-10T08:01:00.001Z' }],
    ['type', { type: 'complaint.withdraw' }],
    ['complaint', { complaintId: 'another' }],
  ] as const)('finds a modified %s', (_name, change) => {
    const events = chain();
    events[1] = { ...events[1], ...change };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 2, reason: 'hash_mismatch' });
  });

  it('finds a deleted middle event, naming the missing number', () => {
    const events = chain();
    events.splice(2, 1);
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 3, reason: 'sequence_gap' });
  });

  it('finds a deleted first event', () => {
    expect(verifyChain(chain().slice(1))).toEqual({ intact: false, firstBrokenSeq: 1, reason: 'sequence_gap' });
  });

  it('finds a deleted middle event even when the later ones are renumbered', () => {
    const events = chain();
    events.splice(2, 1);
    const renumbered = events.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(verifyChain(renumbered)).toEqual({ intact: false, firstBrokenSeq: 3, reason: 'previous_hash_mismatch' });
  });

  it('finds a reordered pair as read', () => {
    const events = chain();
    [events[1], events[2]] = [events[2], events[1]];
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 2, reason: 'sequence_gap' });
  });

  it('finds a reordered pair whose sequence numbers were swapped to match', () => {
    const events = chain();
    const [second, third] = [events[1], events[2]];
    events[1] = { ...third, seq: 2 };
    events[2] = { ...second, seq: 3 };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 2, reason: 'previous_hash_mismatch' });
  });

  it('finds a changed previous hash, even when that event’s own hash was recomputed', () => {
    const events = chain();
    events[2] = { ...events[2], previousHash: 'f'.repeat(64) };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 3, reason: 'previous_hash_mismatch' });
    events[2] = { ...events[2], hash: hashAuditEvent(events[2].previousHash, events[2]) };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 3, reason: 'previous_hash_mismatch' });
  });

  it('finds a first event that does not start from the genesis hash', () => {
    const events = chain();
    events[0] = { ...events[0], previousHash: '1'.repeat(64) };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 1, reason: 'previous_hash_mismatch' });
  });

  it('finds a replaced hash', () => {
    const events = chain();
    events[4] = { ...events[4], hash: '0'.repeat(64) };
    expect(verifyChain(events)).toEqual({ intact: false, firstBrokenSeq: 5, reason: 'hash_mismatch' });
  });

  it('cannot see events cut off the end: that needs the count kept elsewhere', () => {
    expect(verifyChain(chain().slice(0, 3))).toEqual({ intact: true });
  });
});
