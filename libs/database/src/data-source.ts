import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppConfig } from '@redress/config';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (config.database.type === 'postgres') {
    return {
      ...common,
      type: 'postgres',
      url: config.database.url,
      extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20), connectionTimeoutMillis: 5000 },
    };
  }
  mkdirSync(dirname(config.database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.database.path,
    enableWAL: true,
    // A second process (api and worker share the file) waits for the write lock instead of failing.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

const MIGRATION_LOCK_ID = 725_001_001;
const LOCK_RETRY_MS = 250;

/**
 * Runs pending migrations. On PostgreSQL an advisory lock makes concurrent starts (api and worker,
 * or several replicas) take turns, so each migration runs exactly once. A process waiting its turn
 * asks for the lock again every LOCK_RETRY_MS rather than blocking in pg_advisory_lock: a blocked
 * statement holds a snapshot, and CREATE INDEX CONCURRENTLY in the running migration waits for
 * every older snapshot to end, so the two would wait on each other for ever.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    for (;;) {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_ID])) as Array<{ locked: boolean }>;
      if (locked) break;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await runner.release();
  }
}
