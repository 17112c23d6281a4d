import jwt from 'jsonwebtoken';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, JWT_SECRET, TestApp } from './support/test-app';

describe('authentication and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 with a problem and WWW-Authenticate when no credentials are sent', async () => {
    for (const req of [t.http.get('/v1/complaints'), t.http.post('/v1/complaints').send(complaintBody()), t.http.get('/metrics')]) {
      const res = await req;
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('refuses a wrong API key, a token signed with another secret, an expired token and alg=none', async () => {
    const forged = jwt.sign({ roles: ['admin'] }, 'another-secret-another-secret-another', { subject: 'x' });
    const expired = jwt.sign({ roles: ['admin'] }, JWT_SECRET, { subject: 'x', expiresIn: -10 });
    const none = jwt.sign({ roles: ['admin'] }, '', { subject: 'x', algorithm: 'none' });
    const unknownRole = jwt.sign({ roles: ['root'] }, JWT_SECRET, { subject: 'x' });
    expect((await t.http.get('/v1/complaints').set('X-API-Key', 'wrong-key-wrong-key')).status).toBe(401);
    for (const token of [forged, expired, none, unknownRole]) {
      expect((await t.http.get('/v1/complaints').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    }
  });

  it('answers 403 when the role may not do this: an analyst cannot submit complaints', async () => {
    const res = await t.http.post('/v1/complaints').set('Authorization', `Bearer ${t.token(['analyst'])}`).send(complaintBody());
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lets staff submit and read, and integration clients see only what they submitted', async () => {
    const byCallCentre = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('phone'));
    const byOfficer = await t.http.post('/v1/complaints').set('Authorization', `Bearer ${t.token(['officer'], 'officer-7')}`).send(complaintBody('branch'));
    expect(byCallCentre.status).toBe(201);
    expect(byOfficer.status).toBe(201);
    expect(byOfficer.body.submittedBy).toBe('staff:officer-7');

    const webOwn = await t.http.get(`/v1/complaints/${byCallCentre.body.id}`).set('X-API-Key', API_KEYS.web);
    expect(webOwn.status).toBe(404);
    const webList = await t.http.get('/v1/complaints?limit=100').set('X-API-Key', API_KEYS.web);
    expect(webList.body.items.map((c: { id: string }) => c.id)).not.toContain(byCallCentre.body.id);
    const ccList = await t.http.get('/v1/complaints?limit=100').set('X-API-Key', API_KEYS.callCentre);
    expect(ccList.body.items.every((c: { submittedBy: string }) => c.submittedBy === 'integration:call-centre')).toBe(true);

    // Managers, analysts and admins see every complaint; officers and supervisors only their
    // teams', and a complaint outside them is 404 so that ids do not leak.
    for (const role of ['manager', 'analyst', 'admin'] as const) {
      const res = await t.http.get(`/v1/complaints/${byCallCentre.body.id}`).set('Authorization', `Bearer ${t.token([role])}`);
      expect(res.status).toBe(200);
    }
    for (const role of ['officer', 'supervisor'] as const) {
      const res = await t.http.get(`/v1/complaints/${byCallCentre.body.id}`).set('Authorization', `Bearer ${t.token([role], `${role}-elsewhere`, ['NO_SUCH_TEAM'])}`);
      expect(res.status).toBe(404);
    }
  });

  it('leaves health and docs open and nothing else', async () => {
    expect((await t.http.get('/health/live')).status).toBe(200);
    expect((await t.http.get('/docs-json')).status).toBe(200);
    expect((await t.http.get('/metrics')).status).toBe(401);
  });
});
