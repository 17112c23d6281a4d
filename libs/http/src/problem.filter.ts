import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { genericProblem, PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemException } from './problem';

/** Every error leaves the API as application/problem+json; unexpected ones are logged, not echoed. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    const requestId = (request as Request & { id?: unknown }).id;
    if (requestId) problem.requestId = String(requestId);
    if (problem.status >= 500) {
      const error = exception as Error;
      this.logger.error({ err: { type: error?.name, code: (error as { code?: string })?.code, stack: error?.stack } }, 'Unhandled error');
    }
    if (response.headersSent) return;
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="redress", ApiKey header="X-API-Key"');
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) {
      return {
        type: exception.problemType,
        title: exception.title,
        status: exception.getStatus(),
        detail: exception.detail,
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
      return genericProblem(status, detail);
    }
    return genericProblem(500, 'An unexpected error occurred. Quote the requestId when reporting it.');
  }
}
