import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A subscription sent over HTTP: refused with 400 BAD_REQUEST (it belongs on the WebSocket).
 *
 * Several operations and no operationName, or a name the document lacks: Apollo Server lets it
 * through to the gateway's executor, which throws and turns it into a 500. Refuse it here, as
 * Apollo does for a plain server: 400 OPERATION_RESOLUTION_FAILURE.
 */
export function requireOperationPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          // The supergraph has no Subscription root: over HTTP the gateway's executor threw, a 500.
          if (operation?.operation === 'subscription')
            throw new GraphQLError(
              'Subscriptions are served over WebSocket (graphql-ws) on this same path, not over HTTP.',
              { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
            );
          if (operation) return;
          throw new GraphQLError(
            request.operationName
              ? 'No operation by that operationName in the document.'
              : 'The document holds several operations: say which one to run (operationName).',
            { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
          );
        },
      };
    },
  };
}
