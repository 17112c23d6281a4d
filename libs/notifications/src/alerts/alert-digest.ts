/**
 * The storm rule, as plain functions: per recipient and per minute, the first `threshold` alerts
 * are mailed one by one and every later one is held for a single digest sent when the minute ends.
 * Windows are whole minutes of the dispatching worker's clock (the injected Clock), so the outcome
 * depends only on that clock and on the order in which the outbox is dispatched.
 */

export const DIGEST_WINDOW_MS = 60_000;

export interface DigestWindow {
  start: Date;
  /** Exclusive; the digest is due at this instant. */
  end: Date;
}

export function digestWindow(at: Date): DigestWindow {
  const start = Math.floor(at.getTime() / DIGEST_WINDOW_MS) * DIGEST_WINDOW_MS;
  return { start: new Date(start), end: new Date(start + DIGEST_WINDOW_MS) };
}

export type WindowDelivery = 'individual' | 'held';

/**
 * How each of `added` alerts is delivered when `before` alerts for the same recipient already fell
 * in this window: positions up to the threshold individually, every later one held for the digest.
 */
export function windowDeliveries(before: number, added: number, threshold: number): WindowDelivery[] {
  return Array.from({ length: added }, (_, i) => (before + i + 1 <= threshold ? 'individual' : 'held'));
}

/** A window needs a digest once more alerts than the threshold fell in it. */
export function needsDigest(total: number, threshold: number): boolean {
  return total > threshold;
}

export type RecipientSkipReason = 'no_address' | 'inactive';

/** What the staff table says about one recipient; undefined when there is no such row. */
export interface RecipientRecord {
  email: string | null;
  active: boolean;
}

/** Why a recipient gets no e-mail, or null when they can be mailed. */
export function recipientSkipReason(record: RecipientRecord | undefined): RecipientSkipReason | null {
  if (!record || !record.email || !record.email.trim()) return 'no_address';
  if (!record.active) return 'inactive';
  return null;
}

export interface AddressedAlert {
  alertId: string;
  recipients: readonly string[];
}

export interface RecipientSort<A extends AddressedAlert> {
  /** Per recipient, in the order the alerts came: what counts towards the window. */
  mailable: Map<string, A[]>;
  skipped: Array<{ alert: A; recipientId: string; reason: RecipientSkipReason }>;
}

/**
 * Splits one dispatch batch into the alerts each recipient can be mailed and the (alert, recipient)
 * pairs that are skipped. A recipient named twice on one alert counts once; a skipped pair does not
 * count towards the threshold, since nobody receives it.
 */
export function sortByRecipient<A extends AddressedAlert>(alerts: readonly A[], staff: ReadonlyMap<string, RecipientRecord>): RecipientSort<A> {
  const result: RecipientSort<A> = { mailable: new Map(), skipped: [] };
  for (const alert of alerts) {
    for (const recipientId of new Set(alert.recipients)) {
      const reason = recipientSkipReason(staff.get(recipientId));
      if (reason) {
        result.skipped.push({ alert, recipientId, reason });
        continue;
      }
      const list = result.mailable.get(recipientId) ?? [];
      list.push(alert);
      result.mailable.set(recipientId, list);
    }
  }
  return result;
}
