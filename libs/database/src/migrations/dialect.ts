import type { QueryRunner } from 'typeorm';

/**
 * Column types a migration writes, for the database it runs on. Read from the query runner, not
 * the environment, so a migration always matches the connection it is applied to.
 */
export function dialectTypes(q: QueryRunner) {
  const pg = q.connection.driver.options.type === 'postgres';
  return {
    pg,
    timestamp: pg ? 'timestamptz' : 'datetime',
    json: pg ? 'jsonb' : 'text',
    uuid: pg ? 'uuid' : 'varchar',
    uuidLength: pg ? undefined : '36',
    decimal: pg ? 'numeric' : 'decimal',
    binary: pg ? 'bytea' : 'blob',
  };
}
