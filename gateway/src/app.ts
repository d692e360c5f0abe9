import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLSchema } from 'graphql';
import {
  ANONYMOUS,
  createKafkaBus,
  createLogger,
  inputSanitationPlugin,
  jsonErrorHandler,
  jsonNotFound,
  requireJsonBody,
  REQUEST_ID_HEADER,
  type EventBus,
  type Logger,
  type Principal,
} from '@fidu/service-kit';
import { InvalidTokenError } from '@fidu/service-kit/bearer-token';
import type { GatewayConfig, SubgraphName } from './config';
import type { GatewayContext } from './context';
import type { AccessRecord } from './observability/access-log';
import { mountConsole } from './console-static';
import { corsMiddleware } from './cors';
import { mountDevSignIn } from './dev-sign-in';
import { mountFileProxy } from './file-proxy';
import { createGatewayObservability } from './observability/gateway-metrics';
import { createRateLimits } from './rate-limit';
import { createSubgraphReadiness } from './readiness';
import { graphqlBodyParser } from './graphql-body';
import { installDateScalars } from './plugins/date-scalars';
import { maskError } from './plugins/mask-errors';
import { requireOperationPlugin } from './plugins/require-operation';
import { SignedPrincipalDataSource } from './signed-principal-data-source';
import { createSubgraphFetcher } from './subgraph-fetcher';
import { createTokenVerifier } from './verified-tokens';
import { EventHub, type HubState } from './subscriptions/event-hub';
import { FEEDS } from './subscriptions/feeds';
import { buildSubscriptionSchema } from './subscriptions/subscription-schema';
import { createSubscriptionServer } from './subscriptions/subscription-server';
import { SupergraphLoader, type ExecuteQuery } from './subscriptions/supergraph-loader';

