/** SMTP failures as alert e-mail records and judges them. */

/**
 * The error's code and the server's reply code, e.g. "EENVELOPE 550" or "ECONNECTION": never the
 * message, which may quote the recipient's address.
 */
export function describeSmtpError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'Error';
  return typeof e?.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

/** A 5xx reply is the server's final word; anything else (4xx, no connection, a timeout) may pass. */
export function isPermanentSmtpError(error: unknown): boolean {
  const responseCode = (error as { responseCode?: unknown })?.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}
