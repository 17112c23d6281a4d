import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Roles } from '@redress/auth';
import { ProblemDocument } from '@redress/http';
import { CreateStaffDto, CreateTeamDto, StaffView, TeamView, UpdateStaffDto, UpdateTeamDto } from './organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller('v1/teams')
export class TeamsController {
  constructor(private readonly organisation: OrganisationService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamView })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The code is taken' })
  create(@Body() dto: CreateTeamDto): Promise<TeamView> {
    return this.organisation.createTeam(dto);
  }

  @Get()
  @Roles('admin', 'manager', 'supervisor')
  @ApiOperation({ summary: 'All teams' })
  @ApiOkResponse({ type: [TeamView] })
  list(): Promise<TeamView[]> {
    return this.organisation.listTeams();
  }

  @Get(':code')
  @Roles('admin', 'manager', 'supervisor')
  @ApiOperation({ summary: 'One team' })
  @ApiOkResponse({ type: TeamView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  get(@Param('code') code: string): Promise<TeamView> {
    return this.organisation.getTeam(code);
  }

  @Patch(':code')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change a team (name, leads, categories, languages, auto-assignment)' })
  @ApiOkResponse({ type: TeamView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  update(@Param('code') code: string, @Body() dto: UpdateTeamDto): Promise<TeamView> {
    return this.organisation.updateTeam(code, dto);
  }
}

@ApiTags('organisation')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDocument })
@ApiForbiddenResponse({ type: ProblemDocument })
@Controller('v1/staff')
export class StaffController {
  constructor(private readonly organisation: OrganisationService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register a member of staff' })
  @ApiCreatedResponse({ type: StaffView })
  @ApiBadRequestResponse({ type: ProblemDocument })
  @ApiConflictResponse({ type: ProblemDocument, description: 'The id is taken' })
  create(@Body() dto: CreateStaffDto): Promise<StaffView> {
    return this.organisation.createStaff(dto);
  }

  @Get()
  @Roles('admin', 'manager', 'supervisor')
  @ApiOperation({ summary: 'Staff, optionally of one team' })
  @ApiQuery({ name: 'team', required: false })
  @ApiOkResponse({ type: [StaffView] })
  list(@Query('team') team?: string): Promise<StaffView[]> {
    return this.organisation.listStaff(team);
  }

  @Get(':id')
  @Roles('admin', 'manager', 'supervisor')
  @ApiOperation({ summary: 'One member of staff' })
  @ApiOkResponse({ type: StaffView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  get(@Param('id') id: string): Promise<StaffView> {
    return this.organisation.getStaff(id);
  }

  @Patch(':id')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change roles, teams, skills, languages, capacity or deactivate' })
  @ApiOkResponse({ type: StaffView })
  @ApiNotFoundResponse({ type: ProblemDocument })
  update(@Param('id') id: string, @Body() dto: UpdateStaffDto): Promise<StaffView> {
    return this.organisation.updateStaff(id, dto);
  }
}
