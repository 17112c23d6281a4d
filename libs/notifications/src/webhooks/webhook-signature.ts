import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers should refuse deliveries signed longer ago than this, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * `v1=` + hex HMAC-SHA256 over `${timestamp}.${body}`, keyed with the webhook's secret. The
 * timestamp (Unix seconds, sent as Redress-Timestamp) is inside the MAC so it cannot be altered to
 * make an old delivery look fresh.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does with the raw request body (before any JSON parsing) and the
 * Redress-Timestamp and Redress-Signature headers. Exported for Node.js receivers and the tests.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const presented = Buffer.from(headers.signature ?? '');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
