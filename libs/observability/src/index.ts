export * from './logging';
export * from './metrics';
export * from './observability.module';
export * from './boot';
export * from './worker-metrics.listener';
