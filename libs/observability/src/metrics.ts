import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, so tests that boot several apps do not collide on metric names. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly complaintsReceived = new Counter({
    name: 'redress_complaints_received_total',
    help: 'Complaints stored at intake, by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly slaAlertsRaised = new Counter({
    name: 'redress_sla_alerts_raised_total',
    help: 'SLA alerts raised by the worker: warnings, breaches and escalation levels',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** The service's promise: an alert raised at its threshold, not minutes after it. */
  readonly slaAlertLateness = new Histogram({
    name: 'redress_sla_alert_lateness_seconds',
    help: 'Time from an SLA threshold (warning instant, due instant, escalation instant) to its alert being raised',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [this.registry],
  });

  readonly slaTimersRestored = new Counter({
    name: 'redress_sla_timers_restored_total',
    help: 'SLA timers the sweep found missing in Redis and added again from the database',
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'redress_webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts by outcome: succeeded, retrying, failed (for good)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly alertEmails = new Counter({
    name: 'redress_alert_email_attempts_total',
    help: 'Alert e-mail and digest attempts by outcome: sent, retrying, failed (for good), skipped',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
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
