import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Credentials, InvalidCredentials } from '@redress/auth';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { genericProblem, PROBLEM_CONTENT_TYPE } from '@redress/http';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Metrics, METRICS_ROLES } from './metrics';

/**
 * The worker's GET /metrics on WORKER_METRICS_PORT: the worker has no HTTP stack, and what it
 * counts (alerts raised and how late, timers the sweep restored, webhook and e-mail attempts)
 * would otherwise be invisible. Authenticated as the API's /metrics is: an integration API key
 * or an admin token. Anything else on the port is a 404.
 */
@Injectable()
export class WorkerMetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsListener.name);
  private readonly credentials: Credentials;
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.credentials = new Credentials(config.auth.jwtSecret, config.auth.apiKeys);
  }

  /** The port listened on; null when WORKER_METRICS_PORT is 0. */
  get port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerMetricsPort;
    if (port === 0) return;
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.logger.error({ error: error.message }, 'Worker metrics request failed');
        if (!res.headersSent) problem(res, 500, 'The metrics could not be collected');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new Error(`WORKER_METRICS_PORT ${port} cannot be used: ${error.message} (0 runs no metrics listener)`)));
      server.listen(port, () => resolve());
    });
    this.server = server;
    this.logger.log(`Worker metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      return problem(res, 404, 'Only GET /metrics is served here');
    }
    try {
      const principal = this.credentials.principalOf((name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      });
      if (!principal.roles.some((role) => METRICS_ROLES.includes(role))) {
        return problem(res, 403, `This action needs one of the roles: ${METRICS_ROLES.join(', ')}`);
      }
    } catch (error) {
      if (error instanceof InvalidCredentials) return problem(res, 401, error.message);
      throw error;
    }
    const body = await this.metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(body);
  }
}

function problem(res: ServerResponse, status: number, detail: string): void {
  res.writeHead(status, { 'Content-Type': PROBLEM_CONTENT_TYPE }).end(JSON.stringify(genericProblem(status, detail)));
}
