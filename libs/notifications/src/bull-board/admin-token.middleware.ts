import { InvalidCredentials, verifyStaffToken } from '@redress/auth';
import { genericProblem, PROBLEM_CONTENT_TYPE } from '@redress/http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Bull Board is plain Express, outside Nest's routing and so outside the global AuthGuard; this
 * applies the same bearer-token check, admin only, with the same problem+json refusals.
 */
export function requireAdminToken(jwtSecret: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = req.header('authorization')?.match(/^Bearer\s+(\S+)$/i);
    if (!match) {
      refuse(req, res, 401, 'Send an admin token as "Authorization: Bearer <JWT>"');
      return;
    }
    try {
      const principal = verifyStaffToken(match[1], jwtSecret);
      if (principal.roles.includes('admin')) next();
      else refuse(req, res, 403, 'The queue dashboard needs the admin role');
    } catch (error) {
      if (!(error instanceof InvalidCredentials)) throw error;
      refuse(req, res, 401, `The bearer token is not valid: ${error.message}`);
    }
  };
}

function refuse(req: Request, res: Response, status: 401 | 403, detail: string): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="redress"');
  res
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ ...genericProblem(status, detail), instance: req.originalUrl.split('?')[0] }));
}
