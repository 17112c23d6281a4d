import { Client } from 'pg';
import type { Claim } from './queue-load';

export interface ClaimVerification {
  /** 200 answers to claim-next across every phase. */
  responses: number;
  /** Complaint ids handed out by more than one claim-next answer. */
  duplicateResponses: Array<{ id: string; officers: string[] }>;
  /** complaint.assigned events with details.via = "claim" in the audit trail. */
  claimEvents: number;
  /** Complaints with more than one claim event. */
  duplicateEvents: Array<{ id: string; officers: string[] }>;
  /** Answers with no matching claim event by that officer, and claim events no answer reported. */
  answersWithoutEvent: number;
  eventsWithoutAnswer: number;
  /** Claimed complaints whose assignee in the table is not the officer the answer went to. */
  assigneeMismatches: number;
  /** Distinct complaints claimed twice, by either count. */
  doubleClaims: number;
}

/**
 * Double claims, two ways: the ids the API answered (the same id to two officers) and what the
 * database recorded (two "claim" events in one complaint's audit trail, or an assignee that is not
 * the officer who was told they had it).
 */
export async function verifyClaims(url: string, claims: Claim[]): Promise<ClaimVerification> {
  const byId = new Map<string, string[]>();
  for (const c of claims) byId.set(c.id, [...(byId.get(c.id) ?? []), c.officer]);
  const duplicateResponses = [...byId].filter(([, officers]) => officers.length > 1).map(([id, officers]) => ({ id, officers }));

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: events } = await client.query<{ complaint_id: string; actor_id: string }>(
      `SELECT complaint_id, actor_id FROM complaint_events WHERE type = 'complaint.assigned' AND details->>'via' = 'claim'`,
    );
    const eventsById = new Map<string, string[]>();
    for (const e of events) eventsById.set(e.complaint_id, [...(eventsById.get(e.complaint_id) ?? []), e.actor_id]);
    const duplicateEvents = [...eventsById].filter(([, officers]) => officers.length > 1).map(([id, officers]) => ({ id, officers }));

    const answered = new Set(claims.map((c) => `${c.id}|${c.officer}`));
    const recorded = new Set(events.map((e) => `${e.complaint_id}|${e.actor_id}`));
    const answersWithoutEvent = [...answered].filter((k) => !recorded.has(k)).length;
    const eventsWithoutAnswer = [...recorded].filter((k) => !answered.has(k)).length;

    const { rows: current } = await client.query<{ id: string; assignee_id: string | null }>(
      'SELECT id, assignee_id FROM complaints WHERE id = ANY($1::uuid[])',
      [[...byId.keys()]],
    );
    const assignee = new Map(current.map((r) => [r.id, r.assignee_id]));
    const assigneeMismatches = claims.filter((c) => assignee.get(c.id) !== c.officer).length;

    const doubled = new Set([...duplicateResponses.map((d) => d.id), ...duplicateEvents.map((d) => d.id)]);
    return {
      responses: claims.length,
      duplicateResponses,
      claimEvents: events.length,
      duplicateEvents,
      answersWithoutEvent,
      eventsWithoutAnswer,
      assigneeMismatches,
      doubleClaims: doubled.size,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
