import { describeSmtpError, isPermanentSmtpError } from './alert-email-errors';

describe('SMTP errors', () => {
  it('records the code and reply code, never the message that may quote an address', () => {
    const refused = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <li@bank.example>"), {
      code: 'EENVELOPE',
      responseCode: 550,
    });
    expect(describeSmtpError(refused)).toBe('EENVELOPE 550');
    expect(describeSmtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toBe('ESOCKET');
    expect(describeSmtpError(new TypeError('boom'))).toBe('TypeError');
    expect(describeSmtpError('weird')).toBe('Error');
  });

  it('gives up at once on a 5xx reply and retries everything else', () => {
    expect(isPermanentSmtpError({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpError({ responseCode: 421 })).toBe(false);
    expect(isPermanentSmtpError({ code: 'ETIMEDOUT' })).toBe(false);
    expect(isPermanentSmtpError(undefined)).toBe(false);
  });
});
