import { randomUUID } from 'node:crypto';

/** A valid intake body for each channel: the minimum an integrator must send, with realistic values. */
export const CHANNEL_DETAILS = {
  phone: { phone: { callId: 'CALL-20261128-0042', agentId: 'agent-117' } },
  web: { web: { submissionId: 'WF-88412', authenticated: true } },
  mobile_app: { mobileApp: { platform: 'android', appVersion: '7.4.1' } },
  branch: { branch: { branchCode: 'SH-PD-012', takenBy: 'staff-2291' } },
  email: { email: { senderAddress: 'li.na@example.com', messageId: '<CAF=42x@mail.example.com>' } },
  letter: { letter: { letterDate: '2026-11-20', scannedDocumentRef: 'DMS-2026-11-000731' } },
  social_media: { socialMedia: { platform: 'weibo', handle: '@lina', postUrl: 'https://weibo.com/123/456' } },
  regulator_referral: {
    regulatorReferral: { regulator: 'NFRA', regulatorReference: 'NFRA-SH-2026-10441', forwardedAt: '2026-11-27T16:00:00+08:00' },
  },
} as const;

export type TestChannel = keyof typeof CHANNEL_DETAILS;

export function complaintBody(channel: TestChannel = 'phone', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel,
    customer: { id: `C-${randomUUID().slice(0, 8)}`, name: '李娜', email: 'li.na@example.com', preferredLanguage: 'zh' },
    description: '信用卡同一笔消费被重复扣款两次，联系客服后仍未退回。',
    product: 'credit_card',
    ...CHANNEL_DETAILS[channel],
    ...overrides,
  };
}
