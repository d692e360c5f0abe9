import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';
import type { ConnectorsOptions } from './app';

export const DEFAULT_PORT = 4003;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('connectors', DEFAULT_PORT, env);
}

/**
 * `CONNECTORS_PUBLIC_URL`: the base URL at which callers reach this service's `/downloads` route,
 * normally the gateway's file proxy (`https://api.example.be/files/connectors`); default: the
 * address the service listens on (tests).
 */
export function readOptions(env: NodeJS.ProcessEnv = process.env): ConnectorsOptions {
  const publicUrl = env.CONNECTORS_PUBLIC_URL?.replace(/\/+$/, '');
  if (publicUrl && !/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) {
    throw new Error(
      'connectors: CONNECTORS_PUBLIC_URL must be a URL, e.g. https://api.example.be/files/connectors',
    );
  }
  return publicUrl ? { publicUrl } : {};
}
