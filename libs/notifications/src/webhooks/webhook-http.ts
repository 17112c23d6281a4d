import { WEBHOOK_TIMEOUT_MS } from './webhook-settings';

export interface PostResult {
  ok: boolean;
  statusCode: number | null;
  /** A few words for the delivery row; never the receiver's response body. */
  error: string | null;
}

const MAX_REDIRECTS = 3;

/**
 * POSTs a signed body. Redirects are followed only to the same host and port (and never from
 * https to http): the signature and payload must not be handed to a host nobody configured.
 * The time limit covers the whole exchange, redirects included.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string): Promise<PostResult> {
  const signal = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS);
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', headers, body, redirect: 'manual', signal });
    } catch (error) {
      return { ok: false, statusCode: null, error: describeFailure(error) };
    }
    // Only the status matters; cancelling frees the connection without reading the body.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status, error: null };

    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}` };
    }
    const next = new URL(location, target);
    if (next.host !== target.host || (target.protocol === 'https:' && next.protocol !== 'https:')) {
      return { ok: false, statusCode: response.status, error: `HTTP ${response.status}: redirect to another host not followed` };
    }
    if (hop >= MAX_REDIRECTS) return { ok: false, statusCode: response.status, error: 'too many redirects' };
    target = next;
  }
}

function describeFailure(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no response within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  const reason = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'request failed';
  return `request failed: ${reason}`.slice(0, 300);
}
