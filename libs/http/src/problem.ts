import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details. Extension members sit beside the standard ones. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  messages: string[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types this API defines; every other error uses about:blank with the HTTP status title. */
export const PROBLEM_TYPES = {
  validation: 'urn:redress:problem:validation',
  idempotencyMismatch: 'urn:redress:problem:idempotency-key-reused',
  duplicateExternalRef: 'urn:redress:problem:duplicate-external-ref',
  invalidTransition: 'urn:redress:problem:invalid-transition',
  staleVersion: 'urn:redress:problem:stale-version',
  windowExpired: 'urn:redress:problem:window-expired',
  atCapacity: 'urn:redress:problem:at-capacity',
  slaRule: 'urn:redress:problem:sla-rule',
} as const;

/** An error with a specific problem type and extension members (e.g. the conflicting id). */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly problemType: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export const VALIDATION_TITLE = 'The request is not valid';

export class ValidationProblem extends ProblemException {
  constructor(readonly errors: FieldError[]) {
    super(400, PROBLEM_TYPES.validation, VALIDATION_TITLE, describe(errors), { errors });
  }
}

function describe(errors: FieldError[]): string {
  const fields = errors.map((e) => e.field);
  return `Invalid field${fields.length === 1 ? '' : 's'}: ${fields.join(', ')}`;
}

export function genericProblem(status: number, detail?: string): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, ...(detail ? { detail } : {}) };
}

/** The problem+json shape, for the OpenAPI document. */
export class ProblemDocument {
  @ApiProperty({ example: 'urn:redress:problem:validation' }) type: string;
  @ApiProperty({ example: VALIDATION_TITLE }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional({ example: 'Invalid fields: customer.name, phone' }) detail?: string;
  @ApiPropertyOptional({ example: '/v1/complaints' }) instance?: string;
  @ApiPropertyOptional({ example: '7c0e4a52-8a5e-4b55-9a55-3f7f1d0c2b11' }) requestId?: string;
  @ApiPropertyOptional({
    description: 'Validation problems only: every invalid field',
    example: [{ field: 'customer.name', messages: ['name should not be empty'] }, { field: 'phone', messages: ['phone is required when channel is phone'] }],
  })
  errors?: FieldError[];
}
