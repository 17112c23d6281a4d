/** Queues and the jobs each carries. Job payloads carry ids only: handlers re-read the database. */
export const QUEUES = {
  maintenance: 'maintenance',
  slaTimers: 'sla-timers',
  outbox: 'outbox',
  webhooks: 'webhooks',
  alertEmails: 'alert-emails',
} as const;

/** `wake` re-checks one complaint's SLA clock; `sweep` rebuilds timers from the database. */
export const SLA_JOBS = {
  wake: 'wake',
  sweep: 'sweep',
} as const;

/** Hourly purges: idempotency keys past IDEMPOTENCY_TTL_HOURS, delivery records past DELIVERY_RETENTION_DAYS. */
export const MAINTENANCE_JOBS = {
  purgeIdempotencyKeys: 'purge-idempotency-keys',
  purgeDeliveryRecords: 'purge-delivery-records',
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

/**
 * `send` mails one alert to one recipient (job id = the alert_emails row id); `send-digest` mails a
 * recipient's storm digest for one minute (job id = the alert_digests row id); `sweep` queues due
 * digests and re-queues e-mails whose job was lost.
 */
export const ALERT_EMAIL_JOBS = {
  send: 'send',
  sendDigest: 'send-digest',
  sweep: 'sweep',
} as const;

export type AlertEmailJobName = (typeof ALERT_EMAIL_JOBS)[keyof typeof ALERT_EMAIL_JOBS];
