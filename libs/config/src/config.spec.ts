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
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = error!.problems.map((p) => p.split(' ')[0].replace(/:$/, ''));
    expect(names).toEqual(['PORT', 'DATABASE_URL', 'REDIS_URL', 'QUEUE_PREFIX', 'AUTH_JWT_SECRET', 'API_KEYS', 'API_KEYS', 'LOG_LEVEL']);
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
