import { envVar, readEnv, readServiceConfig, type ServiceConfig } from '@fidu/service-kit';

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

const OPTIONS = {
  NODE_ENV: envVar.optionalText(),
  ESIGNATURE_SECRET: envVar.secret(DEV_ESIGNATURE_SECRET, { minLength: 16 }),
};

/** Fails fast naming the variable: too short, or the development secret in production. */
export function readMandatesOptions(env: NodeJS.ProcessEnv = process.env): MandatesOptions {
  return { esignatureSecret: readEnv('mandates', OPTIONS, env).ESIGNATURE_SECRET };
}
