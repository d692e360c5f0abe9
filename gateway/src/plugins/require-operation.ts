import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Several operations and no operationName, or a name the document lacks: Apollo Server lets it
 * through to the gateway's executor, which throws and turns it into a 500. Refuse it here, as
 * Apollo does for a plain server: 400 OPERATION_RESOLUTION_FAILURE.
 */
export function requireOperationPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
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
