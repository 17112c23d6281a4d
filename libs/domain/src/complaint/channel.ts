export const CHANNELS = [
  'phone',
  'web',
  'mobile_app',
  'branch',
  'email',
  'letter',
  'social_media',
  'regulator_referral',
] as const;

export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const COMPLAINT_STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'resolved',
  'closed',
  'withdrawn',
  'reopened',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
