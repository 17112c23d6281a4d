export * from './column-types';
export * from './data-source';
export * from './database.module';
export * from './db-errors';
export * from './delete-in-batches';
export * from './migrations';
export * from './preflight';
export * from './transactions';
