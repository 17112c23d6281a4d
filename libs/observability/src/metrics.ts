import type { NextFunction, Request, Response } from 'express';
import type { Role } from '@redress/auth';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Who may scrape metrics, from the API's /metrics and the worker's alike. */
export const METRICS_ROLES: readonly Role[] = ['admin', 'integration'];

/** One registry per process, so tests that boot several apps do not collide on metric names. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = this.histogram('http_request_duration_seconds', 'HTTP request latency by route and status', ['method', 'route', 'status'], [
    0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
  ]);

  readonly complaintsReceived = this.counter('redress_complaints_received_total', 'Complaints stored at intake, by channel', ['channel']);

  readonly slaAlertsRaised = this.counter(
    'redress_sla_alerts_raised_total',
    'SLA alerts raised by the worker: warnings, breaches and escalation levels',
    ['kind'],
  );

  /** The service's promise: an alert raised at its threshold, not minutes after it. */
  readonly slaAlertLateness = this.histogram(
    'redress_sla_alert_lateness_seconds',
    'Time from an SLA threshold (warning instant, due instant, escalation instant) to its alert being raised',
    ['kind'],
    [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
  );

  readonly slaTimersRestored = this.counter(
    'redress_sla_timers_restored_total',
    'SLA timers the sweep added again from the database: missing in Redis, or overdue and rescued under a fresh job id',
    [],
  );

  readonly webhookDeliveries = this.counter(
    'redress_webhook_delivery_attempts_total',
    'Webhook delivery attempts by outcome: succeeded, retrying, failed (for good), abandoned (not sent: webhook inactive or event gone)',
    ['outcome'],
  );

  readonly alertEmails = this.counter(
    'redress_alert_email_attempts_total',
    'Alert e-mail and digest attempts by outcome: sent, retrying, failed (for good), skipped',
    ['type', 'outcome'],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private histogram<L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** Express middleware timing each request; the label is the route pattern, never the raw URL. */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }
}
