export * from './letter-kinds';
export * from './letter-facts';
export * from './letter-format';
export * from './letter-time-zone';
export * from './regulator-referral';
export * from './render-letter';
export * from './survey';
