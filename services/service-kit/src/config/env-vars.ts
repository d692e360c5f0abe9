import { z } from 'zod';
import { inputExcerpt } from '../domain/error-text';

/**
 * One environment variable: raw text (or absent) in, a checked value out. Problems are written
 * as the rest of a sentence that starts with the variable's name ("PORT must be …").
 */
export type EnvVar<T> = z.ZodType<T, z.ZodTypeDef, string | undefined>;

const absent = (raw: string | undefined): raw is undefined => raw === undefined || raw.trim() === '';

function variable<T>(read: (raw: string | undefined) => T | { problem: string }): EnvVar<T> {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const value = read(raw);
      if (value && typeof value === 'object' && 'problem' in value) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: value.problem });
        return z.NEVER;
      }
      return value as T;
    });
}

const got = (raw: string) => `, not ${inputExcerpt(raw)}`;

/** Development defaults of secrets, refused in production (see readEnv). */
export const DEV_SECRETS = new WeakMap<EnvVar<unknown>, string>();

const URL_SHAPE = /^https?:\/\/[^/?#]+(\/[^?#]*)?$/;

export const envVar = {
  /** Text; required (with what it should look like) unless it has a fallback. */
  text(options: { fallback?: string; example?: string } = {}): EnvVar<string> {
    return variable((raw) => {
      if (!absent(raw)) return raw;
      if (options.fallback !== undefined) return options.fallback;
      return { problem: `is required${options.example ? ` (${options.example})` : ''}` };
    });
  },
  /** Text that may be absent. */
  optionalText(): EnvVar<string | undefined> {
    return variable((raw) => (absent(raw) ? undefined : raw));
  },
  /** A whole number in [min, max]. */
  integer(options: { min?: number; max?: number; fallback: number }): EnvVar<number> {
    const min = options.min ?? 0;
    const max = options.max ?? Number.MAX_SAFE_INTEGER;
    return variable((raw) => {
      if (absent(raw)) return options.fallback;
      const value = Number(raw.trim());
      if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max)
        return { problem: `must be a whole number from ${min} to ${max}${got(raw)}` };
      return value;
    });
  },
  /** A TCP port (0 = any free port). */
  port(fallback: number): EnvVar<number> {
    return envVar.integer({ min: 0, max: 65535, fallback });
  },
  /** A comma-separated list (blanks dropped); required to have one item unless `optional`. */
  list(options: { example?: string; optional?: boolean } = {}): EnvVar<string[]> {
    return variable((raw) => {
      const items = (raw ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (items.length === 0 && !options.optional)
        return { problem: `is required${options.example ? ` (${options.example})` : ''}` };
      return items;
    });
  },
  /** An http(s) URL, without trailing slashes. */
  url(options: { fallback?: string; example?: string } = {}): EnvVar<string | undefined> {
    return variable((raw) => {
      const value = (absent(raw) ? options.fallback : raw.trim())?.replace(/\/+$/, '');
      if (value !== undefined && !URL_SHAPE.test(value))
        return { problem: `must be a URL${options.example ? `, e.g. ${options.example}` : ''}${got(value)}` };
      return value;
    });
  },
  /**
   * A namespace for Kafka topic and consumer group names: Kafka's topic characters (letters,
   * digits, `.`, `_`, `-`), at most 100 of them, so a topic's full name stays within the broker's
   * 249; absent: none.
   */
  kafkaNamespace(): EnvVar<string> {
    return variable((raw) => {
      const value = absent(raw) ? '' : raw.trim();
      if (!/^[A-Za-z0-9._-]{0,100}$/.test(value))
        return { problem: `must be up to 100 letters, digits, '.', '_' or '-', e.g. staging.${got(value)}` };
      return value;
    });
  },
  /** A secret with a development default, which readEnv refuses when NODE_ENV=production. */
  secret(devDefault: string, options: { minLength?: number } = {}): EnvVar<string> {
    const schema = variable((raw) => {
      const value = absent(raw) ? devDefault : raw;
      if (options.minLength && value.length < options.minLength)
        return { problem: `must be at least ${options.minLength} characters` };
      return value;
    });
    DEV_SECRETS.set(schema, devDefault);
    return schema;
  },
};
