import type { DigestWindow } from './alert-digest';
import type { AlertMessage } from './alert-message';

/**
 * What an alert e-mail may say about an alert: the case reference and id, the milestone, kind,
 * level, share used and times. Nothing about the customer (name, contact details, account numbers,
 * narrative) is ever read, so none can end up in a mail or a log line.
 */
export interface AlertSummary {
  id: string;
  complaintId: string;
  reference: string;
  kind: AlertMessage['kind'];
  milestone: string;
  level: number | null;
  fraction: number | null;
  dueAt: string;
  raisedAt: string;
}

export interface ComposedMail {
  subject: string;
  text: string;
}

const KINDS: ReadonlySet<string> = new Set(['warning', 'breach', 'escalation']);
/** A digest lists this many alerts at most; the rest are counted. */
export const DIGEST_LIST_LIMIT = 200;

/**
 * The summary and recipients of an `alert.raised` outbox payload (an AlertMessage), keeping only
 * the fields above; null when the payload is not one.
 */
export function readAlertPayload(payload: unknown): { summary: AlertSummary; recipients: string[] } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const strings = ['id', 'complaintId', 'reference', 'milestone', 'dueAt', 'raisedAt'] as const;
  if (!strings.every((key) => typeof p[key] === 'string' && p[key] !== '')) return null;
  if (typeof p.kind !== 'string' || !KINDS.has(p.kind)) return null;
  if (!Array.isArray(p.recipients) || !p.recipients.every((r) => typeof r === 'string')) return null;
  return {
    summary: {
      id: p.id as string,
      complaintId: p.complaintId as string,
      reference: p.reference as string,
      kind: p.kind as AlertSummary['kind'],
      milestone: p.milestone as string,
      level: typeof p.level === 'number' ? p.level : null,
      fraction: typeof p.fraction === 'number' ? p.fraction : null,
      dueAt: p.dueAt as string,
      raisedAt: p.raisedAt as string,
    },
    recipients: (p.recipients as string[]).filter((r) => r !== ''),
  };
}

/** The case's address from the ALERT_CASE_URL template. */
export function caseLink(template: string, alert: Pick<AlertSummary, 'complaintId' | 'reference'>): string {
  return template.replaceAll('{id}', encodeURIComponent(alert.complaintId)).replaceAll('{reference}', encodeURIComponent(alert.reference));
}

/** "SLA warning (75% of the time used)", "SLA breached", "Escalation level 2". */
export function alertHeadline(alert: Pick<AlertSummary, 'kind' | 'level' | 'fraction'>): string {
  switch (alert.kind) {
    case 'warning':
      return alert.fraction === null ? 'SLA warning' : `SLA warning (${Math.round(alert.fraction * 100)}% of the time used)`;
    case 'breach':
      return 'SLA breached';
    case 'escalation':
      return alert.level === null ? 'Escalation' : `Escalation level ${alert.level}`;
  }
}

/** One alert, one e-mail. */
export function composeAlertEmail(alert: AlertSummary, caseUrlTemplate: string): ComposedMail {
  const headline = alertHeadline(alert);
  const lines = [
    `${headline} on complaint ${oneLine(alert.reference)}.`,
    '',
    `Milestone: ${oneLine(alert.milestone)}`,
    `Alert:     ${alert.kind}${alert.level !== null ? ` (level ${alert.level})` : ''}`,
    `Due:       ${formatTime(alert.dueAt)}`,
    `Raised:    ${formatTime(alert.raisedAt)}`,
    `Case:      ${caseLink(caseUrlTemplate, alert)}`,
    '',
    'You receive this e-mail because the alert is addressed to you. Acknowledge it in Redress once someone is acting on it.',
  ];
  return { subject: `[Redress] ${headline}: ${oneLine(alert.reference)} (${oneLine(alert.milestone)})`, text: `${lines.join('\n')}\n` };
}

/**
 * The end-of-window digest: the alerts held back in one minute, oldest first, with references,
 * kinds, milestones and links. `individually` is how many of that minute's alerts were mailed one by one.
 */
export function composeDigest(input: { window: DigestWindow; alerts: readonly AlertSummary[]; individually: number; caseUrlTemplate: string }): ComposedMail {
  const { window, alerts, individually } = input;
  const span = `${formatTime(window.start).slice(0, 16)}-${formatTime(window.end).slice(11, 16)} UTC`;
  const counts = [...KINDS]
    .map((kind) => [kind, alerts.filter((a) => a.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind === 'breach' ? (n === 1 ? 'breach' : 'breaches') : n === 1 ? kind : `${kind}s`}`);
  const listed = alerts.slice(0, DIGEST_LIST_LIMIT);
  const lines = [
    `${alerts.length} more SLA ${alerts.length === 1 ? 'alert was' : 'alerts were'} addressed to you in the minute ${span} (${counts.join(', ')}).`,
    `The first ${individually} of that minute reached you one by one; the rest are listed here in one e-mail instead.`,
    '',
    ...listed.flatMap((alert) => [
      `- ${oneLine(alert.reference)}  ${alertHeadline(alert)}  ${oneLine(alert.milestone)}  due ${formatTime(alert.dueAt)}`,
      `  ${caseLink(input.caseUrlTemplate, alert)}`,
    ]),
  ];
  if (alerts.length > listed.length) lines.push('', `...and ${alerts.length - listed.length} more: see the alert list in Redress.`);
  lines.push('', 'Acknowledge the alerts in Redress once someone is acting on them.');
  return { subject: `[Redress] Alert digest: ${alerts.length} SLA ${alerts.length === 1 ? 'alert' : 'alerts'}, ${span}`, text: `${lines.join('\n')}\n` };
}

/** "2026-12-12 09:00 UTC" */
export function formatTime(value: string | Date): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Header and list lines must stay single lines whatever a field holds. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').slice(0, 200);
}
