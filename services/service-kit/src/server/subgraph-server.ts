import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from './resolver-map';
import { Kind, type DocumentNode, type GraphQLScalarType } from 'graphql';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, verifyPrincipal } from '../auth/gateway-signature';
import type { Principal } from '../auth/principal';
import type { SqlStatementCounter } from '../db/sql-statement-counter';
import { formatSubgraphError } from '../graphql/graphql-errors';
import { DATE_SCALARS } from '../graphql/date-scalars';
import { inputSanitationPlugin } from '../graphql/input-sanitation';
import { jsonErrorHandler, jsonNotFound, requireJsonBody, sendJsonError } from './http-errors';
import type { Logger } from '../logger';
import type { Scheduler } from '../jobs/scheduler';
import type { ParkedEventOperations } from '../events/inbox-consumer';
import type { MetricsEndpoint } from './metrics';
import { continueIncomingTrace } from '../observability/incoming-trace';

/** Who is asking, established per request by the server from the gateway's signature. */
export interface RequestIdentity {
  principal: Principal;
  requestId: string;
  log: Logger;
}

/** What every resolver context holds; services add their loaders and repositories. */
export interface RequestContextBase extends RequestIdentity {
  /** The service's scheduled jobs, for operator actions that run one now. */
  scheduler: Scheduler;
  /** The inbox consumer's parked messages, for operators (services that consume events). */
  parkedEvents?: ParkedEventOperations;
}

export interface SubgraphServerOptions<TContext extends RequestIdentity> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  gatewaySigningSecret: string;
  log: Logger;
  sqlCounter: SqlStatementCounter;
  /** Named checks for the readiness endpoint (database, Kafka…). */
  readiness: () => Promise<Record<string, boolean>>;
  createContext: (identity: RequestIdentity) => TContext;
  /** Served on `/metrics` (Prometheus); subgraph ports are internal, like the health checks. */
  metrics?: MetricsEndpoint;
  /** Largest GraphQL request body accepted (default 1 MB); bulk imports need more. */
  maxBodyBytes?: number;
  /** Extra routes (e.g. document downloads) mounted before GraphQL. */
  routes?: (app: express.Express) => void;
}

export interface SubgraphServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** How long a subgraph keeps an idle keep-alive connection: well above the gateway fetcher's idle timeout. */
export const SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS = 65_000;

const refuse = sendJsonError;

/**
 * One debug line per GraphQL request, written in the request's context: with tracing on it carries
 * the trace id, so a gateway access-log line leads to the subgraph's part of the work.
 */
function requestLogPlugin<TContext extends RequestIdentity>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = Date.now();
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          contextValue.log?.debug(
            { operationName, durationMs: Date.now() - started, errors: body?.errors?.length ?? 0 },
            'subgraph request served',
          );
        },
      };
    },
  };
}

/** The kit's Date/DateTime implementations for the scalars this schema declares (see date-scalars). */
function dateScalarsOf(typeDefs: DocumentNode): Record<string, GraphQLScalarType> {
  const declared = typeDefs.definitions.flatMap((d) =>
    d.kind === Kind.SCALAR_TYPE_DEFINITION ? [d.name.value] : [],
  );
  return Object.fromEntries(declared.filter((n) => DATE_SCALARS[n]).map((n) => [n, DATE_SCALARS[n]!]));
}

/**
 * One subgraph over HTTP: `/graphql` only for requests that carry a valid gateway signature
 * (401 without one, 403 with a bad one), plus `/health/live` and `/health/ready`.
 */
export async function createSubgraphServer<TContext extends RequestIdentity>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  // The gateway, not the subgraph, ends idle keep-alive connections (its fetcher after 4 s): a server
  // closing a socket the gateway is reusing is a failed fetch (ECONNRESET) with the service up.
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS;
  httpServer.headersTimeout = SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS + 1_000;
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([
      {
        typeDefs: options.typeDefs,
        resolvers: { ...options.resolvers, ...dateScalarsOf(options.typeDefs) } as never,
      },
    ]),
    includeStacktraceInErrorResponses: false,
    // runMain owns SIGINT/SIGTERM and the stop order; Apollo must not race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) =>
      formatSubgraphError(formatted, error, (err) =>
        options.log.error({ err }, 'unexpected error in resolver'),
      ),
    // No Apollo usage reporting at the gateway, so subgraphs need not compute inline traces.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 3000 }),
      ApolloServerPluginInlineTraceDisabled(),
      inputSanitationPlugin<TContext>(),
      ...(options.metrics?.graphqlPlugin ? [options.metrics.graphqlPlugin] : []),
      requestLogPlugin<TContext>(),
    ],
  });
  await apollo.start();

  app.get('/health/live', (_req, res) => {
    // The pid lets a launcher tell its own child from another process that holds the port.
    res.json({ status: 'ok', service: options.name, pid: process.pid });
  });
  app.get('/health/ready', async (_req, res) => {
    const checks = await options.readiness().catch(() => ({ readiness: false }));
    const ready = Object.values(checks).every(Boolean);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not ready', service: options.name, pid: process.pid, checks });
  });
  const { metrics } = options;
  if (metrics)
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.contentType).send(await metrics.metrics());
    });
  options.routes?.(app);

  app.use(
    '/graphql',
    continueIncomingTrace(),
    // The signature is checked on the headers alone, before any body is read or parsed.
    async (req, res, next) => {
      const token = req.header(PRINCIPAL_HEADER);
      if (!token)
        return refuse(res, 401, 'UNAUTHENTICATED', 'Subgraphs answer only requests signed by the gateway.');
      try {
        const { principal, requestId } = await verifyPrincipal(token, options.gatewaySigningSecret);
        res.locals.principal = principal;
        res.locals.requestId = requestId || req.header(REQUEST_ID_HEADER) || randomUUID();
      } catch {
        return refuse(res, 403, 'FORBIDDEN', 'Invalid gateway signature.');
      }
      next();
    },
    requireJsonBody,
    express.json({ limit: options.maxBodyBytes ?? '1mb' }),
    (_req, res, next) => {
      // Count this request's SQL statements (see SqlStatementCounter).
      options.sqlCounter.run(res.locals.requestId as string, () => next());
    },
    expressMiddleware(apollo, {
      context: async ({ res }) =>
        options.createContext({
          principal: res.locals.principal as Principal,
          requestId: res.locals.requestId as string,
          log: options.log.child({ requestId: res.locals.requestId }),
        }),
    }),
  );
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(options.log));

  return {
    app,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}/graphql`);
        });
      }),
    stop: async () => {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}
