export * from './principal';
export * from './tokens';
export * from './credentials';
export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
