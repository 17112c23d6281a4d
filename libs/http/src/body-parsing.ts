import express, { NextFunction, Request, Response } from 'express';
import { FieldError, genericProblem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, VALIDATION_TITLE } from './problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function send(req: Request, res: Response, status: number, body: object): void {
  const requestId = (req as Request & { id?: unknown }).id;
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...body, instance: req.originalUrl.split('?')[0], ...(requestId ? { requestId: String(requestId) } : {}) }));
}

/**
 * Text PostgreSQL cannot store: U+0000, and a UTF-16 surrogate without its pair. In a JSON body
 * either can only arrive as an escape (\u0000, \ud800), so a body without "\u0000", "\ud" or "\uD"
 * is not searched further.
 */
const SUSPECT_ESCAPES = ['\\u0000', '\\ud', '\\uD'];
const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
const SURROGATE_MESSAGE = 'must be well-formed Unicode (a surrogate without its pair, such as \\ud800, is not)';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return NUL_MESSAGE;
  return LONE_SURROGATE.test(text) ? SURROGATE_MESSAGE : null;
}

/** Every string in `value`, keys included, that PostgreSQL could not store, by dotted path. */
function unstorableText(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? [{ field: path || '(body)', messages: [message] }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const field = path ? `${path}.${key}` : key;
    const message = textProblem(key);
    return message ? [{ field, messages: [message] }] : unstorableText(item, field);
  });
}

/** A 400 validation problem raised before the route's own validation runs. */
function sendValidationProblem(req: Request, res: Response, detail: string, errors: FieldError[]): void {
  send(req, res, 400, { type: PROBLEM_TYPES.validation, title: VALIDATION_TITLE, status: 400, detail, errors });
}

function refuseText(req: Request, res: Response, errors: FieldError[]): void {
  sendValidationProblem(req, res, 'Text must be well-formed Unicode without the NUL character', errors);
}

/**
 * JSON body handling before any route runs: a body that is not JSON is 415, one over the size cap
 * is 413, malformed JSON is 400, each as problem+json. A request without a body gets {} so the
 * validator can name every missing field. Text PostgreSQL cannot store (U+0000, a lone surrogate),
 * in the body or as U+0000 in the query string, is 400 naming the fields: it would otherwise end
 * in a 500. The body's bytes are searched for the escapes first, so only a suspect body is walked.
 */
export function jsonBodyMiddleware(limitBytes: number) {
  const suspect = new WeakSet<Request>();
  const parse = express.json({
    limit: limitBytes,
    type: JSON_TYPES,
    strict: true,
    // The bytes are searched before decoding: a body in another charset body-parser accepts
    // (UTF-16, UTF-7) can carry U+0000 without the escape, so it is always walked.
    verify: (req, _res, buffer, encoding) => {
      if (encoding !== 'utf-8' || SUSPECT_ESCAPES.some((escape) => buffer.includes(escape))) suspect.add(req as Request);
    },
  });

  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.originalUrl.includes('%00')) {
      const errors = unstorableText(req.query);
      refuseText(req, res, errors.length > 0 ? errors : [{ field: '(path)', messages: [NUL_MESSAGE] }]);
      return;
    }
    if (METHODS_WITH_BODY.has(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      send(req, res, 415, genericProblem(415, 'Send the request body as JSON with "Content-Type: application/json"'));
      return;
    }
    parse(req, res, (err?: unknown) => {
      const e = err as { type?: string; status?: number } | undefined;
      if (!e) {
        if (req.body === undefined) req.body = {};
        const errors = suspect.has(req) ? unstorableText(req.body) : [];
        if (errors.length > 0) refuseText(req, res, errors);
        else next();
      } else if (e.type === 'entity.too.large') {
        send(req, res, 413, genericProblem(413, `The request body exceeds ${limitBytes} bytes`));
      } else if (e.type === 'entity.parse.failed') {
        sendValidationProblem(req, res, 'The request body is not well-formed JSON', [{ field: '(body)', messages: ['is not well-formed JSON'] }]);
      } else if (e.status && e.status >= 400 && e.status < 500) {
        send(req, res, e.status, genericProblem(e.status));
      } else {
        next(err);
      }
    });
  };
}
