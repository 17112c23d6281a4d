import { ProblemException } from '@redress/http';

export const BUILTIN_READ_ONLY = 'urn:redress:problem:builtin-read-only';

/** Presets encode a regulator's rule and built-in calendars the public holidays; a bank adds its own instead of editing them. */
export function builtinReadOnly(kind: 'policy' | 'calendar', id: string): ProblemException {
  const detail =
    kind === 'policy'
      ? `${id} is a built-in preset and cannot be changed. Create a policy of your own (POST /v1/sla-policies) with the same match criteria: on a tie it wins over the preset`
      : `${id} is a built-in calendar and cannot be changed. Create a calendar of your own (POST /v1/calendars) or, for a country's calendar, load a new year's official holiday schedule with PUT /v1/calendars/${id}/schedules/{year}`;
  return new ProblemException(409, BUILTIN_READ_ONLY, `Built-in ${kind === 'policy' ? 'policies' : 'calendars'} are read-only`, detail, { [kind === 'policy' ? 'code' : 'id']: id });
}
