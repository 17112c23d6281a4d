import express, { NextFunction, Request, Response } from 'express';
import { genericProblem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problem';

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
 * JSON body handling before any route runs: a body that is not JSON is 415, one over the size cap
 * is 413, malformed JSON is 400, each as problem+json. A request without a body gets {} so the
 * validator can name every missing field.
 */
export function jsonBodyMiddleware(limitBytes: number) {
  const parse = express.json({ limit: limitBytes, type: JSON_TYPES, strict: true });

  return (req: Request, res: Response, next: NextFunction): void => {
    if (METHODS_WITH_BODY.has(req.method) && hasBody(req) && !req.is(JSON_TYPES)) {
      send(req, res, 415, genericProblem(415, 'Send the request body as JSON with "Content-Type: application/json"'));
      return;
    }
    parse(req, res, (err?: unknown) => {
      const e = err as { type?: string; status?: number } | undefined;
      if (!e) {
        if (req.body === undefined) req.body = {};
        next();
      } else if (e.type === 'entity.too.large') {
        send(req, res, 413, genericProblem(413, `The request body exceeds ${limitBytes} bytes`));
      } else if (e.type === 'entity.parse.failed') {
        send(req, res, 400, {
          type: PROBLEM_TYPES.validation,
          title: 'The request is not valid',
          status: 400,
          detail: 'The request body is not well-formed JSON',
          errors: [{ field: '(body)', messages: ['is not well-formed JSON'] }],
        });
      } else if (e.status && e.status >= 400 && e.status < 500) {
        send(req, res, e.status, genericProblem(e.status));
      } else {
        next(err);
      }
    });
  };
}
