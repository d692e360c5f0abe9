import { readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

export const DEFAULT_PORT = 4002;

/** Development secret of the local e-signature provider; refused in production. */
export const DEV_ESIGNATURE_SECRET = 'dev-esignature-secret-change-me';

/** Settings of the mandates service beyond the shared ones. */
export interface MandatesOptions {
  /** ESIGNATURE_SECRET: shared with the e-signature provider, verifies its callbacks (HMAC-SHA256). */
  esignatureSecret: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return readServiceConfig('mandates', DEFAULT_PORT, env);
}

export function readMandatesOptions(env: NodeJS.ProcessEnv = process.env): MandatesOptions {
  const esignatureSecret = env.ESIGNATURE_SECRET ?? DEV_ESIGNATURE_SECRET;
  if (env.NODE_ENV === 'production' && esignatureSecret === DEV_ESIGNATURE_SECRET) {
    throw new Error('ESIGNATURE_SECRET must be set in production');
  }
  if (esignatureSecret.length < 16) throw new Error('ESIGNATURE_SECRET must be at least 16 characters');
  return { esignatureSecret };
}
