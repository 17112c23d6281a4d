import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Clock } from '@redress/config';
import { isUniqueViolation } from '@redress/database';
import { type BusinessCalendar, CalendarError, type HolidaySchedule, isCovered, validateHolidaySchedule } from '@redress/domain';
import { PROBLEM_TYPES, ProblemException, ValidationProblem } from '@redress/http';
import { Repository } from 'typeorm';
import { builtinReadOnly } from './builtin-read-only';
import { BUILTIN_CALENDARS } from './builtins';
import { type CalendarDefinition, scheduleCountry } from './calendar-definition';
import { CalendarDto, CalendarSummaryView, CalendarView, HolidayScheduleDto } from './calendar.dto';
import { CalendarRecord } from './calendar.entity';
import { HolidayScheduleRecord, toHolidaySchedule } from './holiday-schedule.entity';
import { calendarProblemFields, scheduleProblemFields } from './problem-fields';
import { SlaConfigService } from './sla-config.service';

interface CalendarEntry {
  readonly id: string;
  readonly name: string;
  readonly definition: CalendarDefinition;
  readonly record: CalendarRecord | null;
}

/**
 * Business calendars: the built-in ones, the bank's own, and the official holiday schedules an
 * admin loads each year. Reads go to the database, not SlaConfigService's cache, so an admin sees
 * a change made through another API process at once.
 */
