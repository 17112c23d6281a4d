import { digestWindow, needsDigest, recipientSkipReason, sortByRecipient, windowDeliveries } from './alert-digest';

describe('digestWindow', () => {
  it('is the whole UTC minute the instant falls in, ending exclusively', () => {
    expect(digestWindow(new Date('2026-12-08T09:00:00.000Z'))).toEqual({ start: new Date('2026-12-08T09:00:00Z'), end: new Date('2026-12-08T09:01:00Z') });
    expect(digestWindow(new Date('2026-12-08T09:00:59.999Z')).start).toEqual(new Date('2026-12-08T09:00:00Z'));
    expect(digestWindow(new Date('2026-12-08T09:01:00.000Z')).start).toEqual(new Date('2026-12-08T09:01:00Z'));
  });
});

describe('windowDeliveries', () => {
  it('mails up to the threshold one by one and holds every later alert of the window', () => {
    expect(windowDeliveries(0, 3, 10)).toEqual(['individual', 'individual', 'individual']);
    expect(windowDeliveries(0, 12, 10)).toEqual([...Array(10).fill('individual'), 'held', 'held']);
    expect(windowDeliveries(10, 1, 10)).toEqual(['held']);
  });

  it('gives the same answer whether a storm arrives in one batch or several', () => {
    const oneBatch = windowDeliveries(0, 14, 5);
    const batches = [3, 1, 6, 4];
    let before = 0;
    const split = batches.flatMap((n) => {
      const part = windowDeliveries(before, n, 5);
      before += n;
      return part;
    });
    expect(split).toEqual(oneBatch);
    expect(oneBatch.filter((d) => d === 'individual')).toHaveLength(5);
  });

  it('owes a digest only once the window holds more alerts than the threshold', () => {
    expect(needsDigest(10, 10)).toBe(false);
    expect(needsDigest(11, 10)).toBe(true);
    expect(windowDeliveries(9, 1, 10)).toEqual(['individual']);
  });

  it('treats a threshold of one as "the first alert, then a digest"', () => {
    expect(windowDeliveries(0, 3, 1)).toEqual(['individual', 'held', 'held']);
  });
});

describe('recipientSkipReason', () => {
  it('skips recipients who are not staff, have no address or have left', () => {
    expect(recipientSkipReason(undefined)).toBe('no_address');
    expect(recipientSkipReason({ email: '', active: true })).toBe('no_address');
    expect(recipientSkipReason({ email: '   ', active: true })).toBe('no_address');
    expect(recipientSkipReason({ email: null, active: true })).toBe('no_address');
    expect(recipientSkipReason({ email: 'li@bank.example', active: false })).toBe('inactive');
    expect(recipientSkipReason({ email: 'li@bank.example', active: true })).toBeNull();
  });
});

describe('sortByRecipient', () => {
  const staff = new Map([
    ['off-1', { email: 'off1@bank.example', active: true }],
    ['sup-1', { email: 'sup1@bank.example', active: true }],
    ['gone', { email: 'gone@bank.example', active: false }],
  ]);

  it('groups mailable alerts per recipient in arrival order and lists skipped pairs apart', () => {
    const a = { alertId: 'a', recipients: ['off-1', 'sup-1'] };
    const b = { alertId: 'b', recipients: ['off-1', 'head', 'off-1'] };
    const c = { alertId: 'c', recipients: ['gone', 'sup-1'] };
    const sorted = sortByRecipient([a, b, c], staff);
    expect([...sorted.mailable.entries()]).toEqual([
      ['off-1', [a, b]],
      ['sup-1', [a, c]],
    ]);
    expect(sorted.skipped).toEqual([
      { alert: b, recipientId: 'head', reason: 'no_address' },
      { alert: c, recipientId: 'gone', reason: 'inactive' },
    ]);
  });

  it('returns nothing for alerts without recipients', () => {
    const sorted = sortByRecipient([{ alertId: 'a', recipients: [] }], staff);
    expect(sorted.mailable.size).toBe(0);
    expect(sorted.skipped).toEqual([]);
  });
});