export interface GatewayApp {
  app: express.Express;
  listen(port?: number): Promise<string>;
  stop(): Promise<void>;
  /** The WebSocket subscriptions served on the same path (see src/subscriptions). */
  subscriptions: {
    /** Subscribers currently registered on the event hub (all connections). */
    listenerCount(): number;
    /** Open WebSocket connections. */
    connectionCount(): number;
    /** Where the one Kafka consumer stands. */
    state(): HubState;
    /** Its consumer group. */
    groupId: string;
    /** Operations sent to the supergraph to resolve payload fields. */
    supergraphOperations(): number;
  };
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * The gateway: authenticates the caller, enforces query limits, plans queries over the
 * supergraph composed at build time, and forwards the signed principal to subgraphs.
 */
export async function createGateway(
  config: GatewayConfig,
  log: Logger = createLogger('gateway'),
): Promise<GatewayApp> {
  // Apollo Gateway sends anonymous telemetry unless told not to.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  if (!existsSync(config.supergraphPath)) {
    throw new Error(
      `gateway: no supergraph at ${config.supergraphPath}; run \`npm run compose -w @fidu/gateway\``,
    );
  }
  const subgraphFetcher = createSubgraphFetcher(config.subgraphFetch);
  const observability = createGatewayObservability(log);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    // Each fetch of a cached plan carries its parsed operation, so SignedPrincipalDataSource reads
    // the fetch's kind and fields from it instead of parsing the query text on every fetch.
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    buildService: ({ name }) =>
      new SignedPrincipalDataSource(config.subgraphUrls[name as SubgraphName], {
        name,
        signingSecret: config.gatewaySigningSecret,
        fetcher: observability.timedFetcher(name, subgraphFetcher.forSubgraph(name)),
        log,
        timeouts: config.subgraphFetch,
      }),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.limits.maxDepth },
    // graphql-armor checks tokens in parsingDidStart, where any error (a plain syntax error too)
    // becomes a 500; graphql-js's own parse limit (parseOptions below) answers 400 instead.
    maxTokens: { enabled: false },
    maxAliases: { n: config.limits.maxAliases },
    costLimit: { maxCost: config.limits.maxCost },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();

  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
    // The supergraph knows Date/DateTime by name only; give them the subgraphs' rules so bad dates stop here.
    installDateScalars(loaded.apiSchema);
  });

  const app = express();
  app.disable('x-powered-by');
  // First on /graphql, so refused requests are logged and counted too.
  app.use('/graphql', observability.accessLog);
  // Before every route, so preflights of /graphql and /files answer 204 with the allow-list's headers.
  app.use(corsMiddleware(config.corsOrigins));
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  const rateLimits = createRateLimits(config.rateLimits, log);
  app.use(rateLimits.perIp);
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...armor,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 3000 }),
      requireOperationPlugin<GatewayContext>(),
      inputSanitationPlugin<GatewayContext>(),
      observability.graphqlPlugin,
    ],
    parseOptions: { maxTokens: config.limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    // runMain owns SIGINT/SIGTERM and the stop order; Apollo must not race it.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    formatError: (formatted, error) => maskError(formatted, error),
  });
  await apollo.start();

  // Subscriptions: one Kafka consumer per gateway, fanned out in memory; payload objects are
  // resolved by this same Apollo server (executeOperation), so limits, masking and the signed
  // principal are exactly those of the HTTP path.
  const brokers = config.subscriptions.kafkaBrokers;
  const bus: EventBus | undefined =
    brokers.length > 0
      ? createKafkaBus({ brokers, clientId: 'gateway', namespace: config.subscriptions.kafkaNamespace, log })
      : undefined;
  const hub = new EventHub({ bus, feeds: FEEDS, log, groupId: config.subscriptions.groupId });
  if (bus) {
    await hub.start();
    observability.watchConsumerLag({
      bus,
      groupId: hub.groupId,
      topics: [...new Set(FEEDS.flatMap((f) => f.topics))],
    });
  } else log.warn('KAFKA_BROKERS is not set: subscriptions are refused');
  const executeAsCaller: ExecuteQuery = async (request, principal, requestId) => {
    const response = await apollo.executeOperation(request, { contextValue: { principal, requestId } });
    if (response.body.kind !== 'single')
      throw new Error('subscriptions: incremental response from the supergraph');
    return response.body.singleResult;
  };
  if (config.devSignIn)
    mountDevSignIn(app, {
      jwtSecret: config.jwtSecret,
      issuer: config.tokens.issuer,
      execute: executeAsCaller,
      log,
    });
  const loader = new SupergraphLoader(executeAsCaller, config.limits, log);
  if (!apiSchema) throw new Error('gateway: the supergraph API schema was not loaded');
  const subscriptionSchema = buildSubscriptionSchema(apiSchema, FEEDS, hub, {
    queueLimit: config.subscriptions.queueLimit,
  });
  const subscriptionServer = createSubscriptionServer({
    httpServer,
    path: '/graphql',
    schema: subscriptionSchema,
    loader,
    jwtSecret: config.jwtSecret,
    tokenPolicy: config.tokens,
    unavailableReason: bus ? null : 'Subscriptions are not configured on this gateway.',
    validationRules: armor.validationRules,
    maxTokens: config.limits.maxTokens,
    maxPerConnection: config.subscriptions.maxPerConnection,
    maxPayloadBytes: config.limits.maxBodyBytes,
    production: config.production,
    log,
  });

  mountFileProxy(app, config.subgraphUrls, log, config.fileProxy);
  observability.mountMetrics(app);
  app.get('/health/live', (_req, res) => {
    // The pid lets a launcher tell its own child from another process that holds the port.
    res.json({ status: 'ok', service: 'gateway', pid: process.pid });
  });
  const readiness = createSubgraphReadiness(config.subgraphUrls, subgraphFetcher.breakerStates);
  app.get('/health/ready', async (_req, res) => {
    // From the subgraphs (see src/readiness.ts). A Kafka outage does not make the gateway unready:
    // queries work, subscriptions resume later.
    const { status, subgraphs } = await readiness.check();
    res
      .status(status === 'not ready' ? 503 : 200)
      .json({ status, service: 'gateway', pid: process.pid, subgraphs, subscriptions: hub.state });
  });
  const verifyToken = createTokenVerifier(config.jwtSecret, config.tokens);
  app.use(
    '/graphql',
    requireJsonBody,
    ...graphqlBodyParser(config.limits),
    async (req, res, next) => {
      const given = req.header(REQUEST_ID_HEADER);
      const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, requestId);
      res.locals.requestId = requestId;
      const header = req.header('authorization');
      let principal: Principal = ANONYMOUS;
      if (header) {
        const token = /^Bearer (.+)$/i.exec(header)?.[1];
        try {
          if (!token) throw new InvalidTokenError('Use "Authorization: Bearer <token>".');
          principal = await verifyToken(token);
        } catch (error) {
          const message = error instanceof InvalidTokenError ? error.message : 'The bearer token is invalid.';
          res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
          return;
        }
      }
      res.locals.principal = principal;
      next();
    },
    rateLimits.perPrincipal,
    expressMiddleware(apollo, {
      context: async ({ res }) => ({
        principal: res.locals.principal as Principal,
        requestId: res.locals.requestId as string,
        access: res.locals.access as AccessRecord | undefined,
      }),
    }),
  );
  mountConsole(app, config.consoleDir, log);
  // Unknown routes, malformed JSON, oversized bodies, wrong charsets: JSON with a code, never HTML.
  app.use(jsonNotFound);
  app.use(jsonErrorHandler(log));

  return {
    app,
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, config.host, () => {
          const address = httpServer.address();
          const actual = typeof address === 'object' && address ? address.port : port;
          resolve(`http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${actual}/graphql`);
        });
      }),
    subscriptions: {
      listenerCount: () => hub.listenerCount(),
      connectionCount: () => subscriptionServer.connectionCount(),
      state: () => hub.state,
      groupId: hub.groupId,
      supergraphOperations: () => loader.operations,
    },
    stop: async () => {
      await subscriptionServer
        .close()
        .catch((error: unknown) => log.warn({ err: error }, 'subscriptions: close failed'));
      await hub.stop();
      await bus?.close();
      await apollo.stop();
      await subgraphFetcher.close();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}
