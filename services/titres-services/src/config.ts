import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

/** Port the subgraph listens on when PORT is not set (the gateway's default for titres-services). */
export const DEFAULT_PORT = 4004;

/** The service's settings: only the shared ones so far (see @fidu/service-kit `readServiceConfig`). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('titres-services', DEFAULT_PORT, env);
}
