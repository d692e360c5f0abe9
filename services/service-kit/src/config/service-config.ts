import { envVar } from './env-vars';
import { readEnv, type EnvShape, type EnvValues } from './read-env';

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
  /** Put before every topic and consumer group name on the broker (KAFKA_NAMESPACE; see KafkaBusOptions). */
  kafkaNamespace: string;
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

function sharedShape(service: string, defaultPort: number) {
  return {
    NODE_ENV: envVar.optionalText(),
    PORT: envVar.port(defaultPort),
    HOST: envVar.text({ fallback: '127.0.0.1' }),
    DATABASE_URL: envVar.text({ example: 'postgres://…/database' }),
    KAFKA_BROKERS: envVar.list({ example: 'host:port[,host:port]' }),
    KAFKA_GROUP_ID: envVar.text({ fallback: service }),
    KAFKA_NAMESPACE: envVar.kafkaNamespace(),
    GATEWAY_SIGNING_SECRET: envVar.secret(DEV_GATEWAY_SIGNING_SECRET),
  };
}

function toServiceConfig(service: string, vars: EnvValues<ReturnType<typeof sharedShape>>): ServiceConfig {
  return {
    service,
    port: vars.PORT,
    host: vars.HOST,
    production: vars.NODE_ENV === 'production',
    databaseUrl: vars.DATABASE_URL,
    kafkaBrokers: vars.KAFKA_BROKERS,
    kafkaGroupId: vars.KAFKA_GROUP_ID,
    kafkaNamespace: vars.KAFKA_NAMESPACE,
    gatewaySigningSecret: vars.GATEWAY_SIGNING_SECRET,
  };
}

/** The shared settings alone (a service without settings of its own). */
export function readServiceConfig(
  service: string,
  defaultPort: number,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  return toServiceConfig(service, readEnv(service, sharedShape(service, defaultPort), env));
}

/**
 * A service's `readConfig(env)`: the shared settings plus the service's own variables (`own`,
 * read with `envVar`), checked together so one error names every faulty variable; `build` turns
 * the own variables into the service's settings.
 */
export function defineServiceConfig<S extends EnvShape, T extends object>(
  service: string,
  defaultPort: number,
  own: S,
  build: (vars: EnvValues<S>) => T,
): (env?: NodeJS.ProcessEnv) => ServiceConfig & T {
  return (env = process.env) => {
    const vars = readEnv(service, { ...sharedShape(service, defaultPort), ...own }, env);
    return { ...toServiceConfig(service, vars), ...build(vars as EnvValues<S>) };
  };
}
