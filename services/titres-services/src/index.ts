export { createApp } from './app';
export { readConfig, DEFAULT_PORT } from './config';
