import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

export const DEFAULT_PORT = 4001;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('clients', DEFAULT_PORT, env);
}
