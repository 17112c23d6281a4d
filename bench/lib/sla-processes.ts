import { ChildProcess, spawn } from 'node:child_process';

/**
 * A Node child process with an IPC channel, for processes that serve no HTTP (the workers): its
 * output is kept (last 200 lines) and echoed to stderr with a prefix, its IPC messages go to
 * listeners, and it can be stopped gently (SIGTERM, then SIGKILL) or killed outright.
 */
export class NodeProcess {
  private child?: ChildProcess;
  private readonly output: string[] = [];
  private exitState?: { code: number | null; signal: NodeJS.Signals | null };
  private exitWaiters: Array<() => void> = [];
  private readonly listeners = new Set<(message: unknown) => void>();
  startedAt?: number;
  exitedAt?: number;

  constructor(
    readonly name: string,
    private readonly nodeArgs: string[],
    private readonly env: NodeJS.ProcessEnv,
    private readonly cwd: string,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exitState;
  }

  get recentOutput(): string {
    return this.output.join('\n');
  }

  start(): void {
    const child = spawn(process.execPath, this.nodeArgs, { cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child = child;
    this.startedAt = Date.now();
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
    child.on('message', (message) => {
      for (const listener of this.listeners) listener(message);
    });
    child.on('exit', (code, signal) => {
      this.exitState = { code, signal };
      this.exitedAt = Date.now();
      for (const waiter of this.exitWaiters.splice(0)) waiter();
    });
  }

  /** Returns the function that stops listening. */
  onMessage(listener: (message: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a message and resolves with the first answer `match` accepts. */
  request<T>(message: object, match: (answer: unknown) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const child = this.child;
    if (!child?.send || this.exitState) return Promise.reject(new Error(`${this.name} is not running`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`${this.name}: no answer to ${JSON.stringify(message)}`));
      }, timeoutMs);
      const stop = this.onMessage((answer) => {
        const value = match(answer);
        if (value === undefined) return;
        clearTimeout(timer);
        stop();
        resolve(value);
      });
      child.send(message);
    });
  }

  private waitExit(): Promise<void> {
    if (this.exitState || !this.child) return Promise.resolve();
    return new Promise((resolve) => this.exitWaiters.push(resolve));
  }

  /** Sends `signal` (SIGKILL: no shutdown hooks, no goodbye) and waits for the exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.child || this.exitState) return;
    const exited = this.waitExit();
    this.child.kill(signal);
    await exited;
  }

  /** SIGTERM (Nest's shutdown hooks close the worker and the pools), SIGKILL after the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitState) return;
    const exited = this.waitExit();
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!this.exitState) {
        process.stderr.write(`[${this.name}] did not stop within ${graceMs / 1000} s; killing it\n`);
        child.kill('SIGKILL');
      }
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}
