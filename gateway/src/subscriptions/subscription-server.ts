import type http from 'node:http';
import { decodeJwt } from 'jose';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger, Principal } from '@fidu/service-kit';
import { InvalidTokenError, verifyBearerToken, type TokenPolicy } from '@fidu/service-kit/bearer-token';
import { maskError } from '../plugins/mask-errors';
import { audienceOf } from './feed';
import type { SubscriptionContext } from './subscription-schema';
import { subscribePipelined } from './pipelined-subscribe';
import { subscriptionFieldResolver, type SupergraphLoader } from './supergraph-loader';

/** Close codes of refused connections: graphql-ws's own Unauthorized and Forbidden. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  path: string;
  /** The supergraph API schema extended with the feeds (buildSubscriptionSchema). */
  schema: GraphQLSchema;
  loader: SupergraphLoader;
  jwtSecret: string;
  tokenPolicy: TokenPolicy;
  /** Null when Kafka is not configured: connections are then refused with a reason. */
  unavailableReason: string | null;
  validationRules: readonly ValidationRule[];
  maxTokens: number;
  /** Subscriptions one connection may hold at once. */
  maxPerConnection: number;
  maxPayloadBytes: number;
  production: boolean;
  log: Logger;
}

export interface SubscriptionServer {
  /** Open WebSocket connections. */
  connectionCount(): number;
  close(): Promise<void>;
}

/** Errors go out masked exactly like on the HTTP path; request errors keep their code. */
function masked(error: GraphQLError | GraphQLFormattedError, fallbackCode?: string): GraphQLFormattedError {
  const formatted = error instanceof GraphQLError ? error.toJSON() : error;
  if (fallbackCode && typeof formatted.extensions?.code !== 'string') {
    return maskError({ ...formatted, extensions: { ...formatted.extensions, code: fallbackCode } });
  }
  return maskError(formatted);
}

function bearerOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The gateway's WebSocket endpoint: graphql-ws on the GraphQL path of the gateway's HTTP server.
 * The bearer token travels in `connectionParams.authorization`; a missing or invalid one closes the
 * connection with 4401 and the reason, a principal that has no subscriptions with 4403. Only
 * subscription operations are served (queries and mutations: HTTP POST).
 */
export function createSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.maxPayloadBytes,
  });
  const principals = new WeakMap<object, Principal>();
  const expiryTimers = new WeakMap<object, NodeJS.Timeout>();
  const rules = [...specifiedRules, ...options.validationRules];

  const server = useServer<Record<string, unknown>>(
    {
      isProd: options.production,
      subscribe: (args) => subscribePipelined(args),
      onConnect: async (ctx: Context<Record<string, unknown>>) => {
        const socket = (ctx.extra as { socket: import('ws').WebSocket }).socket;
        if (options.unavailableReason) {
          socket.close(4503, options.unavailableReason);
          return false;
        }
        const header = bearerOf(ctx.connectionParams);
        const token = header ? /^Bearer (.+)$/i.exec(header)?.[1] : undefined;
        if (!token) {
          socket.close(CLOSE_UNAUTHORIZED, 'Send connectionParams { "authorization": "Bearer <token>" }.');
          return false;
        }
        let principal: Principal;
        try {
          principal = await verifyBearerToken(token, options.jwtSecret, options.tokenPolicy);
        } catch (error) {
          options.log.debug({ err: error }, 'subscriptions: connection refused');
          socket.close(
            CLOSE_UNAUTHORIZED,
            error instanceof InvalidTokenError ? error.message : 'The bearer token is invalid.',
          );
          return false;
        }
        if (!audienceOf(principal)) {
          socket.close(CLOSE_FORBIDDEN, `Subscriptions are not available to ${principal.kind} principals.`);
          return false;
        }
        principals.set(ctx, principal);
        // The connection lives as long as its token: an expired token closes it.
        const exp = decodeJwt(token).exp;
        if (exp) {
          const timer = setTimeout(
            () => socket.close(CLOSE_UNAUTHORIZED, 'The bearer token expired.'),
            // Timers overflow past ~24.8 days: a longer-lived token is closed then and reconnects.
            Math.min(Math.max(0, exp * 1000 - Date.now()), 2 ** 31 - 1),
          );
          timer.unref();
          expiryTimers.set(ctx, timer);
        }
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(expiryTimers.get(ctx));
      },
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        // graphql-ws has already registered this one: more than the limit are refused, not queued.
        if (Object.keys(ctx.subscriptions).length > options.maxPerConnection) {
          return [
            new GraphQLError(
              `At most ${options.maxPerConnection} subscriptions per connection; complete one or open another connection.`,
              {
                extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
              },
            ),
          ];
        }
        const schema = options.schema;
        let document;
        try {
          document = parse(payload.query, { maxTokens: options.maxTokens });
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Syntax error.';
          return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) {
          return errors.map(
            (e) =>
              new GraphQLError(e.message, {
                nodes: e.nodes,
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions },
              }),
          );
        }
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [
            new GraphQLError(
              'Only subscriptions are served over WebSocket; send queries and mutations with HTTP POST to /graphql.',
              {
                extensions: { code: 'BAD_REQUEST' },
              },
            ),
          ];
        }
        const contextValue: SubscriptionContext = {
          principal: principals.get(ctx) as Principal,
          loader: options.loader,
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
          fieldResolver: subscriptionFieldResolver,
        };
      },
      // Errors without a path are request errors (variables, refused subscribe): bad input, not internal.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e) => masked(e, e.path ? undefined : 'BAD_USER_INPUT')) }
          : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => masked(e, 'BAD_USER_INPUT')),
    },
    wss,
  );

  return {
    connectionCount: () => wss.clients.size,
    close: () => server.dispose() as Promise<void>,
  };
}
