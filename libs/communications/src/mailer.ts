import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@redress/config';
import { createTransport, type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * E-mail through the SMTP server in SMTP_URL, from MAIL_FROM. Without SMTP_URL nothing is sent:
 * `enabled` is false and send() does nothing, so callers record the message and staff send it
 * another way. Timeouts are short because callers wait for the answer inside an HTTP request.
 */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter | null;
  private readonly from: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const url = config.notifications.smtpUrl;
    this.transport = url ? createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) : null;
    this.from = config.notifications.mailFrom;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Resolves once the SMTP server accepted the message; rejects when it refused or could not be reached. */
  async send(message: MailMessage): Promise<void> {
    if (!this.transport) return;
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
