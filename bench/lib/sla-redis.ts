import Redis from 'ioredis';

/**
 * Redis helpers for the SLA benchmark. Everything is scoped to one run's QUEUE_PREFIX: the server
 * is shared with other people's tests, so nothing here ever flushes a database.
 */

export function connectRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined);
  return redis;
}

/** Every key of the prefix, by SCAN (never KEYS: the server is shared). */
export async function prefixKeys(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** "Flushes" the run's Redis: UNLINKs every key under the prefix, and nothing else. */
export async function deletePrefixKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

export interface QueueCounts {
  delayed: number;
  wait: number;
  active: number;
  prioritized: number;
  failed: number;
}

export async function timerQueueCounts(redis: Redis, prefix: string): Promise<QueueCounts> {
  const base = `${prefix}:sla-timers`;
  const [delayed, wait, active, prioritized, failed] = (await redis
    .multi()
    .zcard(`${base}:delayed`)
    .llen(`${base}:wait`)
    .llen(`${base}:active`)
    .zcard(`${base}:prioritized`)
    .zcard(`${base}:failed`)
    .exec())!.map(([, n]) => Number(n));
  return { delayed, wait, active, prioritized, failed };
}

export interface TimerMemory {
  /** MEMORY USAGE summed over the run's keys, by kind. */
  bytes: {
    jobHashes: number;
    delayedZset: number;
    eventsStream: number;
    otherTimerKeys: number;
    otherQueues: number;
  };
  jobHashes: number;
  delayedMembers: number;
  /** Encoding of a sampled job hash (listpack is compact; hashtable once a field exceeds 64 bytes). */
  jobEncoding: string | null;
  sampleJob: Record<string, string> | null;
}

/**
 * Sizes every key of the run with MEMORY USAGE (SAMPLES 0: exact, every element), which counts the
 * value, the key name and the keyspace entry. Wake job hashes are `{prefix}:sla-timers:wake-…`.
 */
export async function timerMemory(redis: Redis, prefix: string): Promise<TimerMemory> {
  const keys = await prefixKeys(redis, prefix);
  const base = `${prefix}:sla-timers:`;
  const bytes = { jobHashes: 0, delayedZset: 0, eventsStream: 0, otherTimerKeys: 0, otherQueues: 0 };
  let jobHashes = 0;
  let sample: string | null = null;
  for (let i = 0; i < keys.length; i += 1000) {
    const slice = keys.slice(i, i + 1000);
    const pipeline = redis.pipeline();
    for (const key of slice) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const results = (await pipeline.exec()) ?? [];
    slice.forEach((key, j) => {
      const size = Number(results[j]?.[1] ?? 0);
      if (!key.startsWith(base)) bytes.otherQueues += size;
      else if (key.startsWith(`${base}wake-`) && !key.endsWith(':logs') && !key.endsWith(':lock')) {
        bytes.jobHashes += size;
        jobHashes++;
        sample ??= key;
      } else if (key === `${base}delayed`) bytes.delayedZset += size;
      else if (key === `${base}events`) bytes.eventsStream += size;
      else bytes.otherTimerKeys += size;
    });
  }
  const delayedMembers = await redis.zcard(`${base}delayed`);
  return {
    bytes,
    jobHashes,
    delayedMembers,
    jobEncoding: sample ? ((await redis.object('ENCODING', sample)) as string | null) : null,
    sampleJob: sample ? await redis.hgetall(sample) : null,
  };
}

export interface AlertDelivery {
  receivedAt: number;
  id: string;
  complaintId: string;
  kind: string;
  milestone: string;
  fraction: number | null;
  level: number | null;
  thresholdAt: string;
}

/** Listens to the alerts channel the workers publish on, as the API's stream hub does. */
export async function subscribeAlerts(url: string, prefix: string, onAlert: (alert: AlertDelivery) => void): Promise<() => Promise<void>> {
  const subscriber = new Redis(url, { maxRetriesPerRequest: null });
  subscriber.on('error', () => undefined);
  subscriber.on('message', (_channel: string, raw: string) => {
    const receivedAt = Date.now();
    try {
      const message = JSON.parse(raw) as Omit<AlertDelivery, 'receivedAt'>;
      onAlert({ ...message, receivedAt });
    } catch {
      // not an alert
    }
  });
  await subscriber.subscribe(`${prefix}:alerts`);
  return async () => {
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}
