export * from './cursor';
export * from './connection';
export * from './keyset';
