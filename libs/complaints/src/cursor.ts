/** Keyset cursor over (receivedAt DESC, id DESC): opaque to clients, stable under inserts. */
export interface ComplaintCursor {
  receivedAt: Date;
  id: string;
}

export function encodeCursor(cursor: ComplaintCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt.toISOString(), cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): ComplaintCursor | undefined {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(receivedAt));
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) return undefined;
    return { receivedAt: date, id };
  } catch {
    return undefined;
  }
}
