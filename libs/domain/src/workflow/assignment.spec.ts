import { chooseAssignee, type AssignmentCandidate, type AssignmentCase, type TeamAssignmentConfig } from './assignment';

const billing: AssignmentCase = { category: 'billing', language: 'zh' };

function staff(staffId: string, overrides: Partial<AssignmentCandidate> = {}): AssignmentCandidate {
  return { staffId, active: true, skills: [], languages: ['zh', 'en'], capacity: 10, openCases: 0, lastAssignedAt: null, ...overrides };
}

const roundRobin = (cursor: string | null): TeamAssignmentConfig => ({ mode: 'round_robin', roundRobinCursor: cursor });
const leastLoaded: TeamAssignmentConfig = { mode: 'least_loaded', roundRobinCursor: 'kept' };
const chosen = (result: ReturnType<typeof chooseAssignee>) => (result.ok ? result.staffId : result.reason);

describe('chooseAssignee', () => {
  it('assigns nobody when the team has auto-assignment off', () => {
    expect(chooseAssignee({ mode: 'off', roundRobinCursor: null }, billing, [staff('a')])).toEqual({ ok: false, reason: 'auto_assign_off' });
  });

  describe('round robin', () => {
    const team = [staff('carol'), staff('alice'), staff('bob')];

    it('starts with the first id, follows the cursor and wraps around', () => {
      expect(chooseAssignee(roundRobin(null), billing, team)).toEqual({ ok: true, staffId: 'alice', roundRobinCursor: 'alice' });
      expect(chosen(chooseAssignee(roundRobin('alice'), billing, team))).toBe('bob');
      expect(chosen(chooseAssignee(roundRobin('bob'), billing, team))).toBe('carol');
      expect(chosen(chooseAssignee(roundRobin('carol'), billing, team))).toBe('alice');
    });

    it('rotates evenly when the caller stores the cursor it is given', () => {
      let cursor: string | null = null;
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        const result = chooseAssignee(roundRobin(cursor), billing, team);
        if (!result.ok) throw new Error(result.reason);
        order.push(result.staffId);
        cursor = result.roundRobinCursor;
      }
      expect(order).toEqual(['alice', 'bob', 'carol', 'alice', 'bob', 'carol', 'alice']);
    });

    it('skips members who cannot take the case, wrapping past them', () => {
      const busy = [staff('alice'), staff('bob', { openCases: 10 }), staff('carol', { languages: ['en'] })];
      expect(chosen(chooseAssignee(roundRobin('alice'), billing, busy))).toBe('alice');
    });

    it('follows a cursor whose owner has left or become ineligible', () => {
      expect(chosen(chooseAssignee(roundRobin('ann'), billing, team))).toBe('bob');
      expect(chosen(chooseAssignee(roundRobin('zed'), billing, team))).toBe('alice');
      const withoutBob = [staff('alice'), staff('bob', { active: false }), staff('carol')];
      expect(chosen(chooseAssignee(roundRobin('bob'), billing, withoutBob))).toBe('carol');
    });
  });

  describe('least loaded', () => {
    const since = (day: number) => new Date(`2026-03-0${day}T09:00:00Z`);

    it('picks the fewest open cases and leaves the round-robin cursor alone', () => {
      const team = [staff('a', { openCases: 5 }), staff('b', { openCases: 2 }), staff('c', { openCases: 3 })];
      expect(chooseAssignee(leastLoaded, billing, team)).toEqual({ ok: true, staffId: 'b', roundRobinCursor: 'kept' });
    });

    it('breaks a tie by the longest since the last assignment, never assigned first', () => {
      const team = [
        staff('a', { openCases: 2, lastAssignedAt: since(5) }),
        staff('b', { openCases: 2, lastAssignedAt: since(3) }),
        staff('c', { openCases: 1, lastAssignedAt: since(9) }),
      ];
      expect(chosen(chooseAssignee(leastLoaded, billing, team))).toBe('c');
      const tied = team.map((s) => ({ ...s, openCases: 2 }));
      expect(chosen(chooseAssignee(leastLoaded, billing, tied))).toBe('b');
      expect(chosen(chooseAssignee(leastLoaded, billing, [...tied, staff('d', { openCases: 2 })]))).toBe('d');
    });

    it('breaks a full tie by id', () => {
      const team = [staff('m', { openCases: 1, lastAssignedAt: since(4) }), staff('k', { openCases: 1, lastAssignedAt: since(4) })];
      expect(chosen(chooseAssignee(leastLoaded, billing, team))).toBe('k');
      expect(chosen(chooseAssignee(leastLoaded, billing, [...team].reverse()))).toBe('k');
    });

    it('never picks someone at capacity, however light their load looks', () => {
      const team = [staff('a', { openCases: 1, capacity: 1 }), staff('b', { openCases: 8, capacity: 9 })];
      expect(chosen(chooseAssignee(leastLoaded, billing, team))).toBe('b');
    });
  });

  describe('eligibility', () => {
    it.each([
      ['a specialist in the category', { skills: ['billing', 'cards'] }, true],
      ['a generalist (no skills listed)', { skills: [] }, true],
      ['a specialist in other categories', { skills: ['cards'] }, false],
      ['someone who does not speak the customer’s language', { languages: ['en'] }, false],
      ['someone with no languages listed', { languages: [] }, false],
      ['someone one case below capacity', { openCases: 9, capacity: 10 }, true],
      ['someone at capacity', { openCases: 10, capacity: 10 }, false],
      ['someone over capacity', { openCases: 12, capacity: 10 }, false],
      ['someone with no capacity', { capacity: 0 }, false],
      ['someone inactive', { active: false }, false],
    ] as const)('%s: %s', (_name, overrides, eligible) => {
      const result = chooseAssignee(leastLoaded, billing, [staff('x', overrides)]);
      expect(result.ok).toBe(eligible);
    });

    it('lets any skill set take an uncategorised complaint', () => {
      expect(chooseAssignee(leastLoaded, { category: null, language: 'en' }, [staff('x', { skills: ['cards'] })]).ok).toBe(true);
    });

    it('says why each candidate was passed over when nobody fits', () => {
      const team = [
        staff('a', { skills: ['cards'], languages: ['en'] }),
        staff('b', { openCases: 3, capacity: 3 }),
        staff('c', { active: false, openCases: 4, capacity: 4 }),
      ];
      expect(chooseAssignee(roundRobin(null), billing, team)).toEqual({
        ok: false,
        reason: 'no_eligible_candidate',
        rejected: [
          { staffId: 'a', reasons: ['skill', 'language'] },
          { staffId: 'b', reasons: ['capacity'] },
          { staffId: 'c', reasons: ['inactive', 'capacity'] },
        ],
      });
    });

    it('reports an empty team the same way', () => {
      expect(chooseAssignee(roundRobin(null), billing, [])).toEqual({ ok: false, reason: 'no_eligible_candidate', rejected: [] });
    });
  });
});
