import { Client } from 'pg';
import Redis from 'ioredis';
import { ADMIN_DATABASE_URL, databaseUrlFor, newRunId, TEST_REDIS_URL } from './test-env';

/**
 * Creates this run's own PostgreSQL database and Redis key prefix, so runs never see each other's
 * data and nothing is mocked. The values reach the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const runId = newRunId();
  const database = `redress_test_${runId}`;

  const admin = new Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `e2e tests need PostgreSQL at ${ADMIN_DATABASE_URL} (${(error as Error).message}); ` +
        'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();

  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `e2e tests need Redis at ${TEST_REDIS_URL} (${(error as Error).message}); ` +
        'start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
    );
  } finally {
    redis.disconnect();
  }

  process.env.TEST_DATABASE_NAME = database;
  process.env.DATABASE_URL = databaseUrlFor(database);
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.QUEUE_PREFIX = `redress-test-${runId}`;
  process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
  // Workers booted by the specs open no metrics port unless a spec asks for one.
  process.env.WORKER_METRICS_PORT = '0';
}
