import { planFieldUpdate, type CorrectableFields } from './field-update';
import type { Actor } from './permissions';
import { WORKFLOW_STATUSES, type WorkflowStatus } from './statuses';
import type { WorkflowComplaint } from './workflow-complaint';

const officer: Actor = { kind: 'staff', id: 'off-1', roles: ['officer'], teams: ['T1'] };
const colleague: Actor = { kind: 'staff', id: 'off-2', roles: ['officer'], teams: ['T1'] };
const supervisor: Actor = { kind: 'staff', id: 'sup-1', roles: ['supervisor'], teams: ['T1'] };
const otherSupervisor: Actor = { kind: 'staff', id: 'sup-9', roles: ['supervisor'], teams: ['T9'] };
const analyst: Actor = { kind: 'staff', id: 'ana-1', roles: ['analyst'], teams: [] };
const manager: Actor = { kind: 'staff', id: 'mgr-1', roles: ['manager'], teams: [] };

function complaint(status: WorkflowStatus = 'investigating'): WorkflowComplaint & CorrectableFields {
  return {
    id: 'c-1',
    status,
    customerId: 'cust-1',
    teamCode: 'T1',
    assigneeId: 'off-1',
    submittedBy: { kind: 'integration', id: 'web' },
    resolvedAt: null,
    closedAt: null,
    finalResponseSentAt: null,
    reviewRequestedAt: null,
    category: 'fees_charges',
    priority: 'medium',
  };
}

describe('planFieldUpdate', () => {
  it('lists each changed field with its value before and after', () => {
    expect(planFieldUpdate(complaint(), { category: 'card_fraud', priority: 'urgent', reason: ' Customer reports card theft ' }, officer)).toEqual({
      ok: true,
      reason: 'Customer reports card theft',
      changes: [
        { field: 'category', before: 'fees_charges', after: 'card_fraud' },
        { field: 'priority', before: 'medium', after: 'urgent' },
      ],
    });
  });

  it('treats values equal to the current ones as no change, so a retry does nothing', () => {
    expect(planFieldUpdate(complaint(), { category: 'fees_charges', priority: 'medium', reason: 'again' }, officer)).toEqual({ ok: true, reason: 'again', changes: [] });
  });

  it('lets the assigned officer, the team supervisor and managers correct the case', () => {
    for (const actor of [officer, supervisor, manager]) {
      expect(planFieldUpdate(complaint(), { priority: 'high', reason: 'r' }, actor).ok).toBe(true);
    }
  });

  it('refuses a colleague who does not hold the case, and an analyst, with 403', () => {
    expect(planFieldUpdate(complaint(), { priority: 'high', reason: 'r' }, colleague)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(planFieldUpdate(complaint(), { priority: 'high', reason: 'r' }, analyst)).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('reports a case outside the caller’s teams as not found', () => {
    expect(planFieldUpdate(complaint(), { priority: 'high', reason: 'r' }, otherSupervisor)).toEqual({ ok: false, kind: 'not_found' });
  });

  it.each(WORKFLOW_STATUSES.map((status) => [status]))('in status %s corrects only until the case is closed', (status) => {
    const plan = planFieldUpdate(complaint(status), { priority: 'high', reason: 'r' }, manager);
    const closedRecord = ['closed', 'withdrawn', 'merged'].includes(status);
    expect(plan).toMatchObject(closedRecord ? { ok: false, kind: 'conflict' } : { ok: true });
  });

  it('names every invalid field at once', () => {
    expect(planFieldUpdate(complaint(), { category: 'Card Fraud', priority: 'asap', reason: '  ' }, officer)).toEqual({
      ok: false,
      kind: 'invalid',
      fields: [
        { field: 'category', message: expect.stringContaining('lowercase code') },
        { field: 'priority', message: 'must be one of low, medium, high, urgent' },
        { field: 'reason', message: expect.stringContaining('required') },
      ],
    });
    expect(planFieldUpdate(complaint(), { reason: 'r' }, officer)).toMatchObject({ ok: false, kind: 'invalid', fields: [{ field: 'category' }] });
    expect(planFieldUpdate(complaint(), { priority: 'high', reason: 'x'.repeat(2001) }, officer)).toMatchObject({ fields: [{ field: 'reason' }] });
  });
});
