import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { TurnBatcher } from '@redress/batching';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { OUTBOX_JOBS, QUEUES, REDIS } from '@redress/queue';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';

/**
 * Asks the worker to dispatch pending outbox events now rather than at the next scheduled run.
 * Call it after the transaction that added events has committed; it works in any process.
 *
 * A kick must never be swallowed by a dispatch that already read the outbox before the caller's
 * commit. BullMQ ignores a job whose id exists, including an active one, so a fixed id would do
 * exactly that. Instead the id carries a generation number that every dispatch run increments
 * before it reads the outbox: a kick that reads generation g adds `dispatch-g`, and if that job is
 * already active it has not yet incremented past g, so its read still lies ahead and sees the
 * commit. Kicks within one generation collapse into one waiting job.
 */
@Injectable()
export class OutboxTrigger {
  private readonly logger = new Logger(OutboxTrigger.name);
  private readonly generationKey: string;
  private readonly kicks = new TurnBatcher<void, void>(
    async (callers) => {
      await this.send();
      return callers.map(() => undefined);
    },
    Number.POSITIVE_INFINITY,
    () => false,
  );

  constructor(
    @InjectQueue(QUEUES.outbox) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.generationKey = `${config.queuePrefix}:outbox:generation`;
  }

  /**
   * Never rejects: the events are already safe in the database and the scheduled dispatch picks
   * them up within seconds, so a Redis hiccup must not fail the request that committed them.
   *
   * Kicks asked for in the same turn of the event loop share one: each caller has committed before
   * asking, and the shared kick reads the generation only after that turn, so it serves them all.
   * Under load this spares a Redis read and a job script per request.
   */
  kick(): Promise<void> {
    return this.kicks.submit();
  }

  private async send(): Promise<void> {
    try {
      const generation = (await this.redis.get(this.generationKey)) ?? '0';
      await this.queue.add(OUTBOX_JOBS.dispatch, {}, { jobId: `dispatch-${generation}`, removeOnComplete: true, removeOnFail: true });
    } catch (error) {
      this.logger.warn({ err: { type: (error as Error).name, message: (error as Error).message } }, 'Outbox kick failed; the scheduled dispatch will catch up');
    }
  }

  /** Called by each dispatch run before it reads the outbox; see the class comment. */
  async beginDispatch(): Promise<void> {
    await this.redis.incr(this.generationKey);
  }
}
