import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CalendarCoverage, WeekHours, WorkingHours } from '@redress/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import type { CalendarDefinition } from './calendar-definition';

/*
 * Shape only: time zones, hours and dates are checked by the domain's validateCalendar (and, for
 * a country, by calendarFromCountry), which name every problem.
 */

export const CALENDAR_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const KINDS = ['country', 'custom'] as const;
type Kind = (typeof KINDS)[number];
const MIN_YEAR = 1970;
const MAX_YEAR = 2200;

/**
 * A property of one kind of calendar: validated when `kind` is that kind (and required if
 * `required`), refused for the other kind so a misplaced field is not silently ignored.
 */
function ForKind(kind: Kind, required: boolean): PropertyDecorator {
  const decorators: PropertyDecorator[] = [
    ValidateIf((object: { kind?: unknown }, value: unknown) => (object.kind === kind && required) || value !== undefined),
    IsDefined({ message: `$property is required when kind is ${kind}` }),
    (target, propertyName) =>
      registerDecorator({
        name: 'belongsToKind',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property is only allowed when kind is ${kind}` },
        validator: { validate: (_value: unknown, args: ValidationArguments) => (args.object as { kind?: unknown }).kind === kind },
      }),
  ];
  return (target, propertyName) => decorators.forEach((d) => d(target, propertyName));
}

const dateList = (description: string, example: string[]) =>
  ApiPropertyOptional({ type: [String], format: 'date', example, description });

export class WorkingHoursDto implements WorkingHours {
  @ApiProperty({ example: '09:00' })
  @IsString() @MaxLength(5)
  open: string;

  @ApiProperty({ example: '17:30', description: 'May be "24:00"' })
  @IsString() @MaxLength(5)
  close: string;
}

/** Hours per ISO weekday, 1 = Monday … 7 = Sunday; a weekday left out is not a working day. */
export class WeekHoursDto {
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '1'?: WorkingHoursDto;
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '2'?: WorkingHoursDto;
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '3'?: WorkingHoursDto;
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '4'?: WorkingHoursDto;
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '5'?: WorkingHoursDto;
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '6'?: WorkingHoursDto;
  @ApiPropertyOptional({ type: WorkingHoursDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto) '7'?: WorkingHoursDto;
}

export class CoverageDto implements CalendarCoverage {
  @ApiProperty({ example: '2026-01-01' }) @IsString() @MaxLength(10) from: string;
  @ApiProperty({ example: '2027-12-31' }) @IsString() @MaxLength(10) to: string;
}

export class CalendarDefinitionDto {
  @ApiProperty({
    enum: KINDS,
    example: 'country',
    description: 'country: holidays from date-holidays and official schedules; custom: every date stated here',
  })
  @IsIn(KINDS)
  kind: Kind;

  @ApiPropertyOptional({ example: 'CN', description: 'kind country: ISO 3166 alpha-2' })
  @ForKind('country', true) @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 code such as CN or GB' })
  country?: string;

  @ApiPropertyOptional({ example: 'SCT', description: 'kind country: a date-holidays region (GB: ENG, SCT, NIR; AU: NSW, VIC…; DE: HE, BY…)' })
  @ForKind('country', false) @Matches(/^[A-Z0-9]{1,4}$/, { message: 'subdivision must be a region code such as SCT or NSW' })
  subdivision?: string;

  @ApiPropertyOptional({ type: [Number], example: [2026, 2027], description: 'kind country: years to load; default the year before to two years after the current one' })
  @ForKind('country', false) @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(20)
  @IsInt({ each: true }) @Min(MIN_YEAR, { each: true }) @Max(MAX_YEAR, { each: true })
  years?: number[];

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA zone; required for custom, for country the country’s own by default' })
  @ValidateIf((object: { kind?: unknown }, value: unknown) => object.kind === 'custom' || value !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({
    type: WeekHoursDto,
    example: { 1: { open: '09:00', close: '17:30' }, 2: { open: '09:00', close: '17:30' }, 3: { open: '09:00', close: '17:30' }, 4: { open: '09:00', close: '17:30' }, 5: { open: '09:00', close: '17:30' }, 6: { open: '09:00', close: '12:00' } },
    description: 'Required for custom; for country Monday–Friday 09:00–17:30 by default',
  })
  @ValidateIf((object: { kind?: unknown }, value: unknown) => object.kind === 'custom' || value !== undefined)
  @IsObject() @ValidateNested() @Type(() => WeekHoursDto)
  week?: WeekHoursDto;

  @dateList('kind custom: closed days', ['2026-12-25'])
  @ForKind('custom', false) @IsArray() @ArrayMaxSize(2000) @IsString({ each: true })
  holidays?: string[];

  @dateList('kind custom: make-up working days on a weekend or holiday', ['2026-02-14'])
  @ForKind('custom', false) @IsArray() @ArrayMaxSize(2000) @IsString({ each: true })
  workingDays?: string[];

  @dateList('The bank’s own closed days (system cut-over, local disruption)', ['2026-11-30'])
  @IsOptional() @IsArray() @ArrayMaxSize(2000) @IsString({ each: true })
  closures?: string[];

  @ApiPropertyOptional({ type: WorkingHoursDto, description: 'Hours on make-up working days; Monday’s by default' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => WorkingHoursDto)
  makeUpDayHours?: WorkingHoursDto;

  @ApiPropertyOptional({ type: CoverageDto, description: 'kind custom: dates the holiday lists are complete for; deadlines outside are provisional' })
  @ForKind('custom', false) @IsObject() @ValidateNested() @Type(() => CoverageDto)
  coverage?: CoverageDto;
}

export class CalendarDto {
  @ApiProperty({ example: 'CN-SH-BRANCHES', description: 'Unique; policies name calendars by id. Built-in ids are taken' })
  @Matches(CALENDAR_ID, { message: 'id must be 1-64 letters, digits, "_", "." or "-"' })
  id: string;

  @ApiProperty({ example: 'Shanghai branches: open Saturday mornings' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ type: CalendarDefinitionDto })
  @IsObject() @ValidateNested() @Type(() => CalendarDefinitionDto)
  definition: CalendarDefinitionDto;
}

export class HolidayScheduleDto {
  @ApiProperty({
    type: [String],
    format: 'date',
    example: ['2027-02-06', '2027-02-07', '2027-02-08'],
    description: 'Every non-working day, weekend days inside a holiday block included',
  })
  @IsArray() @ArrayMaxSize(400) @IsString({ each: true })
  holidays: string[];

  @ApiProperty({ type: [String], format: 'date', example: ['2027-02-20'], description: 'Make-up working days (调休) on a weekend' })
  @IsArray() @ArrayMaxSize(400) @IsString({ each: true })
  workingDays: string[];

  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知', description: 'The notice the dates were copied from' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;
}

export class ScheduleParamsDto {
  @ApiProperty({ example: 'CN' })
  @Matches(CALENDAR_ID, { message: 'id must be a calendar id' })
  id: string;

  @ApiProperty({ example: 2027 })
  @Type(() => Number) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR)
  year: number;
}

export class CalendarQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'The year whose holidays and working days to show; default the current year' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR)
  year?: number;
}

export class CalendarSummaryView {
  @ApiProperty({ example: 'CN' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Defined in code, read-only' }) builtin: boolean;
  @ApiProperty({ enum: KINDS }) kind: Kind;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ type: CoverageDto, nullable: true, description: 'Dates with complete holiday data; null: needs none' }) coverage: CalendarCoverage | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) createdAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt: string | null;
}

export class ScheduleView {
  @ApiProperty({ example: 'CN' }) country: string;
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty() source: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CalendarView extends CalendarSummaryView {
  @ApiProperty({ type: CalendarDefinitionDto, description: 'What the calendar is built from' }) definition: CalendarDefinition;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: WeekHoursDto }) week: WeekHours;
  @ApiProperty({ type: WorkingHoursDto, nullable: true }) makeUpDayHours: WorkingHours | null;
  @ApiProperty({ type: [String], format: 'date', description: 'Non-working days in the year' }) holidays: string[];
  @ApiProperty({ type: [String], format: 'date', example: ['2026-01-04', '2026-02-14'], description: 'Make-up working days in the year' }) workingDays: string[];
  @ApiProperty({ type: [String], format: 'date' }) closures: string[];
  @ApiProperty({ description: 'False when the year’s holiday data is incomplete (e.g. no official schedule loaded yet): deadlines in it are provisional' })
  complete: boolean;
  @ApiProperty({ type: ScheduleView, nullable: true, description: 'The official schedule an admin loaded for this country and year' })
  schedule: ScheduleView | null;
}
