import { fingerprint } from '@redress/domain';
import { MIGRATIONS, unpackUint32 } from '@redress/database';
import { BinaryFingerprint1765200000000 } from '../libs/database/src/migrations/1765200000000-binary-fingerprint';
import { DataSource, DataSourceOptions } from 'typeorm';
import { withScratchPostgres, withScratchSqlite } from './support/scratch-databases';

const INDEX = MIGRATIONS.findIndex((migration) => migration.name === 'BinaryFingerprint1765200000000');
const BEFORE = MIGRATIONS.slice(0, INDEX);
/** Up to this migration, so that undoing the last one undoes it whatever comes later. */
const THROUGH = MIGRATIONS.slice(0, INDEX + 1);
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

async function stored(dataSource: DataSource, column: string): Promise<Record<string, unknown>> {
  const rows = (await dataSource.query(`SELECT description, ${column} AS value FROM complaints ORDER BY id`)) as Array<{ description: string; value: unknown }>;
  return Object.fromEntries(rows.map((row) => [row.description, row.value]));
}

/** The JSON fingerprints as they were before the migration, untouched for a release still running. */
async function expectJsonKept(dataSource: DataSource): Promise<void> {
  const json = await stored(dataSource, 'description_fingerprint');
  for (const text of DESCRIPTIONS) {
    const value = json[text];
    expect([text, typeof value === 'string' ? JSON.parse(value) : value]).toEqual([text, fingerprint(text)]);
  }
  expect(json['Older row']).toBeNull();
}

const BULK = 4_500;

/** More rows than the backfill converts per statement, all with the fingerprint [7, 0xffffffff]. */
async function insertBulkRows(dataSource: DataSource, pg: boolean): Promise<void> {
  const columns = `id, reference, channel, status, priority, priority_score, priority_reasons, product, description, description_fingerprint,
    description_language, customer_id, customer, customer_language, received_at, channel_details, submitted_by, submitted_by_kind, created_at, updated_at`;
  const values = `'CMP-B-' || i, 'web', 'received', 'low', 0, '[]', 'cards', 'bulk', '[7, 4294967295]', 'en', 'c-2', '{}', 'en',
    CURRENT_TIMESTAMP, '{}', 'test', 'staff', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP`;
  await dataSource.query(
    pg
      ? `INSERT INTO complaints (${columns}) SELECT gen_random_uuid(), ${values} FROM generate_series(1, ${BULK}) AS i`
      : `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BULK})
         INSERT INTO complaints (${columns}) SELECT printf('10000000-0000-4000-8000-%012d', i), ${values} FROM n`,
  );
}

async function expectBulkConverted(dataSource: DataSource): Promise<void> {
  const rows = (await dataSource.query("SELECT description_shingle_hashes AS value FROM complaints WHERE description = 'bulk'")) as Array<{ value: Uint8Array }>;
  expect(rows).toHaveLength(BULK);
  expect(rows.filter((row) => unpackUint32(row.value).join() !== '7,4294967295')).toEqual([]);
}

/**
 * Old rows in, the migration up (bytes backfilled in several batches, JSON kept), up once more
 * (as after a failure part-way: nothing changes), then down (bytes gone, JSON kept).
 */
async function upAndDown(options: DataSourceOptions, pg: boolean): Promise<void> {
  const before = await migrate(options, BEFORE);
  await insertOldRows(before, pg);
  await insertBulkRows(before, pg);
  await before.destroy();

  const after = await migrate(options, THROUGH);
  const bytes = await stored(after, 'description_shingle_hashes');
  for (const text of DESCRIPTIONS) expect([text, unpackUint32(bytes[text] as Uint8Array)]).toEqual([text, fingerprint(text)]);
  expect(bytes['Older row']).toBeNull();
  await expectBulkConverted(after);
  await expectJsonKept(after);

  const runner = after.createQueryRunner();
  await new BinaryFingerprint1765200000000().up(runner);
  await expectBulkConverted(after);

  await after.undoLastMigration({ transaction: 'each' });
  expect(await runner.hasColumn('complaints', 'description_shingle_hashes')).toBe(false);
  await runner.release();
  await expectJsonKept(after);
  await after.destroy();
}

describe('migration to binary description fingerprints', () => {
  it('backfills every stored fingerprint exactly on PostgreSQL, keeps the JSON for older releases, and undoes', async () => {
    await withScratchPostgres('fingerprints', (url) => upAndDown({ type: 'postgres', url }, true));
  });

  it('backfills every stored fingerprint exactly on SQLite, keeps the JSON for older releases, and undoes', async () => {
    await withScratchSqlite((database) => upAndDown({ type: 'better-sqlite3', database }, false));
  });
});
