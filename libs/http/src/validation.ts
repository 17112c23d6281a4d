import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationProblem } from './problem';

/** Flattens class-validator's tree into one entry per field path, e.g. "customer.email". */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, messages: messagesFor(error) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** A missing field is "is required" rather than every rule its absence breaks; values are never echoed. */
function messagesFor(error: ValidationError): string[] {
  const constraints = error.constraints ?? {};
  if (constraints.whitelistValidation) return ['is not a known field'];
  if (error.value === undefined || error.value === null) {
    return [constraints.isDefined ?? `${error.property} is required`];
  }
  return Object.values(constraints);
}

/** Unknown fields are refused, types are checked, and every invalid field is reported at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}
