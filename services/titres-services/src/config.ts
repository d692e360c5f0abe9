import { defineServiceConfig, envVar, type ServiceConfig } from '@fidu/service-kit';

/** Port the subgraph listens on when PORT is not set (the gateway's default for titres-services). */
export const DEFAULT_PORT = 4004;

/** Belgian business days after encoding before a prestation is validated automatically (1 to 5). */
export const DEFAULT_AUTO_VALIDATION_BUSINESS_DAYS = 5;

/** Default base of file links: the gateway's file proxy at its default address. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4000/files/titres-services';

/** The service's settings: the shared ones plus its own. */
export interface TitresServicesConfig extends ServiceConfig {
  /** TS_AUTO_VALIDATION_BUSINESS_DAYS, 1..5, default 5. */
  autoValidationBusinessDays: number;
  /**
   * TITRES_SERVICES_PUBLIC_URL: where callers reach this service's files (export CSV, invoice
   * PDFs), normally the gateway's /files/titres-services; links are signed under it.
   */
  publicUrl?: string;
}

/** Reads and checks the settings; fails fast naming the variable (e.g. a period outside 1..5). */
export const readConfig: (env?: NodeJS.ProcessEnv) => TitresServicesConfig = defineServiceConfig(
  'titres-services',
  DEFAULT_PORT,
  {
    TS_AUTO_VALIDATION_BUSINESS_DAYS: envVar.integer({
      min: 1,
      max: 5,
      fallback: DEFAULT_AUTO_VALIDATION_BUSINESS_DAYS,
    }),
    TITRES_SERVICES_PUBLIC_URL: envVar.url({
      fallback: DEFAULT_PUBLIC_URL,
      example: 'https://api.example.be/files/titres-services',
    }),
  },
  (v) => ({
    autoValidationBusinessDays: v.TS_AUTO_VALIDATION_BUSINESS_DAYS,
    publicUrl: v.TITRES_SERVICES_PUBLIC_URL,
  }),
);
