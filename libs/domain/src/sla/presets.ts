import type { EscalationLevel, SlaPolicy } from './policy';

/**
 * Regulators set deadlines, not internal escalation; this ladder is a starting point a bank
 * replaces with its own complaints policy: the supervisor at breach, the manager a day later,
 * the head of complaints after three days.
 */
const DEFAULT_ESCALATION: readonly EscalationLevel[] = [
  { level: 1, delayAfterBreach: 'PT0S', target: 'team_supervisor' },
  { level: 2, delayAfterBreach: 'P1D', target: 'manager' },
  { level: 3, delayAfterBreach: 'P3D', target: 'head_of_complaints' },
];

/**
 * China — 中国银保监会令2020年第3号《银行业保险业消费投诉处理管理办法》(in force 2020-03-01, still
 * applied by the NFRA, which took over the CBIRC in 2023), chapter 3 消费投诉处理:
 *  - decide and tell the complainant within 15 days of receipt (日 = calendar days); complex cases
 *    may be extended to 30 days; especially complex cases, with the approval of a senior manager of
 *    the higher-level branch or head office and notice to the complainant, by a further 30 days
 *    (60 in all); the complainant is told of every extension;
 *  - time needed for external appraisal, testing or assessment (鉴定、检测、评估) is not counted;
 *  - new facts and reasons from the complainant before the decision restart the period;
 *  - the complainant may ask for a review (核查) within 30 days of receiving the decision.
 * A period whose last day is a statutory holiday ends on the next working day (民法典 art. 203),
 * hence the roll-forward; a 调休 Saturday is a working day and does not roll.
 */
export const CN_NFRA_2020: SlaPolicy = {
  code: 'CN_NFRA_2020',
  name: '银行业保险业消费投诉处理管理办法',
  source: '中国银保监会令2020年第3号《银行业保险业消费投诉处理管理办法》',
  calendar: 'CN',
  milestones: [
    {
      key: 'final_response',
      description: '作出处理决定并告知投诉人 (decision communicated to the complainant)',
      duration: 'P15D',
      counting: 'calendar',
      rollForwardToWorkingDay: true,
    },
    {
      key: 'review_window',
      description: '投诉人可申请核查的期限 (the complainant may ask for a review)',
      duration: 'P30D',
      counting: 'calendar',
      rollForwardToWorkingDay: true,
      mandatory: false,
      startsAfter: 'final_response',
      warnAt: [],
    },
  ],
  extensions: [
    {
      milestone: 'final_response',
      steps: [{ upTo: 'P30D' }, { upTo: 'P60D', approverRoles: ['manager', 'head_of_complaints'] }],
      source: '情况复杂的可以延长至30日；情况特别复杂或者有其他特殊原因的，经上级机构或者总行、总公司高级管理人员审批并告知投诉人，可以再延长30日',
    },
  ],
  pauses: [
    {
      reason: 'external_appraisal',
      milestones: ['final_response'],
      source: '需要外部机构进行鉴定、检测、评估等的，相关期间不计入处理期限',
    },
  ],
  restarts: [
    {
      reason: 'new_facts',
      milestones: ['final_response'],
      source: '投诉人在处理决定作出前提出新的事实和理由的，处理期限自收到之日起重新计算',
    },
  ],
  escalation: DEFAULT_ESCALATION,
};

/**
 * United Kingdom — FCA Handbook DISP 1.5 and 1.6. "Business day" (FCA Glossary) excludes
 * weekends, Christmas Day, Good Friday and bank holidays, hence the England & Wales calendar.
 *  - DISP 1.6.1R: a prompt written acknowledgement; this preset reads "prompt" as by close of the
 *    next business day, the common industry standard, not a rule;
 *  - DISP 1.5: a complaint resolved by close of business on the third business day after receipt
 *    may be closed with a summary resolution communication; received after close or on a
 *    non-business day it counts as received the next business day. A window, not a duty;
 *  - DISP 1.6.2R: by the end of eight weeks after receipt, a final response, or a written response
 *    explaining why one cannot yet be given and referring to the Financial Ombudsman Service —
 *    either meets `final_response`.
 */
