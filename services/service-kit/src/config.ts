/** Settings every service reads; each service's config.ts adds its own on top. */
export interface ServiceConfig {
  service: string;
  port: number;
  /** Interface to listen on: loopback by default, 0.0.0.0 in containers. */
  host: string;
  production: boolean;
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Consumer group; defaults to the service name (replicas share it). */
  kafkaGroupId: string;
  /**
   * A consumer group that has committed nothing starts at the topics' end, not their beginning.
   * Off in production (a new service builds its projections from the whole history); on for test
   * services, whose databases are new and which must not read every earlier test's events.
   */
  newGroupStartsAtEnd?: boolean;
  /** Shared with the gateway: proves that a request's principal was set by the gateway. */
  gatewaySigningSecret: string;
}

/** Dev-only default; refused when NODE_ENV=production. */
export const DEV_GATEWAY_SIGNING_SECRET = 'dev-only-gateway-signing-secret-change-me';

export class ConfigError extends Error {}

/** The only reader of process.env for the shared settings; fails fast with a clear message. */
export function readServiceConfig(
  service: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError(`${service}: DATABASE_URL is required (postgres://…/database)`);
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0)
    throw new ConfigError(`${service}: KAFKA_BROKERS is required (host:port[,host:port])`);
  const gatewaySigningSecret = env.GATEWAY_SIGNING_SECRET ?? DEV_GATEWAY_SIGNING_SECRET;
  if (production && gatewaySigningSecret === DEV_GATEWAY_SIGNING_SECRET) {
    throw new ConfigError(`${service}: GATEWAY_SIGNING_SECRET must be set in production`);
  }
  const port = Number(env.PORT ?? defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`${service}: PORT must be a port number`);
  return {
    service,
    port,
    host: env.HOST ?? '127.0.0.1',
    production,
    databaseUrl,
    kafkaBrokers: brokers,
    kafkaGroupId: env.KAFKA_GROUP_ID ?? service,
    gatewaySigningSecret,
  };
}
