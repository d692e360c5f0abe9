export * from './env-vars';
export * from './read-env';
export * from './service-config';
