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

// A survey link's token is the customer's credential: whoever reads the logs must not be able to
// answer for them.
const SURVEY_TOKEN_IN_PATH = /^(\/v1\/surveys\/)[^/]+/;

/** The path a request log shows: no query string, no credential. */
export function loggedPath(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(SURVEY_TOKEN_IN_PATH, '$1[redacted]');
}

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
          path: loggedPath(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health/live' || req.url === '/metrics' },
    },
  };
}
