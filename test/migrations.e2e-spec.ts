import { MIGRATIONS, runMigrations } from '@redress/database';
import { DeliveryRetention1765300000000 } from '../libs/database/src/migrations/1765300000000-delivery-retention';
import { DataSource } from 'typeorm';
import { withScratchPostgres } from './support/scratch-databases';

const options = (url: string) => ({ type: 'postgres' as const, url, migrations: MIGRATIONS, migrationsTableName: 'migrations' });

describe('migrations on PostgreSQL', () => {
  it('run once when several processes start at the same time, including the ones that build indexes CONCURRENTLY', async () => {
    await withScratchPostgres('migrations_concurrent', async (url) => {
      const sources = [new DataSource(options(url)), new DataSource(options(url)), new DataSource(options(url))];
      await Promise.all(sources.map((source) => source.initialize()));
      try {
        // A process blocked inside pg_advisory_lock holds a snapshot that CREATE INDEX CONCURRENTLY waits for: this hung.
        await Promise.all(sources.map((source) => runMigrations(source)));
        const rows = (await sources[0].query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name')) as Array<{ name: string; n: number }>;
        expect(rows).toHaveLength(MIGRATIONS.length);
        expect(rows.every((row) => row.n === 1)).toBe(true);
      } finally {
        await Promise.all(sources.map((source) => source.destroy()));
      }
    });
  }, 60_000);

  it('rebuild an index a failed concurrent build left invalid when the migration runs again', async () => {
    await withScratchPostgres('migrations_invalid', async (url) => {
      const source = new DataSource(options(url));
      await source.initialize();
      try {
        await runMigrations(source);
        // What a cancelled CREATE INDEX CONCURRENTLY leaves behind.
        await source.query(`UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_webhook_deliveries_finished'::regclass`);
        const runner = source.createQueryRunner();
        try {
          await new DeliveryRetention1765300000000().up(runner);
        } finally {
          await runner.release();
        }
        const [{ valid }] = (await source.query(`SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 'ix_webhook_deliveries_finished'::regclass`)) as Array<{ valid: boolean }>;
        expect(valid).toBe(true);
      } finally {
        await source.destroy();
      }
    });
  });
});