export const UK_FCA_DISP: SlaPolicy = {
  code: 'UK_FCA_DISP',
  name: 'FCA DISP complaint time limits',
  source: 'FCA Handbook DISP 1.5 (complaints resolved by close of the third business day) and DISP 1.6 (complaints time limit rules)',
  calendar: 'GB-ENG',
  milestones: [
    {
      key: 'acknowledge',
      description: 'prompt written acknowledgement stating the deadline',
      duration: 'P1D',
      counting: 'business_days',
    },
    {
      key: 'summary_resolution',
      description: 'resolved by close of the third business day: may close with a summary resolution communication',
      duration: 'P3D',
      counting: 'business_days',
      mandatory: false,
    },
    {
      key: 'final_response',
      description: 'final response, or holding response with Financial Ombudsman Service referral rights',
      duration: 'P8W',
      counting: 'calendar',
    },
  ],
  escalation: DEFAULT_ESCALATION,
};

/**
 * European Union — PSD2 (Directive (EU) 2015/2366) art. 101(2), as each member state transposed
 * it: a reply within 15 business days of receipt; in exceptional situations, for reasons beyond
 * the provider's control, a holding reply (the customer notice of the extension, giving the reasons
 * and the date of the final reply) and a final reply within 35 business days. A business day is a
 * day the provider is open, so `calendar` must name the member state's calendar; "DE" is only a
 * default.
 */
export const EU_PSD2: SlaPolicy = {
  code: 'EU_PSD2',
  name: 'PSD2 art. 101 payment services complaints',
  source: 'Directive (EU) 2015/2366 (PSD2), art. 101(2)',
  calendar: 'DE',
  milestones: [
    {
      key: 'final_response',
      description: 'reply on paper or another durable medium addressing every point raised',
      duration: 'P15D',
      counting: 'business_days',
    },
  ],
  extensions: [
    {
      milestone: 'final_response',
      steps: [{ upTo: 'P35D' }],
      source: 'art. 101(2) second subparagraph: holding reply, final reply within 35 business days',
    },
  ],
  escalation: DEFAULT_ESCALATION,
};

/**
 * United States — complaints the CFPB sends through its company portal: the company responds
 * within 15 calendar days; a response marked "in progress" (the customer notice of the extension,
 * due by day 15) must be followed by a final response within 60 calendar days. The CFPB counts
 * calendar days with no holiday roll-forward.
 */
export const US_CFPB: SlaPolicy = {
  code: 'US_CFPB',
  name: 'CFPB company portal response times',
  source: 'CFPB, "Learn how the complaint process works" (consumerfinance.gov/complaint/process): respond within 15 days; final response within 60 days',
  calendar: 'US',
  milestones: [
    {
      key: 'final_response',
      description: 'response to the consumer and the CFPB through the company portal',
      duration: 'P15D',
      counting: 'calendar',
    },
  ],
  extensions: [
    {
      milestone: 'final_response',
      steps: [{ upTo: 'P60D' }],
      source: 'an "in progress" portal response by day 15, then a final response within 60 days',
    },
  ],
  escalation: DEFAULT_ESCALATION,
};

/**
 * Australia — ASIC Regulatory Guide 271 Internal dispute resolution (applies to complaints
 * received from 5 October 2021): acknowledge within 24 hours or one business day; an IDR response
 * within 30 calendar days; 21 calendar days for complaints about default notices, hardship notices
 * or requests to postpone enforcement; 45 calendar days for superannuation trustees. Chosen as a
 * variant when the clock starts. Calendar: New South Wales.
 */
export const AU_ASIC_RG271: SlaPolicy = {
  code: 'AU_ASIC_RG271',
  name: 'ASIC RG 271 internal dispute resolution',
  source: 'ASIC Regulatory Guide 271 Internal dispute resolution (July 2020)',
  calendar: 'AU-NSW',
  milestones: [
    {
      key: 'acknowledge',
      description: 'acknowledge receipt within 24 hours or one business day',
      duration: 'P1D',
      counting: 'business_days',
    },
    {
      key: 'final_response',
      description: 'written IDR response',
      duration: 'P30D',
      counting: 'calendar',
    },
  ],
  variants: [
    {
      key: 'default_notice_or_hardship',
      description: 'complaints about a default notice, a hardship notice or a request to postpone enforcement',
      durations: { final_response: 'P21D' },
      source: 'RG 271: 21 calendar days',
    },
    {
      key: 'superannuation',
      description: 'complaints to a superannuation trustee',
      durations: { final_response: 'P45D' },
      source: 'RG 271: 45 calendar days',
    },
  ],
  escalation: DEFAULT_ESCALATION,
};

export const SLA_PRESETS: Readonly<Record<string, SlaPolicy>> = {
  CN_NFRA_2020,
  UK_FCA_DISP,
  EU_PSD2,
  US_CFPB,
  AU_ASIC_RG271,
};
