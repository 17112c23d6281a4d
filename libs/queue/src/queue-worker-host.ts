import { Logger } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';

/**
 * A WorkerHost that logs its worker's errors. BullMQ workers are EventEmitters: an 'error' with no
 * listener (a lost connection, a job's key gone after a Redis flush) is thrown as an unhandled
 * error and takes the whole worker process down with it. The job itself is not lost: the database
 * holds the truth and the sweepers re-create what Redis forgot.
 */
export abstract class QueueWorkerHost extends WorkerHost {
  private readonly workerLogger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.workerLogger.warn(`Queue worker error: ${error.message}`);
  }
}

/**
 * A queue whose jobs are told apart by name, each with its handler. `handlers` is a record over
 * the queue's job names, so a name without a handler does not compile; a job whose name is not
 * one of them (left in Redis by another release) fails with that name instead of being ignored.
 */
export abstract class NamedJobsHost<Name extends string, J extends Job = Job> extends QueueWorkerHost {
  protected abstract readonly handlers: Record<Name, (job: J) => Promise<unknown>>;
  /** What the error calls this queue's jobs, e.g. "outbox". */
  protected abstract readonly jobKind: string;

  process(job: J): Promise<unknown> {
    if (!Object.hasOwn(this.handlers, job.name)) throw new Error(`No handler for ${this.jobKind} job "${job.name}"`);
    return this.handlers[job.name as Name](job);
  }
}
