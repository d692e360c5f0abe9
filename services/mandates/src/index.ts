export { createApp } from './app';
export { readConfig, DEFAULT_PORT, type MandatesConfig } from './config';
