import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNELS,
  EARLIEST_YEAR,
  LATEST_YEAR,
  parseTimestampText,
  type Channel,
  type ClockRule,
  type Counting,
  type EscalationLevel,
  type EscalationTarget,
  type ExtensionRule,
  type ExtensionStep,
  type MilestoneRule,
  type PolicyCriteria,
  type PolicyVariant,
  PRIORITY_LEVELS,
  type PriorityLevel,
} from '@redress/domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';

/*
 * These classes check the shape of a policy. What it means (durations, counting, warning
 * fractions, ladder order, references between milestones) is checked by the domain's
 * validatePolicy, so the two can never disagree about a rule.
 */

const POLICY_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY = /^[a-z0-9_]{1,64}$/;
const KEY_MESSAGE = 'must be 1-64 lowercase letters, digits or "_"';
const CATEGORY = /^[a-z0-9_.-]{1,64}$/;
const COUNTINGS: readonly Counting[] = ['calendar', 'business_days', 'business_time'];
const STAFF_ROLE_TARGETS = ['team_supervisor', 'manager', 'head_of_complaints'] as const;
const TARGETS = ['assignee', ...STAFF_ROLE_TARGETS] as const;
const STAFF_ID = /^[A-Za-z0-9._:@-]{1,64}$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function custom(name: string, message: string, validate: (value: unknown) => boolean): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({ name, target: target.constructor, propertyName: propertyName as string, options: { message }, validator: { validate } });
}

/** "assignee", a role, or { staffIds: [...] } naming people explicitly. */
const IsEscalationTarget = () =>
  custom(
    'isEscalationTarget',
    `$property must be one of ${TARGETS.join(', ')}, or { "staffIds": [staff ids] }`,
    (value) =>
      (typeof value === 'string' && (TARGETS as readonly string[]).includes(value)) ||
      (isPlainObject(value) &&
        Object.keys(value).length === 1 &&
        Array.isArray(value.staffIds) &&
        value.staffIds.length <= 20 &&
        value.staffIds.every((id) => typeof id === 'string' && STAFF_ID.test(id))),
  );

/** Milestone key → ISO 8601 duration. */
const IsDurationMap = () =>
  custom(
    'isDurationMap',
    '$property must map milestone keys to ISO 8601 durations, e.g. { "final_response": "P21D" }',
    (value) =>
      isPlainObject(value) &&
      Object.keys(value).length <= 20 &&
      Object.entries(value).every(([key, duration]) => KEY.test(key) && typeof duration === 'string' && duration.length <= 32),
  );

export class MilestoneRuleDto implements MilestoneRule {
  @ApiProperty({ example: 'final_response' })
  @Matches(KEY, { message: `key ${KEY_MESSAGE}` })
  key: string;

