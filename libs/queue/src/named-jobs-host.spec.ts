import type { Job } from 'bullmq';
import { NamedJobsHost } from './queue-worker-host';

class Host extends NamedJobsHost<'send' | 'sweep'> {
  protected readonly jobKind = 'test';
  readonly seen: string[] = [];
  protected readonly handlers = {
    send: async (job: Job) => this.seen.push(`send ${job.id}`),
    sweep: async () => this.seen.push('sweep'),
  };
}

const job = (name: string, id = '1') => ({ name, id }) as Job;

describe('NamedJobsHost', () => {
  it('runs the handler of the job’s name with the job', async () => {
    const host = new Host();
    await host.process(job('send', '42'));
    await host.process(job('sweep'));
    expect(host.seen).toEqual(['send 42', 'sweep']);
  });

  it('fails a job whose name has no handler, naming it, including names every object inherits', () => {
    const host = new Host();
    expect(() => host.process(job('resend'))).toThrow('No handler for test job "resend"');
    expect(() => host.process(job('toString'))).toThrow('No handler for test job "toString"');
    expect(host.seen).toEqual([]);
  });
});
