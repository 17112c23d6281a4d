import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Complaint } from '@redress/complaints';
import { decodeClock, letterTimeZone, milestoneStatus, resolveMilestone, type StoredSlaClock } from '@redress/domain';
import { SlaConfigService } from '@redress/sla';
import { Repository } from 'typeorm';

/** The milestone whose deadline letters promise the customer: our answer to the complaint. */
const ANSWER_MILESTONE = 'final_response';

export interface LetterSchedule {
  /** When the customer was told to expect our answer; null when no deadline runs. */
  answerDueAt: Date | null;
  /** The zone the customer's dates are written in. */
  timeZone: string;
}

/**
 * Reads the dates a letter states from the complaint's SLA clock. `complaint.dueAt` is the
 * earliest running milestone, which before acknowledgement is the acknowledgement's own (one
 * business day under the FCA), so a letter promising an answer by then would be wrong: the
 * final_response milestone is used instead, with the zone of the calendar it is counted in.
 * Without a clock, or under a policy without that milestone, dueAt and the jurisdiction's zone.
 */
@Injectable()
export class LetterScheduleReader {
  constructor(
    @InjectRepository(Complaint) private readonly complaints: Repository<Complaint>,
    private readonly slaConfig: SlaConfigService,
  ) {}

  async read(complaint: Complaint, now: Date): Promise<LetterSchedule> {
    const fallback: LetterSchedule = { answerDueAt: complaint.dueAt && new Date(complaint.dueAt), timeZone: letterTimeZone(complaint.jurisdiction) };
    const row = await this.complaints.createQueryBuilder('c').select('c.id').addSelect('c.slaClock').where('c.id = :id', { id: complaint.id }).getOne();
    const stored = row?.slaClock as StoredSlaClock | null | undefined;
    if (!stored) return fallback;
    const state = decodeClock(stored, await this.slaConfig.calendar(stored.calendarId));
    const answer = resolveMilestone(state.policy, ANSWER_MILESTONE, state.variant) ? milestoneStatus(state, ANSWER_MILESTONE, now) : null;
    return { answerDueAt: answer?.dueAt ?? fallback.answerDueAt, timeZone: state.calendar.timeZone };
  }
}
