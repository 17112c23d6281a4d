import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { CalendarDto, CalendarQueryDto, CalendarSummaryView, CalendarView, HolidayScheduleDto, ScheduleParamsDto } from './calendar.dto';
import { CalendarsService } from './calendars.service';

@ApiTags('sla')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller('v1/calendars')
export class CalendarsController {
  constructor(private readonly calendars: CalendarsService) {}

  @Get()
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'Calendars policies may count in: the built-in ones (CN, GB-ENG, DE, US, AU-NSW, UTC-24x7), then the bank’s own' })
  @ApiOkResponse({ type: [CalendarSummaryView] })
  list(): Promise<CalendarSummaryView[]> {
    return this.calendars.list();
  }

  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiOperation({ summary: 'One calendar: time zone, working week, and the holidays and make-up working days of a year' })
  @ApiOkResponse({ type: CalendarView })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  get(@Param('id') id: string, @Query() query: CalendarQueryDto): Promise<CalendarView> {
    return this.calendars.get(id, query.year);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a calendar: a country’s (optionally a region, own hours and closures) or one listing every date' })
  @ApiCreatedResponse({ type: CalendarView })
  @ApiBadRequestResponse({ type: ProblemDocument, description: 'Every problem, each at its field (e.g. definition.timeZone, definition.week.6)' })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The id is taken, or is a built-in calendar’s' })
  create(@Body() dto: CalendarDto): Promise<CalendarView> {
    return this.calendars.create(dto);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace a calendar of the bank’s own; running clocks counting in it follow the change' })
  @ApiOkResponse({ type: CalendarView })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'Built-in calendars are read-only' })
  replace(@Param('id') id: string, @Body() dto: CalendarDto): Promise<CalendarView> {
    return this.calendars.replace(id, dto);
  }

  @Put(':id/schedules/:year')
  @Roles('admin')
  @ApiOperation({
    summary: 'Load a year’s official holiday schedule (e.g. the State Council’s 放假安排 with its 调休 make-up working days)',
    description:
      'The schedule belongs to the calendar’s country: every calendar of that country, built in or the bank’s own, counts with it, and running clocks pick it up. It replaces the library data (or an earlier schedule) for that year.',
  })
  @ApiOkResponse({ type: CalendarView, description: 'The calendar, showing that year' })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiNotFoundResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The calendar lists its own dates and takes no official schedule' })
  putSchedule(@Param() params: ScheduleParamsDto, @Body() dto: HolidayScheduleDto): Promise<CalendarView> {
    return this.calendars.putSchedule(params.id, params.year, dto);
  }
}
