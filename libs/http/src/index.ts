export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './body-parsing';
export * from './validator-container';
