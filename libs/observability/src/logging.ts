import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';

/**
 * Personal data must never reach the logs: these paths are censored wherever an object with them
 * is logged, and request logs carry the path only (query strings can hold a customer id).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'customer',
  'description',
  'channelDetails',
  '*.customer',
  '*.description',
  '*.channelDetails',
  '*.name',
  '*.email',
  '*.phone',
  '*.address',
  '*.accountNumber',
  '*.senderAddress',
  '*.narrative',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function loggerParams(level: string, service: string): Params {
  return {
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url?.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
    },
  };
}
