import { defineServiceConfig, envVar, type ServiceConfig } from '@fidu/service-kit';

/** Port the subgraph listens on when PORT is not set (the gateway's default for mandates). */
export const DEFAULT_PORT = 4002;

/** Development secret of the local e-signature provider; refused in production. */
export const DEV_ESIGNATURE_SECRET = 'dev-esignature-secret-change-me';

/** Default base of document links: the gateway's file proxy at its default address. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4000/files/mandates';

/** Settings of the mandates service beyond the shared ones. */
export interface MandatesSettings {
  /** ESIGNATURE_SECRET: shared with the e-signature provider, verifies its callbacks (HMAC-SHA256). */
  esignatureSecret: string;
  /**
   * MANDATES_PUBLIC_URL: where callers reach this service's documents, normally the gateway's
   * /files/mandates; mandate document links are signed under it.
   */
  publicUrl?: string;
}

export type MandatesConfig = ServiceConfig & MandatesSettings;

/**
 * Reads and checks the settings; fails fast naming the variable (ESIGNATURE_SECRET shorter than 16
 * characters, or the development secret when NODE_ENV=production).
 */
export const readConfig: (env?: NodeJS.ProcessEnv) => MandatesConfig = defineServiceConfig(
  'mandates',
  DEFAULT_PORT,
  {
    ESIGNATURE_SECRET: envVar.secret(DEV_ESIGNATURE_SECRET, { minLength: 16 }),
    MANDATES_PUBLIC_URL: envVar.url({
      fallback: DEFAULT_PUBLIC_URL,
      example: 'https://api.example.be/files/mandates',
    }),
  },
  (v) => ({ esignatureSecret: v.ESIGNATURE_SECRET, publicUrl: v.MANDATES_PUBLIC_URL }),
);
