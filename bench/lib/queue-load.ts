import { Agent, request } from 'node:http';

/**
 * Simulated officers for the queue benchmark. Each one is a closed loop on its own keep-alive
 * connection (as each officer's browser would be): read the first page of the queue, follow its
 * nextCursor to page 2, and every `claimEvery` page reads take the next case with claim-next;
 * between two requests it waits a random think time. Latency is from writing the request to the
 * end of the response body.
 */

export interface VirtualOfficer {
  id: string;
  team: string;
  token: string;
}

export type RequestKind = 'page1' | 'page2' | 'claim';

export interface KindResult {
  latencies: number[];
  status: Record<string, number>;
  failures: Array<{ status: number; body: string }>;
}

export interface Claim {
  officer: string;
  id: string;
  /** ms after the start of the phase */
  at: number;
}

export interface LoadResult {
  seconds: number;
  byKind: Record<RequestKind, KindResult>;
  /** Page reads per scope. */
  scopes: Record<string, number>;
  claims: Claim[];
  /** 204: nothing left to claim; 409: at capacity. */
  claimEmpty: number;
  claimAtCapacity: number;
  /** Cases listed on both page 1 and the page 2 that followed its cursor (must be 0). */
  pageOverlaps: number;
  /** Page-2 items that sort before page 1's last item (must be 0). */
  pageOrderViolations: number;
  socketErrors: string[];
  socketErrorCount: number;
}

export interface LoadOptions {
  port: number;
  officers: VirtualOfficer[];
  seconds: number;
  /** A claim-next after this many page reads. */
  claimEvery: number;
  /** Mean think time between an officer's requests, ms (uniform on [0, 2 × mean]); 0 for none. */
  thinkMs: number;
  /** Scope of each page-1 read, cycled per officer. */
  scopes: ReadonlyArray<'all' | 'mine' | 'unassigned'>;
  /** Stop early (Ctrl-C). */
  signal?: { stopped: boolean };
}

interface Response {
  status: number;
  body: string;
  ms: number;
}

