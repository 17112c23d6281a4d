import Redis from 'ioredis';
import { deletePrefixKeys } from './sla-redis';

/** Cleanup steps run once, in reverse order of registration, on success, failure or a signal. */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> }> = [];
  private running?: Promise<void>;

  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`cleanup: ${step.name} failed: ${(error as Error).message}`);
        }
      }
    })();
    return this.running;
  }
}

/** A run's stamp for result file names and throw-away database names: 20261129_031515. */
export function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

/** Deletes every Redis key under a run's prefix (never FLUSHALL: the Redis may be shared). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await deletePrefixKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
