export * from './casework.module';
export * from './intake/intake.service';
