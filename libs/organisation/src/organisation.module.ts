import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffController, TeamsController } from './organisation.controller';
import { OrganisationService } from './organisation.service';
import { Staff } from './staff.entity';
import { Team } from './team.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Team, Staff])],
  controllers: [TeamsController, StaffController],
  providers: [OrganisationService],
  exports: [OrganisationService, TypeOrmModule],
})
export class OrganisationModule {}
