import { Injectable } from '@nestjs/common';
import { Clock } from '@redress/config';
import { EARLIEST_YEAR, LATEST_YEAR, parseDateText, parseTimestampText } from '@redress/domain';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

/** Clocks of the call centre and the bank's servers drift; a minute of tolerance avoids false refusals. */
export const FUTURE_TOLERANCE_MS = 60_000;

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
  `$property must be an ISO 8601 date-time with a time zone, on a real date from ${EARLIEST_YEAR} to ${LATEST_YEAR}, e.g. 2026-11-28T09:30:00+08:00`,
  (value) => parseTimestampText(value) !== undefined,
);

export const IsCalendarDate = decorator(
  'isCalendarDate',
  `$property must be a real date as YYYY-MM-DD, from ${EARLIEST_YEAR} to ${LATEST_YEAR}`,
  (value) => parseDateText(value) !== undefined,
);

/** Not after the current time (by the injected clock), within FUTURE_TOLERANCE_MS. */
@ValidatorConstraint({ name: 'notInFuture' })
@Injectable()
export class NotInFutureConstraint implements ValidatorConstraintInterface {
  constructor(private readonly clock: Clock) {}

  validate(value: unknown): boolean {
    const date = parseTimestampText(value) ?? parseDateText(value);
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
          const mine = parseTimestampText(value) ?? parseDateText(value);
          const other = parseTimestampText((args.object as Record<string, unknown>)[otherProperty]);
          return mine === undefined || other === undefined || mine.getTime() <= other.getTime();
        },
      },
    });
}
