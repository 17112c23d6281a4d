export * from './queue.constants';
export * from './queue.module';
export * from './redis';
export * from './queue-worker-host';
