import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

export const DEFAULT_PORT = 4003;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('connectors', DEFAULT_PORT, env);
}