  @ApiProperty({ example: 'decision communicated to the complainant' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  description: string;

  @ApiProperty({ example: 'P15D', description: 'ISO 8601: weeks and days (P15D, P8W) or hours, minutes, seconds (PT4H); no years or months' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  duration: string;

  @ApiProperty({ enum: COUNTINGS, example: 'calendar', description: 'business_days takes whole days only; business_time hours, minutes and seconds only' })
  @IsIn(COUNTINGS)
  counting: Counting;

  @ApiPropertyOptional({ description: 'Calendar counting only: a due date on a non-working day moves to close of business on the next working day' })
  @IsOptional() @IsBoolean()
  rollForwardToWorkingDay?: boolean;

  @ApiPropertyOptional({ type: [Number], example: [0.5, 0.75], description: 'Fractions of the allowance at which to warn, each strictly between 0 and 1' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  warnAt?: number[];

  @ApiPropertyOptional({ default: true, description: 'False for a window rather than an obligation: missing it is no breach' })
  @IsOptional() @IsBoolean()
  mandatory?: boolean;

  @ApiPropertyOptional({ example: 'final_response', description: 'Starts when that milestone is met instead of at receipt' })
  @IsOptional() @Matches(KEY, { message: `startsAfter ${KEY_MESSAGE}` })
  startsAfter?: string;
}

export class EscalationLevelDto implements EscalationLevel {
  @ApiProperty({ example: 1 })
  @IsInt() @Min(1) @Max(20)
  level: number;

  @ApiProperty({ example: 'P1D', description: 'ISO 8601, after the breached due instant, on the calendar’s wall clock' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  delayAfterBreach: string;

  @ApiProperty({
    oneOf: [
      { type: 'string', enum: [...TARGETS] },
      { type: 'object', properties: { staffIds: { type: 'array', items: { type: 'string' } } }, required: ['staffIds'] },
    ],
    example: 'team_supervisor',
  })
  @IsEscalationTarget()
  target: EscalationTarget;
}

export class ExtensionStepDto implements ExtensionStep {
  @ApiProperty({ example: 'P30D', description: 'The longest total allowance this step grants' })
  @IsString() @IsNotEmpty() @MaxLength(32)
  upTo: string;

  @ApiPropertyOptional({ enum: STAFF_ROLE_TARGETS, isArray: true, example: ['manager'] })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(STAFF_ROLE_TARGETS, { each: true })
  approverRoles?: (typeof STAFF_ROLE_TARGETS)[number][];
}

export class ExtensionRuleDto implements ExtensionRule {
  @ApiProperty({ example: 'final_response' })
  @Matches(KEY, { message: `milestone ${KEY_MESSAGE}` })
  milestone: string;

  @ApiProperty({ type: [ExtensionStepDto] })
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ExtensionStepDto)
  steps: ExtensionStepDto[];

  @ApiProperty({ example: 'Internal standard SS-14 §4' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;
}

export class ClockRuleDto implements ClockRule {
  @ApiProperty({ example: 'awaiting_customer' })
  @Matches(KEY, { message: `reason ${KEY_MESSAGE}` })
  reason: string;

  @ApiProperty({ type: [String], example: ['final_response'] })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(20) @Matches(KEY, { each: true, message: `each milestone ${KEY_MESSAGE}` })
  milestones: string[];

  @ApiProperty({ example: 'Internal standard SS-14 §3' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;
}

export class PolicyVariantDto implements PolicyVariant {
  @ApiProperty({ example: 'hardship' })
  @Matches(KEY, { message: `key ${KEY_MESSAGE}` })
  key: string;

  @ApiProperty({ example: 'complaints about a hardship notice' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  description: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { final_response: 'P21D' } })
  @IsDurationMap()
  durations: Record<string, string>;

  @ApiProperty({ example: 'RG 271: 21 calendar days' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;
}

/** Which complaints a policy is for: every stated criterion must hold; the most specific policy wins. */
export class PolicyCriteriaDto implements PolicyCriteria {
  @ApiPropertyOptional({ type: [String], example: ['CN'], description: 'ISO 3166 alpha-2 codes' })
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(250)
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each jurisdiction must be an ISO 3166 code such as CN or GB' })
  jurisdictions?: string[];

  @ApiPropertyOptional({ enum: CHANNELS, isArray: true, example: ['phone', 'branch'] })
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(CHANNELS, { each: true })
  channels?: Channel[];

  @ApiPropertyOptional({ type: [String], example: ['credit_card'] })
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayUnique() @ArrayMaxSize(100)
  @Matches(CATEGORY, { each: true, message: 'each category must be a lowercase code (a-z, 0-9, _ . -)' })
  categories?: string[];

  @ApiPropertyOptional({ enum: PRIORITY_LEVELS, isArray: true, example: ['high', 'urgent'] })
  @IsOptional() @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(PRIORITY_LEVELS, { each: true })
  priorities?: PriorityLevel[];

  @ApiPropertyOptional({ example: true })
  @IsOptional() @IsBoolean()
  vulnerable?: boolean;
}

/** A bank's own SLA policy: the shape of SlaPolicy (libs/domain/src/sla/policy.ts) plus its match criteria. */
export class SlaPolicyDto {
  @ApiProperty({ example: 'BANK_CARDS_FAST', description: 'Unique; the presets’ codes are taken' })
  @Matches(POLICY_CODE, { message: 'code must be 1-64 letters, digits, "_", "." or "-"' })
  code: string;

  @ApiProperty({ example: 'Cards: answer within 5 business days' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Internal service standard SS-14' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;

  @ApiProperty({ example: 'CN', description: 'Id of a calendar (GET /v1/calendars), e.g. CN, GB-ENG, DE, US, AU-NSW, UTC-24x7' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  calendar: string;

  @ApiProperty({
    type: [MilestoneRuleDto],
    example: [
      { key: 'acknowledge', description: 'acknowledgement', duration: 'P1D', counting: 'business_days' },
      { key: 'final_response', description: 'decision', duration: 'P5D', counting: 'business_days', warnAt: [0.6, 0.8] },
    ],
  })
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MilestoneRuleDto)
  milestones: MilestoneRuleDto[];

  @ApiProperty({
    type: [EscalationLevelDto],
    example: [
      { level: 1, delayAfterBreach: 'PT0S', target: 'team_supervisor' },
      { level: 2, delayAfterBreach: 'P1D', target: 'manager' },
    ],
  })
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => EscalationLevelDto)
  escalation: EscalationLevelDto[];

  @ApiPropertyOptional({ type: [ExtensionRuleDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ExtensionRuleDto)
  extensions?: ExtensionRuleDto[];

  @ApiPropertyOptional({ type: [ClockRuleDto], example: [{ reason: 'awaiting_customer', milestones: ['final_response'], source: 'SS-14 §3' }] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ClockRuleDto)
  pauses?: ClockRuleDto[];

  @ApiPropertyOptional({ type: [ClockRuleDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ClockRuleDto)
  restarts?: ClockRuleDto[];

  @ApiPropertyOptional({ type: [PolicyVariantDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PolicyVariantDto)
  variants?: PolicyVariantDto[];

  @ApiProperty({
    type: PolicyCriteriaDto,
    example: { jurisdictions: ['CN'], categories: ['credit_card'] },
    description:
      'Which complaints it is for. The policy stating the most criteria that all hold wins; on a tie the bank’s own policy beats a preset, then the lower code. {} matches every complaint no more specific policy takes',
  })
  @IsObject() @ValidateNested() @Type(() => PolicyCriteriaDto)
  match: PolicyCriteriaDto;
}

export class SlaPolicyView extends SlaPolicyDto {
  @ApiProperty({ description: 'A regulator’s preset, read-only' }) builtin: boolean;
  @ApiProperty({ description: 'False once deleted; complaints already under it keep it' }) active: boolean;
  @ApiProperty({ example: 1, description: 'Counts changes; presets stay at 1' }) version: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) createdAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) updatedAt: string | null;
}

/** An instant that states its offset (a deadline computed from a zone-less time could be hours off) and exists (no 30 February). */
const IsInstant = () =>
  custom(
    'isInstant',
    `$property must be an ISO 8601 date-time with a time zone, on a real date from ${EARLIEST_YEAR} to ${LATEST_YEAR}, e.g. 2026-09-30T15:00:00+08:00`,
    (value) => parseTimestampText(value) !== undefined,
  );

export class PreviewQueryDto {
  @ApiProperty({
    example: '2026-09-30T15:00:00+08:00',
    description: 'When the hypothetical complaint is received: ISO 8601 with a time zone, past or future. Encode "+" as %2B (an unencoded one, read as a space, is accepted too)',
  })
  // A "+" left unencoded in a query string arrives as a space.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value))
  @IsInstant()
  receivedAt: string;

  @ApiPropertyOptional({ example: 'superannuation', description: 'A variant of the policy (e.g. AU_ASIC_RG271 superannuation)' })
  @IsOptional() @Matches(KEY, { message: `variant ${KEY_MESSAGE}` })
  variant?: string;
}

export class EscalationPreviewView {
  @ApiProperty({ example: 2 }) level: number;
  @ApiProperty({ example: 'manager', oneOf: [{ type: 'string' }, { type: 'object' }] }) target: EscalationTarget;
  @ApiProperty({ format: 'date-time', example: '2026-02-25T09:30:00.000Z', description: 'When the level is reached if the milestone is still unmet' })
  at: string;
}

export class MilestonePreviewView {
  @ApiProperty({ example: 'final_response' }) key: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: COUNTINGS }) counting: Counting;
  @ApiProperty() mandatory: boolean;
  @ApiProperty({ nullable: true, type: String, example: null }) startsAfter: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-02-24T09:30:00.000Z', description: 'Null when the milestone starts after another one' })
  dueAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-02-24T17:30:00.000+08:00', description: 'dueAt on the calendar’s wall clock, for telling the customer' })
  dueAtLocal: string | null;
  @ApiProperty({ type: [String], format: 'date-time' }) warnAt: string[];
  @ApiProperty({ description: 'The date depends on holidays not yet published (e.g. next year’s State Council schedule) and may move' })
  provisional: boolean;
  @ApiProperty({ type: [EscalationPreviewView], description: 'Mandatory milestones only' }) escalation: EscalationPreviewView[];
}

export class PolicyPreviewView {
  @ApiProperty({ example: 'CN_NFRA_2020' }) policy: string;
  @ApiProperty({ example: 'CN' }) calendar: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ nullable: true, type: String }) variant: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-02-01T02:00:00.000Z' }) receivedAt: string;
  @ApiProperty({ type: [MilestonePreviewView] }) milestones: MilestonePreviewView[];
}
