import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

export const DEFAULT_PORT = 4002;

/** The mandates service needs only the shared settings so far. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('mandates', DEFAULT_PORT, env);
}
