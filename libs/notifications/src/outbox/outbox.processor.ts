import { Processor } from '@nestjs/bullmq';
import { NamedJobsHost, OUTBOX_JOBS, OutboxJobName, QUEUES } from '@redress/queue';
import { DeliverySweeper } from './delivery-sweeper.service';
import { OutboxDispatcher } from './outbox-dispatcher.service';
import { OutboxTrigger } from './outbox-trigger';

/** Scheduled and kicked dispatch runs, and the sweep for lost delivery jobs. */
@Processor(QUEUES.outbox)
export class OutboxProcessor extends NamedJobsHost<OutboxJobName> {
  protected readonly jobKind = 'outbox';
  protected readonly handlers: Record<OutboxJobName, () => Promise<unknown>> = {
    [OUTBOX_JOBS.dispatch]: async () => {
      await this.trigger.beginDispatch();
      return { deliveries: await this.dispatcher.dispatchPending() };
    },
    [OUTBOX_JOBS.sweepDeliveries]: async () => ({ requeued: await this.sweeper.requeueStuck() }),
  };

  constructor(
    private readonly trigger: OutboxTrigger,
    private readonly dispatcher: OutboxDispatcher,
    private readonly sweeper: DeliverySweeper,
  ) {
    super();
  }
}
