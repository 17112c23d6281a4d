import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Principal } from '@redress/auth';
import { Clock } from '@redress/config';
import { isUniqueViolation } from '@redress/database';
import { FieldError, ValidationProblem } from '@redress/http';
import { In, Repository } from 'typeorm';
import { CreateStaffDto, CreateTeamDto, StaffView, TeamView, UpdateStaffDto, UpdateTeamDto } from './organisation.dto';
import { Staff } from './staff.entity';
import { Team } from './team.entity';

const DEFAULT_CAPACITY = 20;

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    @InjectRepository(Staff) private readonly staff: Repository<Staff>,
    private readonly clock: Clock,
  ) {}

  async createTeam(dto: CreateTeamDto): Promise<TeamView> {
    await this.checkTeamLeads(dto);
    const now = this.clock.now();
    const team = this.teams.create({
      code: dto.code,
      name: dto.name,
      supervisorId: dto.supervisorId ?? null,
      managerId: dto.managerId ?? null,
      categories: dto.categories ?? [],
      languages: dto.languages ?? ['zh', 'en'],
      autoAssign: dto.autoAssign ?? 'off',
      roundRobinCursor: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.teams.insert(team);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`Team ${dto.code} already exists`);
      throw error;
    }
    return toTeamView(team);
  }

  async updateTeam(code: string, dto: UpdateTeamDto): Promise<TeamView> {
    const team = await this.findTeam(code);
    await this.checkTeamLeads(dto);
    Object.assign(team, stripUndefined(dto), { updatedAt: this.clock.now() });
    await this.teams.save(team);
    return toTeamView(team);
  }

  async getTeam(code: string): Promise<TeamView> {
    return toTeamView(await this.findTeam(code));
  }

  async listTeams(): Promise<TeamView[]> {
    return (await this.teams.find({ order: { code: 'ASC' } })).map(toTeamView);
  }

  async createStaff(dto: CreateStaffDto): Promise<StaffView> {
    await this.checkTeamsExist(dto.teams ?? []);
    const now = this.clock.now();
    const member = this.staff.create({
      id: dto.id,
      name: dto.name,
      email: dto.email,
      roles: dto.roles,
      teams: dto.teams ?? [],
      skills: dto.skills ?? [],
      languages: dto.languages ?? ['zh', 'en'],
      capacity: dto.capacity ?? DEFAULT_CAPACITY,
      active: dto.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.staff.insert(member);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException(`Staff ${dto.id} already exists`);
      throw error;
    }
    return toStaffView(member);
  }

  async updateStaff(id: string, dto: UpdateStaffDto): Promise<StaffView> {
    const member = await this.findStaff(id);
    if (dto.teams) await this.checkTeamsExist(dto.teams);
    Object.assign(member, stripUndefined(dto), { updatedAt: this.clock.now() });
    await this.staff.save(member);
    return toStaffView(member);
  }

  async getStaff(id: string): Promise<StaffView> {
    return toStaffView(await this.findStaff(id));
  }

  async listStaff(team?: string): Promise<StaffView[]> {
    const all = await this.staff.find({ order: { id: 'ASC' } });
    return all.filter((s) => !team || s.teams.includes(team)).map(toStaffView);
  }

  /**
   * The teams a caller works in. The staff register is authoritative once a person is in it (an
   * admin moving someone between teams takes effect without new tokens); until then the token's
   * `teams` claim is used.
   */
  async teamsOf(principal: Principal): Promise<string[]> {
    if (principal.kind !== 'staff') return [];
    const member = await this.staff.findOne({ select: ['id', 'teams', 'active'], where: { id: principal.id } });
    if (!member) return principal.teams;
    return member.active ? member.teams : [];
  }

  private async findTeam(code: string): Promise<Team> {
    const team = await this.teams.findOneBy({ code });
    if (!team) throw new NotFoundException(`No team with code ${code}`);
    return team;
  }

  private async findStaff(id: string): Promise<Staff> {
    const member = await this.staff.findOneBy({ id });
    if (!member) throw new NotFoundException(`No staff member with id ${id}`);
    return member;
  }

  private async checkTeamLeads(dto: { supervisorId?: string; managerId?: string }): Promise<void> {
    const errors: FieldError[] = [];
    for (const [field, role] of [
      ['supervisorId', 'supervisor'],
      ['managerId', 'manager'],
    ] as const) {
      const id = dto[field];
      if (!id) continue;
      const member = await this.staff.findOneBy({ id });
      if (!member || !member.roles.includes(role)) {
        errors.push({ field, messages: [`${field} must be a staff member with the ${role} role`] });
      }
    }
    if (errors.length) throw new ValidationProblem(errors);
  }

  private async checkTeamsExist(codes: string[]): Promise<void> {
    if (!codes.length) return;
    const found = new Set((await this.teams.findBy({ code: In(codes) })).map((t) => t.code));
    const missing = codes.filter((c) => !found.has(c));
    if (missing.length) throw new ValidationProblem([{ field: 'teams', messages: [`unknown team(s): ${missing.join(', ')}`] }]);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toTeamView(t: Team): TeamView {
  return {
    code: t.code,
    name: t.name,
    supervisorId: t.supervisorId,
    managerId: t.managerId,
    categories: t.categories,
    languages: t.languages,
    autoAssign: t.autoAssign,
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

export function toStaffView(s: Staff): StaffView {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    roles: s.roles,
    teams: s.teams,
    skills: s.skills,
    languages: s.languages,
    capacity: s.capacity,
    active: s.active,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}
