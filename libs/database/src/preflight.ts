import { Client } from 'pg';
import { AppConfig, redactUrl } from '@redress/config';
import { dataSourceOptions } from './data-source';
import { DataSource } from 'typeorm';

export const START_POSTGRES_HINT =
  'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

/** Resolves when the configured database answers; rejects with one line an operator can act on. */
export async function checkDatabase(config: AppConfig): Promise<void> {
  if (config.database.type === 'postgres') {
    const client = new Client({ connectionString: config.database.url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      const reason = (error as Error).message || (error as { code?: string }).code || 'connection failed';
      throw new Error(`Cannot reach PostgreSQL at ${redactUrl(config.database.url)} (${reason}); ${START_POSTGRES_HINT}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    return;
  }
  const dataSource = new DataSource(dataSourceOptions(config));
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new Error(`Cannot open the SQLite database at ${config.database.path} (${(error as Error).message})`);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
