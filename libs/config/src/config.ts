import { randomBytes } from 'node:crypto';

export type DatabaseConfig =
  | { type: 'postgres'; url: string }
  | { type: 'sqlite'; path: string };

export interface AppConfig {
  nodeEnv: string;
  port: number;
  /** The worker's Prometheus listener (GET /metrics); 0 runs none. */
  workerMetricsPort: number;
  database: DatabaseConfig;
  redisUrl: string;
  queuePrefix: string;
  auth: {
    jwtSecret: string;
    /** Integration clients by API key. */
    apiKeys: ReadonlyMap<string, string>;
  };
  bodyLimitBytes: number;
  idempotencyTtlHours: number;
  logLevel: string;
  workflow: {
    /** Days after a decision (or closure) in which a complaint may be reopened. */
    reopenWindowDays: number;
    /** Days after the final response in which the customer may ask for a review (NFRA: 30). */
    reviewWindowDays: number;
  };
  sla: {
    /** ISO 3166 country assumed for a complaint that names none. */
    defaultJurisdiction: string;
    /** The policy a complaint gets when no policy's criteria match it. */
    defaultPolicy: string;
    /** Staff id at the top of every escalation ladder; null leaves that level empty. */
    headOfComplaintsId: string | null;
    /** How often the sweeper recreates missing timers and fires overdue ones. */
    sweepIntervalMs: number;
  };
  notifications: {
    /** smtp:// or smtps:// URL; null sends no email. */
    smtpUrl: string | null;
    mailFrom: string;
    /** More alerts than this for one recipient in a minute become one digest. */
    alertDigestThreshold: number;
    /** Alert e-mail to staff (sent by the worker only while smtpUrl is set). */
    alertEmail: {
      /** Attempts per e-mail before it is marked failed. */
      maxAttempts: number;
      /** First retry delay; each further retry doubles it. */
      backoffMs: number;
      /** How often due digests are sent and e-mails whose job was lost are re-queued. */
      sweepIntervalMs: number;
      /** Link to a case in the e-mail; `{id}` and `{reference}` are replaced. */
      caseUrl: string;
    };
    /**
     * Days finished webhook deliveries, alert e-mails and digests, and dispatched outbox events
     * are kept before the worker purges them. Alerts and complaint records are never purged here.
     */
    deliveryRetentionDays: number;
  };
  surveyTtlDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads and validates the environment once at boot. Every bad variable is reported, by name, in one
 * error, so an operator fixes the deployment in one go instead of one restart per mistake.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const port = int('PORT', 3000, 0, 65535);
  // Off unless asked for: several workers on one host (npm start, bench:sla) would fight over a fixed port.
  const workerMetricsPort = int('WORKER_METRICS_PORT', 0, 0, 65535);
  const bodyLimitBytes = int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 10 * 1024 * 1024);
  const idempotencyTtlHours = int('IDEMPOTENCY_TTL_HOURS', 72, 24, 24 * 30);

  let database: DatabaseConfig = { type: 'sqlite', path: env.SQLITE_PATH || 'data/redress.sqlite' };
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl) {
    if (/^postgres(ql)?:\/\//.test(databaseUrl) && isUrl(databaseUrl)) {
      database = { type: 'postgres', url: databaseUrl };
    } else {
      problems.push('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)');
    }
  }

  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(redisUrl) || !isUrl(redisUrl)) {
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL (got "${redisUrl}")`);
  }

  const queuePrefix = env.QUEUE_PREFIX || 'redress';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(queuePrefix)) {
    problems.push('QUEUE_PREFIX may only contain letters, digits, "_", "." and "-" (1-64 characters)');
  }

  const jwtSecret = env.AUTH_JWT_SECRET ?? '';
  if (jwtSecret.length < 32) {
    problems.push(
      'AUTH_JWT_SECRET must be set to at least 32 characters (npm start generates a development secret for you)',
    );
  }

  const apiKeys = new Map<string, string>();
  for (const entry of (env.API_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const name = entry.slice(0, eq).trim();
    const key = entry.slice(eq + 1).trim();
    if (eq <= 0 || !/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
      problems.push('API_KEYS must be a comma-separated list of name=key (name: letters, digits, "_", "." or "-")');
    } else if (key.length < 16) {
      problems.push(`API_KEYS: the key for "${name}" must be at least 16 characters`);
    } else if (apiKeys.has(key)) {
      problems.push(`API_KEYS: the key for "${name}" is also used by "${apiKeys.get(key)}"`);
    } else {
      apiKeys.set(key, name);
    }
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const reopenWindowDays = int('WORKFLOW_REOPEN_WINDOW_DAYS', 30, 0, 3650);
  const reviewWindowDays = int('WORKFLOW_REVIEW_WINDOW_DAYS', 30, 0, 3650);
  const sweepIntervalMs = int('SLA_SWEEP_INTERVAL_MS', 60_000, 1_000, 3_600_000);
  const alertDigestThreshold = int('ALERT_DIGEST_THRESHOLD', 10, 1, 10_000);
  const surveyTtlDays = int('SURVEY_TTL_DAYS', 30, 1, 365);
  const deliveryRetentionDays = int('DELIVERY_RETENTION_DAYS', 90, 7, 3650);

  const defaultJurisdiction = (env.DEFAULT_JURISDICTION || 'CN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(defaultJurisdiction)) problems.push('DEFAULT_JURISDICTION must be an ISO 3166 country code such as CN or GB');
  const defaultPolicy = env.SLA_DEFAULT_POLICY || 'CN_NFRA_2020';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(defaultPolicy)) problems.push('SLA_DEFAULT_POLICY must be a policy code');

  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null && (!/^smtps?:\/\//.test(smtpUrl) || !isUrl(smtpUrl))) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL (leave it unset to send no email)');
  }
  const mailFrom = env.MAIL_FROM || 'Redress <complaints@localhost>';
  const alertEmail = {
    maxAttempts: int('ALERT_EMAIL_MAX_ATTEMPTS', 10, 1, 25),
    backoffMs: int('ALERT_EMAIL_BACKOFF_MS', 30_000, 10, 3_600_000),
    sweepIntervalMs: int('ALERT_EMAIL_SWEEP_INTERVAL_MS', 5_000, 500, 300_000),
    caseUrl: env.ALERT_CASE_URL || `http://localhost:${port}/v1/complaints/{id}`,
  };
  if (!isCaseUrlTemplate(alertEmail.caseUrl)) {
    problems.push('ALERT_CASE_URL must be an http:// or https:// URL containing {id} or {reference}, e.g. https://redress.bank.example/cases/{id}');
  }

  if (problems.length) throw new ConfigError(problems);

  return {
    nodeEnv: env.NODE_ENV || 'development',
    port,
    workerMetricsPort,
    database,
    redisUrl,
    queuePrefix,
    auth: { jwtSecret, apiKeys },
    bodyLimitBytes,
    idempotencyTtlHours,
    logLevel,
    workflow: { reopenWindowDays, reviewWindowDays },
    sla: { defaultJurisdiction, defaultPolicy, headOfComplaintsId: env.HEAD_OF_COMPLAINTS_ID || null, sweepIntervalMs },
    notifications: { smtpUrl, mailFrom, alertDigestThreshold, alertEmail, deliveryRetentionDays },
    surveyTtlDays,
  };
}

function isUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function isCaseUrlTemplate(template: string): boolean {
  if (!template.includes('{id}') && !template.includes('{reference}')) return false;
  const sample = template.replaceAll('{id}', '00000000-0000-0000-0000-000000000000').replaceAll('{reference}', 'CMP-2026-000001');
  return /^https?:\/\//.test(sample) && isUrl(sample);
}

/** A URL fit for a log line or an error message: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}

export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}
