export * from './team.entity';
export * from './staff.entity';
export * from './organisation.dto';
export * from './organisation.service';
export * from './organisation.module';
