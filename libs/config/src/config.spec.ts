import { ConfigError, loadConfig, redactUrl } from './config';

const secret = 's'.repeat(32);

describe('loadConfig', () => {
  it('defaults to SQLite, local Redis and port 3000', () => {
    const config = loadConfig({ AUTH_JWT_SECRET: secret });
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: 'data/redress.sqlite' });
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.queuePrefix).toBe('redress');
    expect(config.auth.apiKeys.size).toBe(0);
  });

  it('uses PostgreSQL when DATABASE_URL is set and parses API_KEYS', () => {
    const config = loadConfig({
      AUTH_JWT_SECRET: secret,
      DATABASE_URL: 'postgres://app@db:5432/redress',
      API_KEYS: 'call-centre=aaaaaaaaaaaaaaaa, web=bbbbbbbbbbbbbbbb',
    });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://app@db:5432/redress' });
    expect([...config.auth.apiKeys]).toEqual([
      ['aaaaaaaaaaaaaaaa', 'call-centre'],
      ['bbbbbbbbbbbbbbbb', 'web'],
    ]);
  });

  it('names every bad variable in one error', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: '70000',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'http://redis',
        QUEUE_PREFIX: 'bad prefix',
        AUTH_JWT_SECRET: 'short',
        API_KEYS: 'a=short,=bbbbbbbbbbbbbbbbbb',
        LOG_LEVEL: 'loud',
        DELIVERY_RETENTION_DAYS: '3',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = error!.problems.map((p) => p.split(' ')[0].replace(/:$/, ''));
    expect(names).toEqual(['PORT', 'DATABASE_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'AUTH_JWT_SECRET', 'API_KEYS', 'API_KEYS', 'LOG_LEVEL', 'DELIVERY_RETENTION_DAYS']);
  });

  it('defaults alert e-mail to off without SMTP, a digest above 10 a minute, a local case link, and 90 days of delivery records', () => {
    const config = loadConfig({ AUTH_JWT_SECRET: secret, PORT: '8080' });
    expect(config.notifications).toEqual({
      smtpUrl: null,
      mailFrom: 'Redress <complaints@localhost>',
      alertDigestThreshold: 10,
      alertEmail: { maxAttempts: 10, backoffMs: 30_000, sweepIntervalMs: 5_000, caseUrl: 'http://localhost:8080/v1/complaints/{id}' },
      deliveryRetentionDays: 90,
    });
  });

  it('reads the alert e-mail settings and names the bad ones', () => {
    const config = loadConfig({
      AUTH_JWT_SECRET: secret,
      SMTP_URL: 'smtp://mail.bank.example:587',
      ALERT_DIGEST_THRESHOLD: '3',
      ALERT_EMAIL_MAX_ATTEMPTS: '4',
      ALERT_EMAIL_BACKOFF_MS: '100',
      ALERT_EMAIL_SWEEP_INTERVAL_MS: '1000',
      ALERT_CASE_URL: 'https://redress.bank.example/cases/{reference}',
    });
    expect(config.notifications).toMatchObject({
      smtpUrl: 'smtp://mail.bank.example:587',
      alertDigestThreshold: 3,
      alertEmail: { maxAttempts: 4, backoffMs: 100, sweepIntervalMs: 1000, caseUrl: 'https://redress.bank.example/cases/{reference}' },
    });

    let error: ConfigError | undefined;
    try {
      loadConfig({
        AUTH_JWT_SECRET: secret,
        ALERT_DIGEST_THRESHOLD: '0',
        ALERT_EMAIL_MAX_ATTEMPTS: '26',
        ALERT_EMAIL_BACKOFF_MS: 'soon',
        ALERT_EMAIL_SWEEP_INTERVAL_MS: '10',
        ALERT_CASE_URL: 'https://redress.bank.example/cases',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error!.problems.map((p) => p.split(' ')[0])).toEqual([
      'ALERT_DIGEST_THRESHOLD',
      'ALERT_EMAIL_MAX_ATTEMPTS',
      'ALERT_EMAIL_BACKOFF_MS',
      'ALERT_EMAIL_SWEEP_INTERVAL_MS',
      'ALERT_CASE_URL',
    ]);
    expect(() => loadConfig({ AUTH_JWT_SECRET: secret, ALERT_CASE_URL: 'ftp://x.example/{id}' })).toThrow(/ALERT_CASE_URL/);
  });

  it('refuses one key shared by two clients', () => {
    expect(() => loadConfig({ AUTH_JWT_SECRET: secret, API_KEYS: 'a=kkkkkkkkkkkkkkkk,b=kkkkkkkkkkkkkkkk' })).toThrow(/also used by "a"/);
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('postgres://app:hunter2@db:5432/redress')).toBe('postgres://app:***@db:5432/redress');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
