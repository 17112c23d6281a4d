import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '@redress/auth';
import { LANGUAGES } from '@redress/domain';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { AUTO_ASSIGN_MODES, AutoAssignMode } from './team.entity';

const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const STAFF_ID = /^[A-Za-z0-9._:@-]{1,64}$/;
const CATEGORY = /^[a-z0-9_.-]{1,64}$/;

export class CreateTeamDto {
  @ApiProperty({ example: 'CARDS-SH', description: 'Unique team code' })
  @Matches(CODE, { message: 'code must be 1-32 letters, digits, "_" or "-"' })
  code: string;

  @ApiProperty({ example: 'Cards complaints, Shanghai' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'sup-01', description: 'Staff id of the team supervisor (must have the supervisor role)' })
  @IsOptional() @Matches(STAFF_ID, { message: 'supervisorId must be a staff id' })
  supervisorId?: string;

  @ApiPropertyOptional({ example: 'mgr-01', description: 'Staff id of the responsible manager (must have the manager role)' })
  @IsOptional() @Matches(STAFF_ID, { message: 'managerId must be a staff id' })
  managerId?: string;

  @ApiPropertyOptional({ example: ['billing_dispute', 'fees_charges'], description: 'Categories the team handles; empty: any' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(100) @Matches(CATEGORY, { each: true, message: 'each category must be a lowercase code' })
  categories?: string[];

  @ApiPropertyOptional({ example: ['zh', 'en'], enum: LANGUAGES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(LANGUAGES, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ enum: AUTO_ASSIGN_MODES, default: 'off', description: 'How new complaints are assigned to the team\'s officers' })
  @IsOptional() @IsIn(AUTO_ASSIGN_MODES)
  autoAssign?: AutoAssignMode;
}

export class UpdateTeamDto extends PartialType(OmitType(CreateTeamDto, ['code'] as const)) {}

export class CreateStaffDto {
  @ApiProperty({ example: 'officer-117', description: 'The JWT sub this person signs in with' })
  @Matches(STAFF_ID, { message: 'id must be 1-64 letters, digits or . _ : @ -' })
  id: string;

  @ApiProperty({ example: '陈静' })
  @IsString() @MinLength(1) @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'chen.jing@bank.example' })
  @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: ['officer'] })
  @IsArray() @ArrayNotEmpty() @ArrayUnique() @IsIn(STAFF_ROLES, { each: true })
  roles: StaffRole[];

  @ApiPropertyOptional({ example: ['CARDS-SH'], description: 'Team codes this person works in' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(20) @Matches(CODE, { each: true, message: 'each team must be a team code' })
  teams?: string[];

  @ApiPropertyOptional({ example: ['billing_dispute'], description: 'Categories this person is skilled in; empty: generalist' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(100) @Matches(CATEGORY, { each: true, message: 'each skill must be a category code' })
  skills?: string[];

  @ApiPropertyOptional({ example: ['zh', 'en'], enum: LANGUAGES, isArray: true })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(LANGUAGES, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ example: 25, default: 20, description: 'Most open cases at once' })
  @IsOptional() @IsInt() @Min(0) @Max(1000)
  capacity?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional() @IsBoolean()
  active?: boolean;
}

export class UpdateStaffDto extends PartialType(OmitType(CreateStaffDto, ['id'] as const)) {}

export class TeamView {
  @ApiProperty({ example: 'CARDS-SH' }) code: string;
  @ApiProperty({ example: 'Cards complaints, Shanghai' }) name: string;
  @ApiProperty({ nullable: true, type: String }) supervisorId: string | null;
  @ApiProperty({ nullable: true, type: String }) managerId: string | null;
  @ApiProperty({ type: [String] }) categories: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ enum: AUTO_ASSIGN_MODES }) autoAssign: AutoAssignMode;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class StaffView {
  @ApiProperty({ example: 'officer-117' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: STAFF_ROLES, isArray: true }) roles: StaffRole[];
  @ApiProperty({ type: [String] }) teams: string[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ example: 20 }) capacity: number;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
