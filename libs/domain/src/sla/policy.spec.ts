import { parseDuration } from './duration';
import { Counting, DEFAULT_WARN_AT, durationProblem, resolveMilestone, SlaPolicy, validatePolicy } from './policy';
import { AU_ASIC_RG271, CN_NFRA_2020, SLA_PRESETS } from './presets';

const minimal: SlaPolicy = {
  code: 'MINIMAL',
  name: 'minimal',
  source: 'test',
  calendar: 'GB-ENG',
  milestones: [{ key: 'final_response', description: 'reply', duration: 'P8W', counting: 'calendar' }],
  escalation: [],
};

describe('presets', () => {
  it.each(Object.entries(SLA_PRESETS))('%s is a valid policy naming its source', (code, policy) => {
    expect(policy.code).toBe(code);
    expect(policy.source).not.toBe('');
    expect(validatePolicy(policy)).toEqual([]);
  });
});

describe('durationProblem', () => {
  it.each<[string, Counting, string | null]>([
    ['P8W', 'calendar', null],
    ['P1DT12H', 'calendar', null],
    ['P15D', 'business_days', null],
    ['P0D', 'business_days', null],
    ['PT4H30M', 'business_time', null],
    ['PT0S', 'business_time', null],
    ['P1W', 'business_days', '"P1W": business days are counted in whole days only (PnD)'],
    ['P1DT1H', 'business_days', '"P1DT1H": business days are counted in whole days only (PnD)'],
    ['P1D', 'business_time', '"P1D": working time is stated in hours, minutes and seconds (PTnH); a working "day" has no fixed length'],
    ['P1M', 'calendar', '"P1M": years and months have no fixed length; state the deadline in days or weeks (e.g. P30D, P8W)'],
  ])('%s in %s counting', (text, counting, problem) => {
    expect(durationProblem(text, counting)).toBe(problem);
  });
});

describe('resolveMilestone', () => {
  it('fills in the defaults', () => {
    expect(resolveMilestone(minimal, 'final_response', null)).toEqual({
      key: 'final_response',
      duration: parseDuration('P8W'),
      counting: 'calendar',
      rollForwardToWorkingDay: false,
      warnAt: DEFAULT_WARN_AT,
      mandatory: true,
      startsAfter: null,
    });
  });

  it('applies a variant’s allowance and keeps the others', () => {
    expect(resolveMilestone(AU_ASIC_RG271, 'final_response', 'superannuation')?.duration.iso).toBe('P45D');
    expect(resolveMilestone(AU_ASIC_RG271, 'acknowledge', 'superannuation')?.duration.iso).toBe('P1D');
    expect(resolveMilestone(AU_ASIC_RG271, 'final_response', null)?.duration.iso).toBe('P30D');
  });

  it('sorts warning fractions and knows following milestones', () => {
    const policy = { ...minimal, milestones: [{ ...minimal.milestones[0], warnAt: [0.9, 0.25] }] };
    expect(resolveMilestone(policy, 'final_response', null)?.warnAt).toEqual([0.25, 0.9]);
    expect(resolveMilestone(CN_NFRA_2020, 'review_window', null)).toMatchObject({ startsAfter: 'final_response', mandatory: false, warnAt: [] });
    expect(resolveMilestone(minimal, 'nope', null)).toBeUndefined();
  });
});

describe('validatePolicy', () => {
  it('accepts a minimal policy', () => {
    expect(validatePolicy(minimal)).toEqual([]);
  });

  it('reports milestone problems', () => {
    const policy: SlaPolicy = {
      ...minimal,
      calendar: ' ',
      milestones: [
        { key: 'a', description: '', duration: 'P1Y', counting: 'calendar' },
        { key: 'a', description: '', duration: 'P2D', counting: 'business_days', rollForwardToWorkingDay: true },
        { key: 'b', description: '', duration: 'PT1H', counting: 'business_time', warnAt: [0, 1], startsAfter: 'c' },
        { key: 'd', description: '', duration: 'P1D', counting: 'calendar', startsAfter: 'e' },
        { key: 'e', description: '', duration: 'P1D', counting: 'calendar', startsAfter: 'd' },
      ],
    };
    expect(validatePolicy(policy)).toEqual([
      'a policy must name its calendar',
      'duplicate milestone keys: a',
      'milestone a: "P1Y": years and months have no fixed length; state the deadline in days or weeks (e.g. P30D, P8W)',
      'milestone a: rollForwardToWorkingDay applies to calendar counting only',
      'milestone b: warnAt fractions must lie strictly between 0 and 1',
      'milestone b: starts after unknown milestone c',
      'milestone d: startsAfter forms a cycle',
      'milestone e: startsAfter forms a cycle',
    ]);
  });

  it('needs at least one milestone', () => {
    expect(validatePolicy({ ...minimal, milestones: [] })).toEqual(['a policy needs at least one milestone']);
  });

  it('reports escalation ladders that are out of order or empty', () => {
    const policy: SlaPolicy = {
      ...minimal,
      escalation: [
        { level: 1, delayAfterBreach: 'P2D', target: 'team_supervisor' },
        { level: 1, delayAfterBreach: 'P1D', target: 'manager' },
        { level: 3, delayAfterBreach: 'P1M', target: { staffIds: [] } },
      ],
    };
    expect(validatePolicy(policy)).toEqual([
      'escalation levels must increase',
      'escalation level 1 fires before level 1',
      'escalation level 3: "P1M": years and months have no fixed length; state the deadline in days or weeks (e.g. P30D, P8W)',
      'escalation level 3: an explicit target needs at least one staff id',
    ]);
  });

  it('reports extension, pause, restart and variant rules that do not fit', () => {
    const policy: SlaPolicy = {
      ...minimal,
      extensions: [
        { milestone: 'final_response', steps: [{ upTo: 'P4W' }, { upTo: 'P10W' }, { upTo: 'P9W' }, { upTo: 'P1Y' }], source: 't' },
        { milestone: 'ghost', steps: [{ upTo: 'P1D' }], source: 't' },
        { milestone: 'final_response', steps: [], source: 't' },
      ],
      pauses: [{ reason: 'x', milestones: ['ghost'], source: 't' }],
      restarts: [{ reason: 'y', milestones: ['final_response', 'spectre'], source: 't' }],
      variants: [
        { key: 'v', description: '', durations: { final_response: 'PT1.5H', ghost: 'P1D' }, source: 't' },
        { key: 'v', description: '', durations: {}, source: 't' },
      ],
    };
    expect(validatePolicy(policy)).toEqual([
      'extension of final_response: step P4W must be longer than what precedes it',
      'extension of final_response: step P9W must be longer than what precedes it',
      'extension of final_response: "P1Y": years and months have no fixed length; state the deadline in days or weeks (e.g. P30D, P8W)',
      'extension rule for unknown milestone ghost',
      'extension rule for final_response has no steps',
      'pause reason x: unknown milestones ghost',
      'restart reason y: unknown milestones spectre',
      'duplicate variant keys',
      'variant v: "PT1.5H": only the seconds may carry a fraction (e.g. PT1.5S)',
      'variant v: unknown milestone ghost',
    ]);
  });
});
