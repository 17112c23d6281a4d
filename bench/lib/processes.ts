import { ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import type { ProbeReport } from '../profiling/probe';

/**
 * The V8 flags production runs the API with (docker/Dockerfile, npm run start:prod:api), so that
 * the benchmarks measure the same runtime. 32 MiB semi-spaces (V8's young generation is three of
 * them: ~96 MiB instead of Node 20's ~48) halve the scavenges of a request path that allocates as
 * much as intake does: in bench:intake, median 666 against 626 complaints/s (six runs each,
 * 2026-11-29), a quarter less GC time, no worse p99 at 100 req/s; 64 MiB gained nothing more.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=32'];

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function httpGet(port: number, path: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export function httpPost(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', timeout: 10_000, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server under test in its own Node process, so it does not share an event loop with the load
 * generator. Its output is kept (last 200 lines) for error reports and echoed to stderr with a prefix.
 */
export class ServerProcess {
  private child?: ChildProcess;
  private readonly output: string[] = [];
  private exited?: { code: number | null; signal: NodeJS.Signals | null };
  private exitWaiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    private readonly nodeArgs: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwd: string,
    readonly port: number,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get recentOutput(): string {
    return this.output.join('\n');
  }

  start(): void {
    const child = spawn(process.execPath, this.nodeArgs, { cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child = child;
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.output.push(line);
        if (this.output.length > 200) this.output.shift();
        process.stderr.write(`[${this.name}] ${line}\n`);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    });
  }

  /** Polls path until it answers 200; fails if the process dies or the deadline passes. */
  async waitReady(path: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`${this.name} exited (${this.exited.signal ?? this.exited.code}) before it was ready:\n${this.recentOutput}`);
      }
      try {
        const res = await httpGet(this.port, path, 1000);
        if (res.status === 200) return;
        last = `${res.status} ${res.body.slice(0, 300)}`;
      } catch (error) {
        last = (error as Error).message;
      }
      await sleep(250);
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s (GET ${path}: ${last}):\n${this.recentOutput}`);
  }

  /** Asks the preloaded probe (bench/profiling/probe.ts) to start or stop measuring. */
  probe(command: 'start'): Promise<void>;
  probe(command: 'stop', tag: string): Promise<ProbeReport>;
  probe(command: 'start' | 'stop', tag?: string): Promise<void | ProbeReport> {
    const child = this.child;
    if (!child?.send || this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${this.name}: no answer from the probe`));
      }, 60_000);
      const onMessage = (message: { probe?: string; report?: ProbeReport; message?: string }) => {
        if (message?.probe === 'started' || message?.probe === 'report' || message?.probe === 'error') {
          clearTimeout(timer);
          child.off('message', onMessage);
          if (message.probe === 'error') reject(new Error(`${this.name} probe: ${message.message}`));
          else resolve(message.report);
        }
      };
      child.on('message', onMessage);
      child.send({ probe: command, tag });
    });
  }

  /** SIGTERM (Nest's shutdown hooks close the pools), SIGKILL after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || this.exited) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!this.exited) {
        process.stderr.write(`[${this.name}] did not stop within ${graceMs / 1000} s; killing it\n`);
        child.kill('SIGKILL');
      }
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}
