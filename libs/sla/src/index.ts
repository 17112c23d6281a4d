export * from './sla-config.service';
export * from './sla.module';
