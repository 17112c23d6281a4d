import { decodeCursor, encodeCursor } from './cursor';

describe('complaint cursors', () => {
  const cursor = { receivedAt: new Date('2026-11-28T09:30:00.123Z'), id: '749ce5cb-e8de-4e08-94ab-960e8ae340a9' };

  it('round-trip', () => {
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each(['', 'abc', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('{}').toString('base64url'), Buffer.from(`["2026-11-28T00:00:00Z","1' OR 1=1"]`).toString('base64url')])(
    'refuses %p',
    (raw) => expect(decodeCursor(raw)).toBeUndefined(),
  );
});
