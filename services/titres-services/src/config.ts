import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

/** Port the subgraph listens on when PORT is not set (the gateway's default for titres-services). */
export const DEFAULT_PORT = 4004;

/** Belgian business days after encoding before a prestation is validated automatically (seed 004: 1 to 5). */
export const DEFAULT_AUTO_VALIDATION_BUSINESS_DAYS = 5;

/** The service's settings: the shared ones plus its own. */
export interface TitresServicesConfig extends ServiceConfig {
  /** TS_AUTO_VALIDATION_BUSINESS_DAYS, 1..5, default 5. */
  autoValidationBusinessDays: number;
  /** TITRES_SERVICES_PUBLIC_URL: where callers reach this service's files (the gateway's /files/titres-services). */
  publicUrl?: string;
}

/** Default base of file links: the gateway's file proxy at its default address. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4000/files/titres-services';

/** Reads and checks the settings; fails fast on a period outside 1..5. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): TitresServicesConfig {
  const raw = env.TS_AUTO_VALIDATION_BUSINESS_DAYS;
  const days = raw === undefined || raw === '' ? DEFAULT_AUTO_VALIDATION_BUSINESS_DAYS : Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 5) {
    throw new Error(`TS_AUTO_VALIDATION_BUSINESS_DAYS must be a whole number from 1 to 5, not "${raw}"`);
  }
  const publicUrl = (env.TITRES_SERVICES_PUBLIC_URL ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) {
    throw new Error(
      'TITRES_SERVICES_PUBLIC_URL must be a URL, e.g. https://api.example.be/files/titres-services',
    );
  }
  return {
    ...readServiceConfig('titres-services', DEFAULT_PORT, env),
    autoValidationBusinessDays: days,
    publicUrl,
  };
}
