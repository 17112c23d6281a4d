import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databaseUrlFor } from '../setup/test-env';

/** Runs `work` on a PostgreSQL database of its own (named after this run's, plus `suffix`), dropped afterwards. */
export async function withScratchPostgres<T>(suffix: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `${process.env.TEST_DATABASE_NAME}_${suffix}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    return await work(databaseUrlFor(name));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Runs `work` on a SQLite file in a temporary folder, removed afterwards. */
export async function withScratchSqlite<T>(work: (path: string) => Promise<T>): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'redress-scratch-'));
  try {
    return await work(join(directory, 'redress.sqlite'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
