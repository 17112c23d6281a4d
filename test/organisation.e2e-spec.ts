import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './support/test-app';

describe('organisation: teams and staff', () => {
  let t: TestApp;
  let admin: string;
  const suffix = randomUUID().slice(0, 6);
  beforeAll(async () => {
    t = await createTestApp();
    admin = `Bearer ${t.token(['admin'])}`;
  });
  afterAll(() => t.close());

  it('lets an admin build a team with its supervisor, manager and officers', async () => {
    const sup = await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `sup-${suffix}`, name: '周敏', email: 'zhou.min@bank.example', roles: ['supervisor'] });
    const mgr = await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `mgr-${suffix}`, name: 'Ann Moss', email: 'ann.moss@bank.example', roles: ['manager'] });
    expect([sup.status, mgr.status]).toEqual([201, 201]);
    const team = await t.http
      .post('/v1/teams')
      .set('Authorization', admin)
      .send({ code: `CARDS-${suffix}`, name: 'Cards', supervisorId: `sup-${suffix}`, managerId: `mgr-${suffix}`, categories: ['billing_dispute'], autoAssign: 'least_loaded' });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ code: `CARDS-${suffix}`, languages: ['zh', 'en'], autoAssign: 'least_loaded' });

    const officer = await t.http
      .post('/v1/staff')
      .set('Authorization', admin)
      .send({ id: `off-${suffix}`, name: '陈静', email: 'chen.jing@bank.example', roles: ['officer'], teams: [`CARDS-${suffix}`], skills: ['billing_dispute'], capacity: 15 });
    expect(officer.status).toBe(201);
    expect(officer.body).toMatchObject({ teams: [`CARDS-${suffix}`], capacity: 15, active: true });

    const members = await t.http.get(`/v1/staff?team=CARDS-${suffix}`).set('Authorization', `Bearer ${t.token(['supervisor'])}`);
    expect(members.body.map((s: { id: string }) => s.id)).toEqual([`off-${suffix}`]);

    const moved = await t.http.patch(`/v1/staff/off-${suffix}`).set('Authorization', admin).send({ capacity: 30, active: false });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ capacity: 30, active: false, teams: [`CARDS-${suffix}`] });
  });

  it('refuses a team lead without the right role, unknown teams, and taken ids', async () => {
    const badLead = await t.http.post('/v1/teams').set('Authorization', admin).send({ code: `X-${suffix}`, name: 'X', supervisorId: 'nobody' });
    expect(badLead.status).toBe(400);
    expect(badLead.body.errors).toEqual([{ field: 'supervisorId', messages: ['supervisorId must be a staff member with the supervisor role'] }]);
    const badTeam = await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `o2-${suffix}`, name: 'A', email: 'a@b.example', roles: ['officer'], teams: ['NOPE'] });
    expect(badTeam.status).toBe(400);
    expect(badTeam.body.errors[0].field).toBe('teams');
    await t.http.post('/v1/teams').set('Authorization', admin).send({ code: `DUP-${suffix}`, name: 'A' });
    const dup = await t.http.post('/v1/teams').set('Authorization', admin).send({ code: `DUP-${suffix}`, name: 'B' });
    expect(dup.status).toBe(409);
    const badRole = await t.http.post('/v1/staff').set('Authorization', admin).send({ id: `o3-${suffix}`, name: 'A', email: 'a@b.example', roles: ['integration'] });
    expect(badRole.status).toBe(400);
    const renameCode = await t.http.patch(`/v1/teams/DUP-${suffix}`).set('Authorization', admin).send({ code: 'OTHER' });
    expect(renameCode.status).toBe(400);
  });

  it('keeps the register to admins: others may read, officers may not', async () => {
    const officer = `Bearer ${t.token(['officer'])}`;
    expect((await t.http.post('/v1/teams').set('Authorization', `Bearer ${t.token(['manager'])}`).send({ code: 'M', name: 'M' })).status).toBe(403);
    expect((await t.http.get('/v1/teams').set('Authorization', officer)).status).toBe(403);
    expect((await t.http.get('/v1/teams').set('Authorization', `Bearer ${t.token(['manager'])}`)).status).toBe(200);
    expect((await t.http.get('/v1/teams/NOPE-404').set('Authorization', admin)).status).toBe(404);
    expect((await t.http.patch('/v1/staff/nobody-404').set('Authorization', admin).send({ capacity: 3 })).status).toBe(404);
  });
});
