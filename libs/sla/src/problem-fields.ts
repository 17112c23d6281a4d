import type { SlaPolicy } from '@redress/domain';
import type { FieldError } from '@redress/http';

/**
 * The domain validators (validatePolicy, validateCalendar, validateHolidaySchedule) speak in
 * sentences for the admin who wrote the rule. A 400 must also name the field, so each sentence is
 * placed at the most precise field path it is about; one that fits no field stays on "(body)".
 * problem-fields.spec.ts runs the real validators, so a reworded sentence fails there first.
 */

const WHOLE_BODY = '(body)';

function group(entries: readonly (readonly [string, string])[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const [field, message] of entries) byField.set(field, [...(byField.get(field) ?? []), message]);
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

function at(collection: string, index: number, leaf?: string): string {
  if (index < 0) return collection;
  return leaf ? `${collection}.${index}.${leaf}` : `${collection}.${index}`;
}

function milestoneLeaf(detail: string): string {
  if (detail.includes('rollForwardToWorkingDay')) return 'rollForwardToWorkingDay';
  if (detail.includes('warnAt')) return 'warnAt';
  if (/starts ?after/i.test(detail)) return 'startsAfter';
  return 'duration';
}

function policyField(policy: SlaPolicy, problem: string): string {
  const milestones = policy.milestones.map((m) => m.key);
  const levels = policy.escalation.map((level) => String(level.level));
  const extensions = (policy.extensions ?? []).map((rule) => rule.milestone);
  let m: RegExpMatchArray | null;
  if (problem === 'a policy must name its calendar') return 'calendar';
  if (problem === 'a policy needs at least one milestone' || problem.startsWith('duplicate milestone keys')) return 'milestones';
  if ((m = problem.match(/^milestone (\S+): (.*)$/))) return at('milestones', milestones.indexOf(m[1]), milestoneLeaf(m[2]));
  if ((m = problem.match(/^escalation level (\S+?):? (.*)$/))) {
    return at('escalation', levels.indexOf(m[1]), m[2].includes('staff id') ? 'target' : 'delayAfterBreach');
  }
  if (problem.startsWith('escalation levels')) return 'escalation';
  if ((m = problem.match(/^extension rule for unknown milestone (\S+)$/))) return at('extensions', extensions.indexOf(m[1]), 'milestone');
  if ((m = problem.match(/^extension (?:rule for|of) (\S+?):? /))) return at('extensions', extensions.indexOf(m[1]), 'steps');
  if ((m = problem.match(/^(pause|restart) reason (.+?): unknown milestones/))) {
    const collection = m[1] === 'pause' ? 'pauses' : 'restarts';
    const rules = (m[1] === 'pause' ? policy.pauses : policy.restarts) ?? [];
    return at(collection, rules.findIndex((rule) => rule.reason === m![2]), 'milestones');
  }
  if (problem === 'duplicate variant keys') return 'variants';
  if ((m = problem.match(/^variant (\S+): /))) {
    return at('variants', (policy.variants ?? []).findIndex((variant) => variant.key === m![1]), 'durations');
  }
  return WHOLE_BODY;
}

/** validatePolicy's problems, each at its field: "milestones.0.duration", "escalation.1.target"… */
export function policyProblemFields(policy: SlaPolicy, problems: readonly string[]): FieldError[] {
  return group(problems.map((problem) => [policyField(policy, problem), problem] as const));
}

function calendarField(problem: string): string {
  let m: RegExpMatchArray | null;
  if (/IANA time zone|has no time zone/.test(problem)) return 'timeZone';
  if ((m = problem.match(/^weekday (\d)/))) return `week.${m[1]}`;
  if (problem === 'no weekday has working hours') return 'week';
  if (/^make-up/.test(problem)) return 'makeUpDayHours';
  if ((m = problem.match(/^(holidays|workingDays|closures):/))) return m[1];
  if (problem.startsWith('coverage')) return 'coverage';
  if (problem.startsWith('date-holidays has no country')) return 'country';
  if (problem.startsWith('date-holidays has no region')) return 'subdivision';
  if (problem.includes('whole year')) return 'years';
  return '';
}

/**
 * The problems in a CalendarError from buildCalendar, each at its field under `prefix` (the
 * definition's path in the request body).
 */
export function calendarProblemFields(message: string, prefix: string): FieldError[] {
  const listed = message.match(/^calendar [^:]+: (.*)$/);
  const problems = listed ? listed[1].split('; ') : [message];
  return group(problems.map((problem) => {
    const field = calendarField(problem);
    return [field ? `${prefix}.${field}` : prefix, problem] as const;
  }));
}

/** validateHolidaySchedule's problems, at the fields of the schedule request body. */
export function scheduleProblemFields(problems: readonly string[]): FieldError[] {
  return group(problems.map((problem) => {
    const m = problem.match(/^(holidays|workingDays|country|year|source)\b/);
    if (m) return [m[1], problem] as const;
    return [problem.startsWith('dates listed as both') ? 'workingDays' : WHOLE_BODY, problem] as const;
  }));
}
