export * from './complaint/channel';
export * from './complaint/priority';
export * from './complaint/similarity';
export * from './complaint/reference';
export * from './sla';
export * from './workflow';
export * from './communications';