function send(agent: Agent, port: number, method: 'GET' | 'POST', path: string, token: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        timeout: 30_000,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(method === 'POST' ? { 'content-length': 0 } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PageItem {
  id: string;
  breached: boolean;
  dueAt: string | null;
  priority: { level: string };
  receivedAt: string;
}

const RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

/** QUEUE_ORDER, written out independently of the service: breached first, due (nulls last), priority, received, id. */
export function queueOrder(a: PageItem, b: PageItem): number {
  if (a.breached !== b.breached) return a.breached ? -1 : 1;
  if (a.dueAt !== b.dueAt) {
    if (a.dueAt === null) return 1;
    if (b.dueAt === null) return -1;
    return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  }
  if (a.priority.level !== b.priority.level) return RANK[a.priority.level] - RANK[b.priority.level];
  if (a.receivedAt !== b.receivedAt) return Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export async function runOfficers(options: LoadOptions): Promise<LoadResult> {
  const byKind = (): KindResult => ({ latencies: [], status: {}, failures: [] });
  const result: LoadResult = {
    seconds: options.seconds,
    byKind: { page1: byKind(), page2: byKind(), claim: byKind() },
    scopes: {},
    claims: [],
    claimEmpty: 0,
    claimAtCapacity: 0,
    pageOverlaps: 0,
    pageOrderViolations: 0,
    socketErrors: [],
    socketErrorCount: 0,
  };
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const expected: Record<RequestKind, number[]> = { page1: [200], page2: [200], claim: [200, 204, 409] };
  const live = () => performance.now() < deadline && !options.signal?.stopped;

  const call = async (agent: Agent, kind: RequestKind, method: 'GET' | 'POST', path: string, token: string): Promise<Response | undefined> => {
    try {
      const res = await send(agent, options.port, method, path, token);
      const k = result.byKind[kind];
      // A request still in flight at the deadline is counted: it was sent inside the window.
      k.latencies.push(res.ms);
      k.status[res.status] = (k.status[res.status] ?? 0) + 1;
      if (!expected[kind].includes(res.status) && k.failures.length < 5) k.failures.push({ status: res.status, body: res.body.slice(0, 1000) });
      return res;
    } catch (error) {
      result.socketErrorCount++;
      if (result.socketErrors.length < 5) result.socketErrors.push(`${kind}: ${(error as Error).message}`);
      return undefined;
    }
  };

  const think = async () => {
    if (options.thinkMs > 0 && live()) await sleep(Math.random() * 2 * options.thinkMs);
  };

  const officerLoop = async (officer: VirtualOfficer, index: number) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let reads = 0;
    let cycle = index; // officers start at different points of the scope cycle
    try {
      // Stagger the start over the first think time so the officers do not move in lockstep.
      await sleep(options.thinkMs > 0 ? Math.random() * options.thinkMs : index);
      while (live()) {
        const scope = options.scopes[cycle++ % options.scopes.length];
        result.scopes[scope] = (result.scopes[scope] ?? 0) + 1;
        const first = await call(agent, 'page1', 'GET', `/v1/queue?scope=${scope}`, officer.token);
        reads++;
        await think();
        const page1 = first?.status === 200 ? (JSON.parse(first.body) as { items: PageItem[]; nextCursor: string | null }) : undefined;
        if (page1?.nextCursor && live()) {
          const second = await call(agent, 'page2', 'GET', `/v1/queue?scope=${scope}&cursor=${encodeURIComponent(page1.nextCursor)}`, officer.token);
          reads++;
          if (second?.status === 200) {
            const page2 = JSON.parse(second.body) as { items: PageItem[] };
            const seen = new Set(page1.items.map((i) => i.id));
            const last = page1.items[page1.items.length - 1];
            for (const item of page2.items) {
              if (seen.has(item.id)) result.pageOverlaps++;
              if (last && queueOrder(item, last) <= 0) result.pageOrderViolations++;
            }
          }
          await think();
        }
        if (reads >= options.claimEvery && live()) {
          reads = 0;
          const claimed = await call(agent, 'claim', 'POST', '/v1/queue/claim-next', officer.token);
          if (claimed?.status === 200) result.claims.push({ officer: officer.id, id: (JSON.parse(claimed.body) as { id: string }).id, at: performance.now() - start });
          else if (claimed?.status === 204) result.claimEmpty++;
          else if (claimed?.status === 409) result.claimAtCapacity++;
          await think();
        }
      }
    } finally {
      agent.destroy();
    }
  };

  await Promise.all(options.officers.map((officer, i) => officerLoop(officer, i)));
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

/**
 * Claim storm: every officer claims back to back, no think time, `claimsEach` times; all of them
 * from the same few teams, so they race for the same head of the queue.
 */
export async function runClaimStorm(port: number, officers: VirtualOfficer[], claimsEach: number, signal?: { stopped: boolean }): Promise<LoadResult> {
  const result: LoadResult = {
    seconds: 0,
    byKind: { page1: { latencies: [], status: {}, failures: [] }, page2: { latencies: [], status: {}, failures: [] }, claim: { latencies: [], status: {}, failures: [] } },
    scopes: {},
    claims: [],
    claimEmpty: 0,
    claimAtCapacity: 0,
    pageOverlaps: 0,
    pageOrderViolations: 0,
    socketErrors: [],
    socketErrorCount: 0,
  };
  const start = performance.now();
  await Promise.all(
    officers.map(async (officer) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let n = 0; n < claimsEach && !signal?.stopped; n++) {
          try {
            const res = await send(agent, port, 'POST', '/v1/queue/claim-next', officer.token);
            const k = result.byKind.claim;
            k.latencies.push(res.ms);
            k.status[res.status] = (k.status[res.status] ?? 0) + 1;
            if (res.status === 200) result.claims.push({ officer: officer.id, id: (JSON.parse(res.body) as { id: string }).id, at: performance.now() - start });
            else if (res.status === 204) result.claimEmpty++;
            else if (res.status === 409) result.claimAtCapacity++;
            else if (k.failures.length < 5) k.failures.push({ status: res.status, body: res.body.slice(0, 1000) });
          } catch (error) {
            result.socketErrorCount++;
            if (result.socketErrors.length < 5) result.socketErrors.push(`claim: ${(error as Error).message}`);
          }
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  result.seconds = (performance.now() - start) / 1000;
  return result;
}

/** Sequential page-1 reads by one principal (supervisor or manager views), for their latency alone. */
export async function runSequentialPages(port: number, token: string, path: string, count: number, signal?: { stopped: boolean }): Promise<KindResult & { socketErrors: string[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const out: KindResult & { socketErrors: string[] } = { latencies: [], status: {}, failures: [], socketErrors: [] };
  try {
    for (let n = 0; n < count && !signal?.stopped; n++) {
      try {
        const res = await send(agent, port, 'GET', path, token);
        out.latencies.push(res.ms);
        out.status[res.status] = (out.status[res.status] ?? 0) + 1;
        if (res.status !== 200 && out.failures.length < 5) out.failures.push({ status: res.status, body: res.body.slice(0, 1000) });
      } catch (error) {
        out.socketErrors.push((error as Error).message);
      }
    }
  } finally {
    agent.destroy();
  }
  return out;
}