@Injectable()
export class CalendarsService {
  constructor(
    @InjectRepository(CalendarRecord) private readonly records: Repository<CalendarRecord>,
    @InjectRepository(HolidayScheduleRecord) private readonly schedules: Repository<HolidayScheduleRecord>,
    private readonly slaConfig: SlaConfigService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<CalendarSummaryView[]> {
    const stored = await this.records.find({ order: { id: 'ASC' } });
    const schedules = await this.allSchedules();
    const entries = [...[...BUILTIN_CALENDARS.keys()].map((id) => builtinEntry(id)), ...stored.map(storedEntry)];
    return entries.map((entry) => summaryOf(entry, this.slaConfig.calendarFrom(entry.id, entry.definition, schedules)));
  }

  /** A calendar with its holidays and make-up working days in `year` (default: this year). */
  async get(id: string, year = this.clock.now().getUTCFullYear()): Promise<CalendarView> {
    const entry = await this.find(id);
    const schedules = await this.allSchedules();
    const calendar = this.slaConfig.calendarFrom(id, entry.definition, schedules);
    const country = scheduleCountry(entry.definition);
    const schedule = country ? await this.schedules.findOneBy({ country, year }) : null;
    const inYear = (dates: readonly string[]) => dates.filter((date) => date.startsWith(`${year}-`));
    return {
      ...summaryOf(entry, calendar),
      definition: entry.definition,
      year,
      week: calendar.week,
      makeUpDayHours: calendar.makeUpDayHours ?? null,
      holidays: inYear(calendar.holidays),
      workingDays: inYear(calendar.workingDays),
      closures: inYear(calendar.closures),
      complete: isCovered(calendar, `${year}-01-01`) && isCovered(calendar, `${year}-12-31`),
      schedule: schedule && { country: schedule.country, year: schedule.year, source: schedule.source, updatedAt: new Date(schedule.updatedAt).toISOString() },
    };
  }

  async create(dto: CalendarDto): Promise<CalendarView> {
    if (BUILTIN_CALENDARS.has(dto.id)) throw builtinReadOnly('calendar', dto.id);
    const definition = await this.validated(dto.id, dto);
    const now = this.clock.now();
    try {
      await this.records.insert({ id: dto.id, name: dto.name, definition, builtin: false, createdAt: now, updatedAt: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`Calendar ${dto.id} already exists`);
      throw error;
    }
    this.slaConfig.invalidate();
    return this.get(dto.id);
  }

  /**
   * Replaces a calendar of the bank's own. Running clocks and policies name calendars by id, so
   * their deadlines follow the new definition.
   */
  async replace(id: string, dto: CalendarDto): Promise<CalendarView> {
    if (BUILTIN_CALENDARS.has(id)) throw builtinReadOnly('calendar', id);
    if (dto.id !== id) throw new ValidationProblem([{ field: 'id', messages: [`id must be ${id}, the calendar named in the path`] }]);
    await this.find(id);
    const definition = await this.validated(id, dto);
    await this.records.update({ id }, { name: dto.name, definition, updatedAt: this.clock.now() });
    this.slaConfig.invalidate();
    return this.get(id);
  }

  /**
   * Loads a government's holiday arrangement for `year` into the calendar's country. It is the
   * country's, so every calendar of that country counts with it, and it replaces the library's
   * (or a previously loaded) data for that year.
   */
  async putSchedule(id: string, year: number, dto: HolidayScheduleDto): Promise<CalendarView> {
    const entry = await this.find(id);
    const country = scheduleCountry(entry.definition);
    if (!country) {
      throw new ProblemException(
        409,
        PROBLEM_TYPES.slaRule,
        'This calendar takes no official schedule',
        `Calendar ${id} lists its own holidays and working days; change it with PUT /v1/calendars/${id}`,
        { id },
      );
    }
    const schedule: HolidaySchedule = { country, year, holidays: [...dto.holidays].sort(), workingDays: [...dto.workingDays].sort(), source: dto.source };
    const problems = validateHolidaySchedule(schedule);
    if (problems.length > 0) throw new ValidationProblem(scheduleProblemFields(problems));
    await this.checkCountryCalendars(country, schedule);

    const now = this.clock.now();
    const changes = { holidays: schedule.holidays as string[], workingDays: schedule.workingDays as string[], source: schedule.source, updatedAt: now };
    const updated = await this.schedules.update({ country, year }, changes);
    if (!updated.affected) {
      try {
        await this.schedules.insert({ country, year, ...changes, createdAt: now });
      } catch (error) {
        // Another admin loaded the same year between the two statements: theirs is replaced.
        if (!isUniqueViolation(error)) throw error;
        await this.schedules.update({ country, year }, changes);
      }
    }
    this.slaConfig.invalidate();
    return this.get(id, year);
  }

  /** Every calendar of the country must still build with the new schedule (e.g. hours on make-up days). */
  private async checkCountryCalendars(country: string, schedule: HolidaySchedule): Promise<void> {
    const others = (await this.allSchedules()).filter((s) => !(s.country === country && s.year === schedule.year));
    const stored = (await this.records.find()).map(storedEntry);
    const entries = [...[...BUILTIN_CALENDARS.keys()].map((id) => builtinEntry(id)), ...stored];
    for (const entry of entries.filter((e) => scheduleCountry(e.definition) === country)) {
      try {
        this.slaConfig.calendarFrom(entry.id, entry.definition, [...others, schedule]);
      } catch (error) {
        if (!(error instanceof CalendarError)) throw error;
        throw new ValidationProblem([{ field: 'workingDays', messages: [`calendar ${entry.id} cannot count with this schedule: ${error.message}`] }]);
      }
    }
  }

  private async find(id: string): Promise<CalendarEntry> {
    if (BUILTIN_CALENDARS.has(id)) return builtinEntry(id);
    const record = await this.records.findOneBy({ id });
    if (!record) throw new NotFoundException(`No calendar ${id}`);
    return storedEntry(record);
  }

  private async allSchedules(): Promise<HolidaySchedule[]> {
    return (await this.schedules.find()).map(toHolidaySchedule);
  }

  /** The definition as plain data, after checking that it builds; every problem named at its field. */
  private async validated(id: string, dto: CalendarDto): Promise<CalendarDefinition> {
    // A JSON round trip leaves plain data: no DTO prototypes, no absent optional members.
    const raw = JSON.parse(JSON.stringify(dto.definition)) as CalendarDefinition;
    const definition: CalendarDefinition =
      raw.kind === 'custom' ? { ...raw, holidays: raw.holidays ?? [], workingDays: raw.workingDays ?? [], closures: raw.closures ?? [] } : raw;
    try {
      this.slaConfig.calendarFrom(id, definition, await this.allSchedules());
    } catch (error) {
      if (error instanceof CalendarError) throw new ValidationProblem(calendarProblemFields(error.message, 'definition'));
      throw error;
    }
    return definition;
  }
}

function builtinEntry(id: string): CalendarEntry {
  const builtin = BUILTIN_CALENDARS.get(id)!;
  return { id, name: builtin.name, definition: builtin.definition, record: null };
}

function storedEntry(record: CalendarRecord): CalendarEntry {
  return { id: record.id, name: record.name, definition: record.definition, record };
}

function summaryOf(entry: CalendarEntry, calendar: BusinessCalendar): CalendarSummaryView {
  return {
    id: entry.id,
    name: entry.name,
    builtin: entry.record === null,
    kind: entry.definition.kind,
    timeZone: calendar.timeZone,
    coverage: calendar.coverage ?? null,
    createdAt: entry.record && new Date(entry.record.createdAt).toISOString(),
    updatedAt: entry.record && new Date(entry.record.updatedAt).toISOString(),
  };
}
