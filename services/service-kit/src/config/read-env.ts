import { z } from 'zod';
import { DEV_SECRETS, type EnvVar } from './env-vars';

export class ConfigError extends Error {}

/** The environment variables a process reads: name → how to read it. */
export type EnvShape = Record<string, EnvVar<unknown>>;
export type EnvValues<S extends EnvShape> = { [K in keyof S]: z.output<S[K]> };

/**
 * Reads and checks the variables of `shape` from `env`, all at once, and fails fast: the error
 * names every faulty variable (`clients: PORT must be a whole number from 0 to 65535, not "abc"`)
 * instead of starting with NaN or a dev secret in production.
 */
export function readEnv<S extends EnvShape>(
  scope: string,
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): EnvValues<S> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`${scope}: ${problems.join('; ')}`);
  }
  const values = result.data as EnvValues<S>;
  if (env.NODE_ENV === 'production') {
    const devSecrets = Object.keys(shape).filter(
      (name) => DEV_SECRETS.has(shape[name]!) && values[name] === DEV_SECRETS.get(shape[name]!),
    );
    if (devSecrets.length > 0)
      throw new ConfigError(`${scope}: ${devSecrets.join(' and ')} must be set in production`);
  }
  return values;
}
