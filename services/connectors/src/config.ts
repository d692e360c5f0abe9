import { defineServiceConfig, envVar, type ServiceConfig } from '@fidu/service-kit';

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

/** Reads and checks the settings; fails fast naming the variable. */
export const readConfig: (env?: NodeJS.ProcessEnv) => ConnectorsConfig = defineServiceConfig(
  'connectors',
  DEFAULT_PORT,
  {
    CONNECTORS_PUBLIC_URL: envVar.url({
      fallback: DEFAULT_PUBLIC_URL,
      example: 'https://api.example.be/files/connectors',
    }),
  },
  (v) => ({ publicUrl: v.CONNECTORS_PUBLIC_URL }),
);
