import { join } from 'node:path';
import { envVar, readEnv } from '@fidu/service-kit';
import type { TokenPolicy } from '@fidu/service-kit/bearer-token';
import type { RateLimits } from './rate-limit';
import type { SubgraphFetchOptions } from './subgraph-fetcher';

/** Names of the subgraphs, as in the supergraph and in services/<name>. */
export const SUBGRAPHS = ['clients', 'mandates', 'connectors', 'titres-services'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
export const DEV_GATEWAY_SIGNING_SECRET = 'dev-only-gateway-signing-secret-change-me';

export interface GatewayConfig {
  port: number;
  host: string;
  production: boolean;
  /** Verifies callers' bearer tokens (HS256). */
  jwtSecret: string;
  /** What bearer tokens must carry beyond the signature (see @fidu/service-kit/bearer-token). */
  tokens: TokenPolicy;
  /** Signs the principal forwarded to subgraphs. */
  gatewaySigningSecret: string;
  supergraphPath: string;
  /** The built web console served at `/` (gateway/console/dist); not served when absent. */
  consoleDir: string;
  /** Origins allowed to call the gateway from a browser (CORS). */
  corsOrigins: string[];
  /** Express's `trust proxy` (TRUST_PROXY: hops or subnets), so the per-IP limit sees the client behind a load balancer. */
  trustProxy: number | string | false;
  rateLimits: RateLimits;
  /** Dev sign-in routes (`/dev/principals`, `/dev/sign-in`): never in production. */
  devSignIn: boolean;
  subgraphUrls: Record<SubgraphName, string>;
  limits: {
    maxDepth: number;
    maxTokens: number;
    maxAliases: number;
    maxCost: number;
    maxBodyBytes: number;
    /** Largest body of a bulk import (importClients); every other request keeps maxBodyBytes. */
    maxImportBodyBytes: number;
  };
  subscriptions: {
    /** Kafka brokers the subscription feeds are read from; empty: WebSocket connections are refused. */
    kafkaBrokers: string[];
    /** Put before its topic and consumer group names on the broker: the subgraphs' (KAFKA_NAMESPACE). */
    kafkaNamespace: string;
    /** Consumer group of this gateway instance; default unique per process (`gateway-<host>-<pid>-<random>`). */
    groupId?: string;
    /** Events that may wait for one slow subscriber before its subscription is ended. */
    queueLimit: number;
    /** Subscriptions one WebSocket connection may hold at once. */
    maxPerConnection: number;
  };
  fileProxy: {
    /** How long a subgraph may take to start a download's answer, and at most between two chunks. */
    idleTimeoutMs: number;
  };
  /** Timeouts and circuit breaking of subgraph fetches (see src/subgraph-fetcher.ts). */
  subgraphFetch: SubgraphFetchOptions & {
    /** Allowance of the long-running mutations (bulk imports, exports, job runs; see src/fetch-allowance.ts). */
    longTimeoutMs: number;
  };
}

const DEFAULT_PORTS: Record<SubgraphName, number> = {
  clients: 4001,
  mandates: 4002,
  connectors: 4003,
  'titres-services': 4004,
};

/** `titres-services` → `TITRES_SERVICES_URL`. */
export function urlVariableOf(name: SubgraphName): string {
  return `${name.replace(/-/g, '_').toUpperCase()}_URL`;
}

/**
 * `CORS_ORIGINS` (comma-separated, exact origins); by default in dev the local origins the project
 * serves (the gateway itself on 4000 and the console's `vite` dev server on 5173), none in production.
 */
function corsOriginsOf(env: NodeJS.ProcessEnv, production: boolean): string[] {
  if (env.CORS_ORIGINS !== undefined)
    return env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  if (production) return [];
  return ['127.0.0.1', 'localhost'].flatMap((host) => [`http://${host}:4000`, `http://${host}:5173`]);
}

/** Placeholders a secret must never be in production: the dev defaults, and any "change me" sample value. */
const PLACEHOLDER_SECRET = /change-?me|dev-only|^(secret|password|changeit)$/i;
const MIN_SECRET_LENGTH = 16;

/** Fails start-up naming the variable: a production gateway with a known secret lets anyone mint tokens. */
function refuseDevSecret(name: string, value: string, devDefault: string): void {
  if (value === devDefault || PLACEHOLDER_SECRET.test(value) || value.length < MIN_SECRET_LENGTH)
    throw new Error(
      `gateway: ${name} must be set in production to a secret of your own (at least ${MIN_SECRET_LENGTH} characters, not a placeholder)`,
    );
}

/** `TRUST_PROXY`: a hop count (`1`) or Express's list of trusted addresses; unset: none. */
function trustProxyOf(value: string | undefined): number | string | false {
  if (!value) return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The gateway's numeric settings, checked by the kit's zod reader: `PORT=abc` fails naming PORT. */
const NUMBERS = {
  PORT: envVar.port(4000),
  JWT_MAX_LIFETIME_SECONDS: envVar.integer({ min: 1, fallback: 24 * 3600 }),
  RATE_LIMIT_PER_IP: envVar.integer({ min: 1, fallback: 12_000 }),
  RATE_LIMIT_PER_PRINCIPAL: envVar.integer({ min: 1, fallback: 6_000 }),
  RATE_LIMIT_WINDOW_SECONDS: envVar.integer({ min: 1, fallback: 60 }),
  MAX_QUERY_DEPTH: envVar.integer({ min: 1, fallback: 10 }),
  MAX_QUERY_TOKENS: envVar.integer({ min: 1, fallback: 2000 }),
  MAX_QUERY_ALIASES: envVar.integer({ min: 1, fallback: 15 }),
  MAX_QUERY_COST: envVar.integer({ min: 1, fallback: 50000 }),
  MAX_BODY_BYTES: envVar.integer({ min: 1, fallback: 100_000 }),
  MAX_IMPORT_BODY_BYTES: envVar.integer({ min: 1, fallback: 8_000_000 }),
  KAFKA_NAMESPACE: envVar.kafkaNamespace(),
  SUBSCRIPTION_QUEUE_LIMIT: envVar.integer({ min: 1, fallback: 1000 }),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: envVar.integer({ min: 1, fallback: 20 }),
  FILE_PROXY_IDLE_TIMEOUT_MS: envVar.integer({ min: 1, fallback: 60_000 }),
  SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS: envVar.integer({ min: 1, fallback: 4_000 }),
  SUBGRAPH_TIMEOUT_MS: envVar.integer({ min: 1, fallback: 5_000 }),
  SUBGRAPH_LONG_TIMEOUT_MS: envVar.integer({ min: 1, fallback: 120_000 }),
  SUBGRAPH_BREAKER_FAILURES: envVar.integer({ min: 1, fallback: 5 }),
  SUBGRAPH_BREAKER_HALF_OPEN_AFTER_MS: envVar.integer({ min: 1, fallback: 10_000 }),
};

/** The only reader of process.env in the gateway; refuses dev secrets in production. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const production = env.NODE_ENV === 'production';
  const vars = readEnv('gateway', NUMBERS, env);
  const jwtSecret = env.JWT_SECRET ?? DEV_JWT_SECRET;
  const gatewaySigningSecret = env.GATEWAY_SIGNING_SECRET ?? DEV_GATEWAY_SIGNING_SECRET;
  if (production) {
    refuseDevSecret('JWT_SECRET', jwtSecret, DEV_JWT_SECRET);
    refuseDevSecret('GATEWAY_SIGNING_SECRET', gatewaySigningSecret, DEV_GATEWAY_SIGNING_SECRET);
  }
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((name) => [
      name,
      env[urlVariableOf(name)] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
    ]),
  ) as Record<SubgraphName, string>;
  return {
    port: vars.PORT,
    host: env.HOST ?? '127.0.0.1',
    production,
    jwtSecret,
    tokens: {
      issuer: env.JWT_ISSUER ?? 'fidu',
      maxLifetimeSeconds: vars.JWT_MAX_LIFETIME_SECONDS,
    },
    gatewaySigningSecret,
    supergraphPath: env.SUPERGRAPH_PATH ?? join(__dirname, '..', 'supergraph.graphql'),
    consoleDir: env.CONSOLE_DIR ?? join(__dirname, '..', 'console', 'dist'),
    corsOrigins: corsOriginsOf(env, production),
    devSignIn: !production,
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    // Generous: a flood guard, far above what a person or an integration sends (see README).
    rateLimits: {
      perIp: vars.RATE_LIMIT_PER_IP,
      perPrincipal: vars.RATE_LIMIT_PER_PRINCIPAL,
      windowSeconds: vars.RATE_LIMIT_WINDOW_SECONDS,
    },
    subgraphUrls,
    limits: {
      maxDepth: vars.MAX_QUERY_DEPTH,
      maxTokens: vars.MAX_QUERY_TOKENS,
      maxAliases: vars.MAX_QUERY_ALIASES,
      maxCost: vars.MAX_QUERY_COST,
      maxBodyBytes: vars.MAX_BODY_BYTES,
      maxImportBodyBytes: vars.MAX_IMPORT_BODY_BYTES,
    },
    subscriptions: {
      // The one exception to "only from env": the test harness passes a partial env and the brokers
      // are the process's (the same ones every subgraph of the run uses).
      kafkaBrokers: (env.KAFKA_BROKERS ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      kafkaNamespace: vars.KAFKA_NAMESPACE,
      groupId: env.SUBSCRIPTIONS_GROUP_ID || undefined,
      queueLimit: vars.SUBSCRIPTION_QUEUE_LIMIT,
      maxPerConnection: vars.MAX_SUBSCRIPTIONS_PER_CONNECTION,
    },
    fileProxy: { idleTimeoutMs: vars.FILE_PROXY_IDLE_TIMEOUT_MS },
    subgraphFetch: {
      keepAliveTimeoutMs: vars.SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS,
      timeoutMs: vars.SUBGRAPH_TIMEOUT_MS,
      longTimeoutMs: vars.SUBGRAPH_LONG_TIMEOUT_MS,
      breakerFailures: vars.SUBGRAPH_BREAKER_FAILURES,
      breakerHalfOpenAfterMs: vars.SUBGRAPH_BREAKER_HALF_OPEN_AFTER_MS,
    },
  };
}
