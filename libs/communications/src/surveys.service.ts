import { ConflictException, GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditTrail, Complaint, lockComplaint } from '@redress/complaints';
import { APP_CONFIG, AppConfig, Clock } from '@redress/config';
import { Transactions } from '@redress/database';
import { hashSurveyToken, newSurveyToken, SURVEY_TOKEN_PATTERN, surveyQuestion } from '@redress/domain';
import { EntityManager, IsNull, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AnswerSurveyDto, SurveyAnswerView, SurveyQuestionView } from './surveys.dto';
import { Survey } from './survey.entity';

const DAY_MS = 24 * 3600 * 1000;

/** The token goes to the customer once; only its hash is kept, so it cannot be shown again. */
export interface SurveyInvitation {
  token: string;
  expiresAt: Date;
}

/**
 * The satisfaction survey sent when a complaint is closed. The link's token is the customer's
 * only credential: it works once, until it expires.
 */
@Injectable()
export class SurveysService {
  private readonly ttlMs: number;

  constructor(
    @InjectRepository(Survey) private readonly surveys: Repository<Survey>,
    @InjectRepository(Complaint) private readonly complaints: Repository<Complaint>,
    private readonly audit: AuditTrail,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.surveyTtlDays * DAY_MS;
  }

  /**
   * Creates the complaint's survey in the caller's transaction (which holds the complaint's row
   * lock). A complaint has one survey: calling again while it is unanswered replaces it with a
   * fresh token and expiry, and the old link stops working (a reopened complaint closed again
   * gets a new link). Once it has been answered the answer stands and this returns null.
   */
  async create(manager: EntityManager, complaint: { id: string }): Promise<SurveyInvitation | null> {
    const repository = manager.getRepository(Survey);
    const existing = await repository.findOneBy({ complaintId: complaint.id });
    if (existing?.answeredAt) return null;
    if (existing) await repository.delete({ tokenHash: existing.tokenHash });
    const now = this.clock.now();
    const token = newSurveyToken();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const survey: Survey = { tokenHash: hashSurveyToken(token), complaintId: complaint.id, createdAt: now, expiresAt, answeredAt: null, score: null, comment: null };
    await repository.insert(survey as QueryDeepPartialEntity<Survey>);
    return { token, expiresAt };
  }

  async question(token: string): Promise<SurveyQuestionView> {
    const survey = this.checkOpen(await this.find(this.surveys.manager, token), this.clock.now());
    const complaint = await this.complaints.findOneOrFail({ select: ['id', 'reference', 'customerLanguage'], where: { id: survey.complaintId } });
    return {
      reference: complaint.reference,
      language: complaint.customerLanguage,
      question: surveyQuestion(complaint.customerLanguage, complaint.reference),
      expiresAt: new Date(survey.expiresAt).toISOString(),
    };
  }

  /** Stores the answer and notes the score on the complaint's timeline; the comment stays in the survey. */
  async answer(token: string, dto: AnswerSurveyDto): Promise<SurveyAnswerView> {
    const { complaintId } = await this.find(this.surveys.manager, token);
    return this.transactions.run(async (manager) => {
      const complaint = await lockComplaint(manager, complaintId);
      if (!complaint) throw new NotFoundException('No survey for this link');
      // Read again under the lock: a concurrent answer, or a replacement, may have come first.
      const survey = await this.find(manager, token);
      const now = this.clock.now();
      this.checkOpen(survey, now);
      await manager.update(
        Survey,
        { tokenHash: survey.tokenHash, answeredAt: IsNull() },
        { answeredAt: now, score: dto.score, comment: dto.comment ?? null },
      );
      await this.audit.append(manager, {
        complaintId,
        type: 'survey.answered',
        actor: { kind: 'system', id: 'customer-survey' },
        at: now,
        details: { score: dto.score },
      });
      return { reference: complaint.reference, score: dto.score, answeredAt: now.toISOString() };
    });
  }

  private async find(manager: EntityManager, token: string): Promise<Survey> {
    const survey = SURVEY_TOKEN_PATTERN.test(token) ? await manager.findOneBy(Survey, { tokenHash: hashSurveyToken(token) }) : null;
    if (!survey) throw new NotFoundException('No survey for this link');
    return survey;
  }

  private checkOpen(survey: Survey, now: Date): Survey {
    if (survey.answeredAt) throw new ConflictException('This survey has already been answered');
    if (new Date(survey.expiresAt) <= now) throw new GoneException('This survey link has expired');
    return survey;
  }
}
