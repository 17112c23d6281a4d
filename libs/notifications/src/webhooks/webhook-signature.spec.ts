import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec-0123456789abcdef';
const body = '{"id":"42","type":"complaint.received","occurredAt":"2026-11-28T09:00:00.000Z","data":{}}';

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "timestamp.body"', () => {
    const hex = createHmac('sha256', secret).update(`1764320400.${body}`).digest('hex');
    expect(signWebhook(secret, 1764320400, body)).toBe(`v1=${hex}`);
  });

  it('verifies a fresh, untouched delivery', () => {
    const signature = signWebhook(secret, 1764320400, body);
    expect(verifyWebhookSignature(secret, { timestamp: '1764320400', signature }, body, 1764320460)).toBe(true);
  });

  it.each([
    ['another secret', { secret: 'x'.repeat(20) }],
    ['a changed body', { body: body.replace('42', '43') }],
    ['a changed timestamp', { timestamp: '1764320401' }],
    ['a stale timestamp', { now: 1764320400 + 301 }],
    ['no signature', { signature: '' }],
    ['no timestamp', { timestamp: '' }],
  ])('refuses %s', (_name, change: { secret?: string; body?: string; timestamp?: string; signature?: string; now?: number }) => {
    const signature = change.signature ?? signWebhook(secret, 1764320400, body);
    const ok = verifyWebhookSignature(
      change.secret ?? secret,
      { timestamp: change.timestamp ?? '1764320400', signature },
      change.body ?? body,
      change.now ?? 1764320400,
    );
    expect(ok).toBe(false);
  });
});
