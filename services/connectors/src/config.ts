import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

export const DEFAULT_PORT = 4003;

/** Default base of download links: the gateway's file proxy at its default address. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4000/files/connectors';

/** The service's settings: the shared ones plus its own. */
export interface ConnectorsConfig extends ServiceConfig {
  /**
   * CONNECTORS_PUBLIC_URL: the base URL at which callers reach this service's `/downloads` route,
   * the gateway's file proxy (`https://api.example.be/files/connectors`). A config built without
   * it (a test of this service alone) makes links point at the address the service listens on.
   */
  publicUrl?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConnectorsConfig {
  const publicUrl = (env.CONNECTORS_PUBLIC_URL || DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) {
    throw new Error(
      'connectors: CONNECTORS_PUBLIC_URL must be a URL, e.g. https://api.example.be/files/connectors',
    );
  }
  return { ...readServiceConfig('connectors', DEFAULT_PORT, env), publicUrl };
}
