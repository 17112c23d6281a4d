import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint } from '@redress/domain';
import { MIGRATIONS, unpackUint32 } from '@redress/database';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ADMIN_DATABASE_URL, databaseUrlFor } from './setup/test-env';

const BEFORE = MIGRATIONS.slice(0, MIGRATIONS.findIndex((migration) => migration.name === 'BinaryFingerprint1765200000000'));
const DESCRIPTIONS = [
  'My debit card was charged twice for the same grocery purchase and the branch could not reverse it.',
  '信用卡年费未经同意扣收，客服说会退回但至今没有退款。',
  'the',
];

async function migrate(options: DataSourceOptions, migrations: DataSourceOptions['migrations']): Promise<DataSource> {
  const dataSource = new DataSource({ ...options, migrations, migrationsTableName: 'migrations' } as DataSourceOptions);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** Complaints as stored before the migration: fingerprints as JSON text, one without (an older row). */
async function insertOldRows(dataSource: DataSource, pg: boolean): Promise<void> {
  const rows = [...DESCRIPTIONS.map((text, i) => ({ text, stored: JSON.stringify(fingerprint(text)), i })), { text: 'Older row', stored: null, i: 9 }];
  for (const { text, stored, i } of rows) {
    const values = [`00000000-0000-4000-8000-00000000000${i}`, `CMP-2026-00000${i}`, text, stored, '2026-11-01T10:00:00.000Z'];
    await dataSource.query(
      `INSERT INTO complaints (id, reference, channel, status, priority, priority_score, priority_reasons, product, description,
         description_fingerprint, description_language, customer_id, customer, customer_language, received_at, channel_details,
         submitted_by, submitted_by_kind, created_at, updated_at)
       VALUES (${pg ? '$1, $2' : '?, ?'}, 'web', 'received', 'low', 0, '[]', 'cards', ${pg ? '$3, $4' : '?, ?'}, 'en', 'c-1', '{}', 'en',
         ${pg ? '$5' : '?'}, '{}', 'test', 'staff', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
      values,
    );
  }
}

async function storedFingerprints(dataSource: DataSource): Promise<Record<string, unknown>> {
  const rows = (await dataSource.query('SELECT description, description_fingerprint AS fp FROM complaints ORDER BY id')) as Array<{ description: string; fp: unknown }>;
  return Object.fromEntries(rows.map((row) => [row.description, row.fp]));
}

function expectConverted(stored: Record<string, unknown>): void {
  for (const text of DESCRIPTIONS) expect([text, unpackUint32(stored[text] as Uint8Array)]).toEqual([text, fingerprint(text)]);
  expect(stored['Older row']).toBeNull();
}

function expectRestored(stored: Record<string, unknown>): void {
  for (const text of DESCRIPTIONS) {
    const value = stored[text];
    expect([text, typeof value === 'string' ? JSON.parse(value) : value]).toEqual([text, fingerprint(text)]);
  }
  expect(stored['Older row']).toBeNull();
}

/** Old rows in, the migration up (checked), then down (checked). */
async function upAndDown(options: DataSourceOptions, pg: boolean): Promise<void> {
  const before = await migrate(options, BEFORE);
  await insertOldRows(before, pg);
  await before.destroy();

  const after = await migrate(options, MIGRATIONS);
  expectConverted(await storedFingerprints(after));
  await after.undoLastMigration({ transaction: 'each' });
  expectRestored(await storedFingerprints(after));
  await after.destroy();
}

describe('migration to binary description fingerprints', () => {
  it('converts every stored fingerprint exactly on PostgreSQL, and back', async () => {
    const name = `${process.env.TEST_DATABASE_NAME}_fingerprints`;
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      await upAndDown({ type: 'postgres', url: databaseUrlFor(name) }, true);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('converts every stored fingerprint exactly on SQLite, and back', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'redress-migration-'));
    try {
      await upAndDown({ type: 'better-sqlite3', database: join(directory, 'redress.sqlite') }, false);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
