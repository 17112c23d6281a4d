import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

describe('operations: health, metrics, API docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports ready when PostgreSQL and Redis answer', async () => {
    const res = await t.http.get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('exposes Prometheus metrics: request latency and complaints by channel', async () => {
    await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('letter'));
    const res = await t.http.get('/metrics').set('X-API-Key', API_KEYS.callCentre);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/redress_complaints_received_total\{channel="letter"\} [1-9]/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.05",method="POST",route="\/v1\/complaints",status="201"\}/);
    const officer = await t.http.get('/metrics').set('Authorization', `Bearer ${t.token(['officer'])}`);
    expect(officer.status).toBe(403);
  });

  it('documents every endpoint, both auth schemes and the problem format in OpenAPI 3', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/complaints', '/v1/complaints/{id}', '/health/live', '/health/ready', '/metrics']),
    );
    expect(res.body.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    const post = res.body.paths['/v1/complaints'].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '415', '422']));
    expect(res.body.components.schemas.CreateComplaintDto.properties.regulatorReferral).toBeDefined();
    expect((await t.http.get('/docs/')).status).toBe(200);
  });
});

describe('start-up without its services', () => {
  const start = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, AUTH_JWT_SECRET: 'x'.repeat(32), PORT: '0', ...env },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('exit', (code) => resolve({ code, stderr }));
    });

  it('exits non-zero with one line naming the Redis URL and how to start it', async () => {
    const { code, stderr } = await start({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1.*start it with: redis-server/);
  });

  it('exits non-zero naming the database URL, with its password hidden', async () => {
    const { code, stderr } = await start({ DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/redress' });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^Cannot reach PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/redress .*pg_ctlcluster/);
    expect(stderr).not.toContain('s3cret');
  });

  it('names every bad configuration variable at once', async () => {
    const { code, stderr } = await start({ AUTH_JWT_SECRET: 'short', PORT: 'eighty', API_KEYS: 'nokey' });
    expect(code).toBe(1);
    expect(stderr).toContain('AUTH_JWT_SECRET');
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('API_KEYS');
  });
});
