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

