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
