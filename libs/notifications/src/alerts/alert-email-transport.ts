/** What alert e-mail needs from a mail transport (the worker module binds the customer-letter Mailer). */
export interface AlertMailer {
  /** False without SMTP_URL: then no alert e-mail is planned or sent. */
  readonly enabled: boolean;
  /** Resolves once the SMTP server accepted the message; rejects when it refused or could not be reached. */
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export const ALERT_MAILER = Symbol('ALERT_MAILER');
