import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../errors';
import { capErrorMessage } from '../domain/error-text';
import { isPassingDatabaseFailure } from '../events/transient-failure';

/** The one place a domain error becomes a GraphQL error. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(capErrorMessage(error.message), {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ?? {}),
    },
  });
}

/**
 * Apollo `formatError`: domain errors keep their code and message; anything unexpected is
 * masked so no stack, SQL or internal address leaks to the caller (it is logged instead).
 */
export function formatSubgraphError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onUnexpected: (error: unknown) => void,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) return toGraphQLError(original).toJSON();
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return {
      message: capErrorMessage(formatted.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  }
  if (isPassingDatabaseFailure(original ?? error)) {
    // Typed and retryable, never INTERNAL_SERVER_ERROR: the gateway runs a read again once; a write's
    // caller decides (its transaction was rolled back, or its commit's outcome is unknown).
    return {
      message: 'The database is briefly unavailable; try again.',
      path: formatted.path,
      extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true },
    };
  }
  onUnexpected(original ?? error);
  return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
