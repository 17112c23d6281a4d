import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal } from '@redress/auth';
import { AuditTrail, Complaint, ComplaintsService, lockComplaint } from '@redress/complaints';
import { Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import type { LetterKind } from '@redress/domain';
import { ValidationProblem } from '@redress/http';
import { randomUUID } from 'node:crypto';
import { EntityManager, Not, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Communication, type CommunicationChannel, type DeliveryState } from './communication.entity';
import { CommunicationView, LetterPreviewView, PreviewCommunicationDto, SendCommunicationDto } from './communications.dto';
import { renderComplaintLetter } from './complaint-letter';
import { LetterScheduleReader } from './letter-schedule';
import { Mailer } from './mailer';

/** The same minute of clock skew intake allows for receivedAt. */
const FUTURE_TOLERANCE_MS = 60_000;

/**
 * Letters and messages to the customer: rendered from the templates, recorded with who sent them
 * when and how, and noted on the complaint's timeline. E-mail is sent here when SMTP is set up.
 */
@Injectable()
export class CommunicationsService {
  private readonly logger = new Logger(CommunicationsService.name);

  constructor(
    @InjectRepository(Communication) private readonly communications: Repository<Communication>,
    private readonly complaints: ComplaintsService,
    private readonly audit: AuditTrail,
    private readonly transactions: Transactions,
    private readonly mailer: Mailer,
    private readonly schedules: LetterScheduleReader,
    private readonly clock: Clock,
  ) {}

  async preview(principal: Principal, id: string, dto: PreviewCommunicationDto): Promise<LetterPreviewView> {
    const complaint = await this.complaints.findVisible(principal, id);
    const now = this.clock.now();
    checkNewExpectedAt(dto, now);
    const schedule = await this.schedules.read(complaint, now);
    const { language, subject, body } = renderComplaintLetter(dto.template, complaint, schedule, dto, now);
    return { template: dto.template, language, subject, body };
  }

  /**
   * Records a communication and, for e-mail with SMTP configured, sends it first. The e-mail goes
   * out before the record is written so the record states what really happened; a refused e-mail
   * is kept with delivery "failed" (and a `communication.failed` timeline event) and the caller
   * may post again.
   */
  async record(principal: Principal, id: string, dto: SendCommunicationDto): Promise<CommunicationView> {
    const complaint = await this.complaints.findVisible(principal, id);
    const now = this.clock.now();
    const sending = dto.channel === 'email' && this.mailer.enabled;
    const sentAt = this.sentAt(dto, complaint, now, sending);
    checkNewExpectedAt(dto, sentAt);
    const letter = renderComplaintLetter(dto.template, complaint, await this.schedules.read(complaint, now), dto, sentAt);
    const recipient = recipientFor(dto.channel, complaint);
    const communication: Communication = Object.assign(new Communication(), {
      id: randomUUID(),
      complaintId: complaint.id,
      template: dto.template,
      language: letter.language,
      channel: dto.channel,
      recipient,
      subject: dto.subject ?? letter.subject,
      body: dto.body ?? letter.body,
      sentAt,
      sentBy: principal.id,
      delivery: 'recorded' as DeliveryState,
      deliveryError: null,
      createdAt: now,
    });
    if (sending && recipient) await this.sendEmail(communication, recipient);

    await this.transactions.run(async (manager) => {
      await lockComplaint(manager, complaint.id);
      await manager.insert(Communication, communication as QueryDeepPartialEntity<Communication>);
      await this.audit.append(manager, {
        complaintId: complaint.id,
        type: communication.delivery === 'failed' ? 'communication.failed' : 'communication.sent',
        actor: { kind: principal.kind, id: principal.id },
        at: now,
        details: {
          communicationId: communication.id,
          template: communication.template,
          channel: communication.channel,
          sentAt: sentAt.toISOString(),
          delivery: communication.delivery,
        },
      });
    });
    return toCommunicationView(communication);
  }

  async list(principal: Principal, id: string): Promise<CommunicationView[]> {
    const complaint = await this.complaints.findVisible(principal, id);
    const rows = await this.communications.find({ where: { complaintId: complaint.id }, order: { sentAt: 'DESC', createdAt: 'DESC' } });
    return rows.map(toCommunicationView);
  }

  /** When a letter of this kind last reached the customer (recorded or sent, not failed); null if never. */
  async lastSentAt(manager: EntityManager, complaintId: string, template: LetterKind): Promise<Date | null> {
    const latest = await manager.getRepository(Communication).findOne({
      select: { id: true, sentAt: true },
      where: { complaintId, template, delivery: Not('failed') },
      order: { sentAt: 'DESC' },
    });
    return latest ? new Date(latest.sentAt) : null;
  }

  private sentAt(dto: SendCommunicationDto, complaint: Complaint, now: Date, sending: boolean): Date {
    if (dto.sentAt === undefined) return now;
    const problem = (message: string) => new ValidationProblem([{ field: 'sentAt', messages: [message] }]);
    if (sending) throw problem('sentAt must be left out: this service sends the e-mail now');
    const sentAt = new Date(dto.sentAt);
    if (sentAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw problem('sentAt must not be in the future');
    if (sentAt < new Date(complaint.receivedAt)) throw problem('sentAt must not be before the complaint was received');
    return sentAt;
  }

  private async sendEmail(communication: Communication, to: string): Promise<void> {
    try {
      await this.mailer.send({ to, subject: communication.subject, text: communication.body });
      communication.delivery = 'sent';
    } catch (error) {
      communication.delivery = 'failed';
      communication.deliveryError = String((error as Error).message ?? error).slice(0, 500);
      // The SMTP reply can quote the address; only the code is logged.
      this.logger.warn({ communicationId: communication.id, code: (error as { code?: string }).code }, 'E-mail to the customer was not accepted');
    }
  }
}

function checkNewExpectedAt(dto: PreviewCommunicationDto, letterDate: Date): void {
  if (dto.newExpectedAt !== undefined && new Date(dto.newExpectedAt) <= letterDate) {
    throw new ValidationProblem([{ field: 'newExpectedAt', messages: ['newExpectedAt must be after the date of the letter'] }]);
  }
}

/** Where a message on this channel goes. E-mail cannot be sent, or recorded as sent, without an address. */
function recipientFor(channel: CommunicationChannel, complaint: Complaint): string | null {
  const customer = complaint.customer;
  switch (channel) {
    case 'email':
      if (!customer.email) {
        throw new ValidationProblem([{ field: 'channel', messages: ['channel email needs the customer’s e-mail address, and the complaint has none'] }]);
      }
      return customer.email;
    case 'letter':
      return customer.address ?? null;
    case 'phone':
    case 'sms':
      return customer.phone ?? null;
    case 'portal':
      return customer.id;
  }
}

export function toCommunicationView(c: Communication): CommunicationView {
  return {
    id: c.id,
    complaintId: c.complaintId,
    template: c.template,
    language: c.language,
    channel: c.channel,
    recipient: c.recipient,
    subject: c.subject,
    body: c.body,
    sentAt: new Date(c.sentAt).toISOString(),
    sentBy: c.sentBy,
    delivery: c.delivery,
    deliveryError: c.deliveryError,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
