import { AlertMessage, AlertPublisher } from '@redress/notifications';
import { randomUUID } from 'node:crypto';
import { ClientRequest, IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { complaintBody } from './support/complaints';
import { API_KEYS, createTestApp, TestApp } from './support/test-app';

interface StreamedEvent {
  id?: string;
  event?: string;
  data: AlertMessage;
}

interface Stream {
  response: IncomingMessage;
  events: StreamedEvent[];
  close(): void;
}

/** The live alert stream over real HTTP: Server-Sent Events fed by Redis pub/sub, filtered per caller. */
describe('alert stream (SSE)', () => {
  let t: TestApp;
  let port: number;
  let complaintId: string;
  const streams: Stream[] = [];
  const suffix = randomUUID().slice(0, 6);
  const team = `ALR-${suffix}`;
  const recipient = `alr-off-${suffix}`;

  /** Resolves once the stream is open (the `retry:` preamble arrived), so anything published next is live. */
  function openStream(token: string | null, lastEventId?: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      const req: ClientRequest = request({ host: '127.0.0.1', port, path: '/v1/alerts/stream', headers }, (response) => {
        const stream: Stream = { response, events: [], close: () => req.destroy() };
        streams.push(stream);
        // Closing a stream is destroying its request, which ends the response with "aborted".
        response.on('error', () => undefined);
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('retry:')) resolve(stream);
            const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
            if (fields.data) stream.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
          }
        });
        if (response.statusCode !== 200) resolve(stream);
      });
      req.on('error', reject);
      req.end();
    });
  }

  function alert(overrides: Partial<AlertMessage> = {}): AlertMessage {
    const now = Date.now();
    return {
      id: randomUUID(),
      complaintId,
      reference: 'CMP-2026-000123',
      teamCode: team,
      recipients: [recipient],
      kind: 'warning',
      milestone: 'final_response',
      level: null,
      fraction: 0.75,
      dueAt: new Date(now + 3600_000).toISOString(),
      thresholdAt: new Date(now).toISOString(),
      raisedAt: new Date(now).toISOString(),
      ...overrides,
    };
  }

  async function until<T>(find: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const idsOf = (stream: Stream) => stream.events.map((e) => e.id);

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    const complaint = await t.http.post('/v1/complaints').set('X-API-Key', API_KEYS.callCentre).send(complaintBody('web'));
    expect(complaint.status).toBe(201);
    complaintId = complaint.body.id;
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  it('refuses a caller without a token (401) or without a staff role that sees alerts (403)', async () => {
    const anonymous = await t.http.get('/v1/alerts/stream');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.http.get('/v1/alerts/stream').set('Authorization', `Bearer ${t.token(['analyst'])}`)).status).toBe(403);
    expect((await t.http.get('/v1/alerts/stream').set('X-API-Key', API_KEYS.callCentre)).status).toBe(403);
  });

  it('sends each alert to its team’s supervisor, its recipients and managers, and no one else', async () => {
    const supervisor = await openStream(t.token(['supervisor'], `alr-sup-${suffix}`, [team]));
    const otherSupervisor = await openStream(t.token(['supervisor'], `alr-sup2-${suffix}`, [`OTHER-${suffix}`]));
    const addressed = await openStream(t.token(['officer'], recipient, [team]));
    const bystander = await openStream(t.token(['officer'], `alr-off2-${suffix}`, [team]));
    const manager = await openStream(t.token(['manager'], `alr-mgr-${suffix}`));
    expect(supervisor.response.statusCode).toBe(200);
    expect(supervisor.response.headers['content-type']).toMatch(/^text\/event-stream/);

    const warning = alert();
    await t.app.get(AlertPublisher).publish(warning);
    const received = await until(() => supervisor.events.find((e) => e.id === warning.id), 'the supervisor’s alert');
    expect(received).toEqual({ id: warning.id, event: 'alert', data: warning });
    await until(() => addressed.events.find((e) => e.id === warning.id), 'the recipient’s alert');
    await until(() => manager.events.find((e) => e.id === warning.id), 'the manager’s alert');

    // Published after the first on the same channel: once it has arrived, the first would have too.
    const sentinel = alert({ teamCode: null, recipients: [`alr-off2-${suffix}`, `alr-sup2-${suffix}`] });
    await t.app.get(AlertPublisher).publish(sentinel);
    await until(() => bystander.events.find((e) => e.id === sentinel.id), 'the bystander’s own alert');
    await until(() => otherSupervisor.events.find((e) => e.id === sentinel.id), 'the other supervisor’s own alert');
    expect(idsOf(bystander)).toEqual([sentinel.id]);
    expect(idsOf(otherSupervisor)).toEqual([sentinel.id]);
  });

  it('replays the alerts raised after Last-Event-ID from the alerts table, for the same audience', async () => {
    const raised = [new Date(Date.now() - 3000), new Date(Date.now() - 2000), new Date(Date.now() - 1000)];
    const rows = [
      alert({ raisedAt: raised[0].toISOString() }),
      alert({ raisedAt: raised[1].toISOString(), kind: 'breach', fraction: null }),
      alert({ raisedAt: raised[2].toISOString(), kind: 'escalation', level: 1, fraction: null, recipients: [`alr-mgr-${suffix}`] }),
    ];
    for (const [n, row] of rows.entries()) {
      await t.dataSource.query(
        `INSERT INTO alerts (id, complaint_id, team_code, milestone, kind, level, fraction, alert_key, clock_version, recipients, due_at, threshold_at, raised_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12)`,
        [row.id, complaintId, row.teamCode, row.milestone, row.kind, row.level, row.fraction, `e2e:${suffix}:${n}`, JSON.stringify(row.recipients), row.dueAt, row.thresholdAt, row.raisedAt],
      );
    }
    const reference = (await t.dataSource.query('SELECT reference FROM complaints WHERE id = $1', [complaintId]))[0].reference;

    const supervisor = await openStream(t.token(['supervisor'], `alr-sup-${suffix}`, [team]), rows[0].id);
    await until(() => supervisor.events.length >= 2 || undefined, 'the replay');
    expect(supervisor.events.map((e) => e.data)).toEqual([
      { ...rows[1], reference },
      { ...rows[2], reference },
    ]);

    const officer = await openStream(t.token(['officer'], recipient), rows[0].id);
    await until(() => officer.events.length >= 1 || undefined, 'the officer’s replay');
    expect(idsOf(officer)).toEqual([rows[1].id]);

    const live = alert();
    await t.app.get(AlertPublisher).publish(live);
    await until(() => officer.events.find((e) => e.id === live.id), 'the live alert after the replay');
    expect(idsOf(officer)).toEqual([rows[1].id, live.id]);

    const unknown = await openStream(t.token(['manager']), randomUUID());
    expect(unknown.response.statusCode).toBe(200);
    expect(unknown.events).toEqual([]);
  });
});
