import { Logger } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';

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
