import type { Complaint } from '@redress/complaints';

/**
 * What webhooks carry about a complaint: enough for a channel to tell the customer what happened
 * (reference, status, deadline), and no personal data beyond the customer id the channel sent us.
 */
export function complaintEventPayload(complaint: Complaint, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    complaintId: complaint.id,
    reference: complaint.reference,
    channel: complaint.channel,
    externalRef: complaint.externalRef,
    customerId: complaint.customerId,
    status: complaint.status,
    teamCode: complaint.teamCode,
    assigneeId: complaint.assigneeId,
    dueAt: complaint.dueAt ? new Date(complaint.dueAt).toISOString() : null,
    version: complaint.version,
    ...extra,
  };
}
