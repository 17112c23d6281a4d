/** Queues and the jobs each carries. Job payloads carry ids only: handlers re-read the database. */
export const QUEUES = {
  maintenance: 'maintenance',
  slaTimers: 'sla-timers',
  outbox: 'outbox',
  webhooks: 'webhooks',
} as const;

/** `wake` re-checks one complaint's SLA clock; `sweep` rebuilds timers from the database. */
export const SLA_JOBS = {
  wake: 'wake',
  sweep: 'sweep',
} as const;

export const MAINTENANCE_JOBS = {
  purgeIdempotencyKeys: 'purge-idempotency-keys',
} as const;

export type MaintenanceJobName = (typeof MAINTENANCE_JOBS)[keyof typeof MAINTENANCE_JOBS];

export const REDIS = Symbol('REDIS');

/** `dispatch` turns pending outbox rows into webhook deliveries; `sweep-deliveries` re-queues deliveries whose job was lost. */
export const OUTBOX_JOBS = {
  dispatch: 'dispatch',
  sweepDeliveries: 'sweep-deliveries',
} as const;

export type OutboxJobName = (typeof OUTBOX_JOBS)[keyof typeof OUTBOX_JOBS];

/** `deliver` POSTs one webhook delivery; its job id is the delivery id. */
export const WEBHOOK_JOBS = {
  deliver: 'deliver',
} as const;
