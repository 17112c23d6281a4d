import { ConfigError } from '@redress/config';

/** How hard and how often webhook deliveries are tried. */
export interface WebhookSettings {
  /** Attempts per delivery before it is marked failed. */
  maxAttempts: number;
  /** First retry delay; each further retry doubles it (30 s base and 10 attempts span about 4 h). */
  backoffMs: number;
  /** How often the worker dispatches pending outbox events without being kicked. */
  dispatchEveryMs: number;
  /** How often pending deliveries whose job went missing are re-queued. */
  sweepEveryMs: number;
}

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/** Per-request limit for one delivery attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Read here rather than in AppConfig because only the notification pieces use them; invalid values
 * are refused at start like every other variable.
 */
export function loadWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  };
  const settings = {
    maxAttempts: int('WEBHOOK_MAX_ATTEMPTS', 10, 1, 25),
    backoffMs: int('WEBHOOK_BACKOFF_MS', 30_000, 10, 3_600_000),
    dispatchEveryMs: int('WEBHOOK_DISPATCH_INTERVAL_MS', 5_000, 500, 300_000),
    sweepEveryMs: int('WEBHOOK_SWEEP_INTERVAL_MS', 60_000, 1_000, 3_600_000),
  };
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
