import { Agent, request } from 'node:http';

export interface OpenLoopResult {
  seconds: number;
  scheduled: number;
  completed: number;
  status: Record<string, number>;
  /** Milliseconds from the request's scheduled send time to the end of its response (no coordinated omission). */
  latencies: number[];
  failures: Array<{ status: number; body: string }>;
  errors: string[];
  /** Requests that had to wait for a free connection before they could be sent. */
  queuedForSocket: number;
  /** The 20 slowest requests: [ms after the start when scheduled, latency ms]. */
  slowest: Array<[number, number]>;
}

/**
 * Open-loop load: requests are scheduled at evenly spaced instants (rate per second) whatever the
 * server does, over at most `connections` keep-alive sockets. Latency counts from the scheduled
 * instant, so a server that falls behind is charged for the wait. autocannon's overallRate is not
 * used for this because it lets each connection send its per-second quota in a burst at the start
 * of every second, which measures the burst's queue rather than the service time.
 */
export function runOpenLoop(options: {
  port: number;
  path: string;
  rate: number;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  build: (n: number) => { body: string; idempotencyKey: string };
  expectStatus: number;
}): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const result: OpenLoopResult = {
    seconds: options.seconds,
    scheduled: total,
    completed: 0,
    status: {},
    latencies: [],
    failures: [],
    errors: [],
    queuedForSocket: 0,
    slowest: [],
  };
  const timeline: Array<[number, number]> = [];
  let inFlight = 0;
  return new Promise((resolve) => {
    const start = performance.now();
    let next = 0;
    let finished = 0;
    const done = () => {
      finished++;
      if (finished === total) {
        clearInterval(timer);
        agent.destroy();
        result.seconds = (performance.now() - start) / 1000;
        result.slowest = timeline.sort((a, b) => b[1] - a[1]).slice(0, 20).map(([at, ms]) => [Math.round(at), Math.round(ms * 10) / 10]);
        resolve(result);
      }
    };
    const send = (n: number, scheduledAt: number) => {
      const { body, idempotencyKey } = options.build(n);
      if (inFlight >= options.connections) result.queuedForSocket++;
      inFlight++;
      const req = request(
        {
          host: '127.0.0.1',
          port: options.port,
          path: options.path,
          method: 'POST',
          agent,
          timeout: 30_000,
          headers: { ...options.headers, 'idempotency-key': idempotencyKey, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            inFlight--;
            const status = res.statusCode ?? 0;
            result.status[status] = (result.status[status] ?? 0) + 1;
            const latency = performance.now() - scheduledAt;
            result.latencies.push(latency);
            timeline.push([scheduledAt - start, latency]);
            result.completed++;
            if (status !== options.expectStatus && result.failures.length < 5) result.failures.push({ status, body: text.slice(0, 2000) });
            done();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error) => {
        inFlight--;
        if (result.errors.length < 5) result.errors.push(error.message);
        result.status.error = (result.status.error ?? 0) + 1;
        done();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        send(next, start + next * interval);
        next++;
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
}
