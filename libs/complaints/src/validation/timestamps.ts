import { Injectable } from '@nestjs/common';
import { Clock } from '@redress/config';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Clocks of the call centre and the bank's servers drift; a minute of tolerance avoids false refusals. */
export const FUTURE_TOLERANCE_MS = 60_000;

function parse(value: unknown, pattern: RegExp): Date | undefined {
  if (typeof value !== 'string' || !pattern.test(value)) return undefined;
  const date = new Date(pattern === DATE ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function decorator(name: string, message: string, check: (value: unknown, args: ValidationArguments) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message, ...options },
        validator: { validate: check },
      });
}

/** An ISO 8601 date-time that states its offset: a time without a zone is ambiguous for a deadline. */
export const IsTimestamp = decorator(
  'isTimestamp',
  '$property must be an ISO 8601 date-time with a time zone, e.g. 2026-11-28T09:30:00+08:00',
  (value) => parse(value, TIMESTAMP) !== undefined,
);

export const IsCalendarDate = decorator(
  'isCalendarDate',
  '$property must be a date as YYYY-MM-DD',
  (value) => parse(value, DATE) !== undefined,
);

/** Not after the current time (by the injected clock), within FUTURE_TOLERANCE_MS. */
@ValidatorConstraint({ name: 'notInFuture' })
@Injectable()
export class NotInFutureConstraint implements ValidatorConstraintInterface {
  constructor(private readonly clock: Clock) {}

  validate(value: unknown): boolean {
    const date = parse(value, TIMESTAMP) ?? parse(value, DATE);
    return date === undefined || date.getTime() <= this.clock.now().getTime() + FUTURE_TOLERANCE_MS;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must not be in the future`;
  }
}

export function NotInFuture(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: NotInFutureConstraint,
    });
}

/**
 * Not later than another timestamp on the same object (e.g. occurredAt ≤ receivedAt). When the
 * other field is absent or invalid, the rule passes and that field reports its own error.
 */
export function NotAfter(otherProperty: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherProperty],
      options: { message: `$property must not be after ${otherProperty}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const mine = parse(value, TIMESTAMP) ?? parse(value, DATE);
          const other = parse((args.object as Record<string, unknown>)[otherProperty], TIMESTAMP);
          return mine === undefined || other === undefined || mine.getTime() <= other.getTime();
        },
      },
    });
}
