import Redis, { RedisOptions } from 'ioredis';
import { redactUrl } from '@redress/config';

export const START_REDIS_HINT =
  'start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log';

/** ioredis options from a redis:// or rediss:// URL, so BullMQ and plain clients connect alike. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/** BullMQ workers need blocking commands to wait forever, hence maxRetriesPerRequest: null. */
export function createRedis(url: string, overrides: RedisOptions = {}): Redis {
  return new Redis({ ...redisOptionsFromUrl(url), maxRetriesPerRequest: null, ...overrides });
}

/**
 * Resolves with a warning (or nothing) when Redis answers; rejects with one actionable line when it
 * does not. BullMQ loses delayed jobs under any eviction policy but noeviction, so that is checked.
 */
export async function checkRedis(url: string): Promise<string | undefined> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const [, policy] = ((await client.config('GET', 'maxmemory-policy')) as string[]) ?? [];
    if (policy && policy !== 'noeviction') {
      return `Redis at ${redactUrl(url)} has maxmemory-policy=${policy}; BullMQ needs noeviction or queued timers can be evicted`;
    }
    return undefined;
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error as Error).message;
    throw new Error(`Cannot reach Redis at ${redactUrl(url)} (${reason}); ${START_REDIS_HINT}`);
  } finally {
    client.disconnect();
  }
}
