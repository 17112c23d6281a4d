/**
 * Column types for the two supported databases. Entity decorators are evaluated when their module
 * is imported, before any Nest provider exists, so the dialect is read from the same environment
 * variable that loadConfig() validates: DATABASE_URL set means PostgreSQL, unset means SQLite.
 */
export const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

export const columnTypes = {
  uuid: isPostgres ? 'uuid' : 'varchar',
  timestamp: isPostgres ? 'timestamptz' : 'datetime',
  json: isPostgres ? 'jsonb' : 'simple-json',
  decimal: isPostgres ? 'numeric' : 'decimal',
  bigint: isPostgres ? 'bigint' : 'integer',
  binary: isPostgres ? 'bytea' : 'blob',
} as const;

/** Decimal columns come back from node-postgres as strings; the API speaks numbers. */
export const decimalTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

/**
 * A timestamp column read raw (getRawMany, query()): PostgreSQL returns a Date, SQLite the text
 * TypeORM stored, "YYYY-MM-DD HH:MM:SS.SSS" in UTC without a zone mark.
 */
export function rawTimestamp(value: Date | string): Date {
  if (value instanceof Date) return value;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}

/**
 * A timestamp as a raw SQL or JSON parameter: ISO 8601 in UTC, null for none. An invalid Date
 * throws, where JSON.stringify would quietly write NULL (a lost deadline, a lost wake-up).
 */
export function isoTimestamp(value: Date | null | undefined): string | null {
  return value === null || value === undefined ? null : new Date(value).toISOString();
}

/**
 * A list of unsigned 32-bit integers as a binary column: four big-endian bytes each (PostgreSQL's
 * int4send order, so SQL can build the same bytes). A third of the JSON text's size, and read
 * without parsing numbers: intake reads up to 50 stored description fingerprints per complaint.
 */
export function packUint32(values: readonly number[]): Buffer {
  const bytes = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeUInt32BE(values[i], i * 4);
  return bytes;
}

export function unpackUint32(bytes: Uint8Array): number[] {
  if (bytes.length % 4 !== 0) throw new RangeError(`a list of 32-bit integers has a multiple of 4 bytes, not ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Array<number>(bytes.length / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getUint32(i * 4);
  return values;
}

export const uint32ListTransformer = {
  to: (value?: readonly number[] | null) => (value === null || value === undefined ? value : packUint32(value)),
  from: (value?: Uint8Array | null) => (value === null || value === undefined ? null : unpackUint32(value)),
};

/** Bytes as the text PostgreSQL reads into a bytea, for JSON rows (json_populate_recordset). */
export function byteaText(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}
