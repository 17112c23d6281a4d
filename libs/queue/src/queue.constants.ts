/** Queues and the jobs each carries. Job payloads carry ids only: handlers re-read the database. */
export const QUEUES = {
  maintenance: 'maintenance',
} as const;

export const MAINTENANCE_JOBS = {
  purgeIdempotencyKeys: 'purge-idempotency-keys',
} as const;

export type MaintenanceJobName = (typeof MAINTENANCE_JOBS)[keyof typeof MAINTENANCE_JOBS];

export const REDIS = Symbol('REDIS');
