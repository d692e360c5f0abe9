import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Principal } from './auth/principal';
import { capErrorMessage } from './graphql/error-text';

/**
 * An expected business failure with a stable, machine-readable code (e.g. CLIENT_CODE_TAKEN).
 * Thrown by domain code and use cases; the server turns it into a GraphQL error with
 * `extensions.code` (and `extensions.field` when one input field is at fault).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Raised when several inputs are invalid at once: one error, every problem listed. */
export class ValidationError extends DomainError {
  constructor(readonly problems: { field: string; code: string; message: string }[]) {
    super(
      problems[0]?.code ?? 'VALIDATION_FAILED',
      problems.map((p) => p.message).join('; '),
      problems[0]?.field,
      {
        problems: problems.map((p) => ({ ...p, message: capErrorMessage(p.message) })),
      },
    );
  }
}

export function unauthenticated(): DomainError {
  return new DomainError('UNAUTHENTICATED', 'Authentication required: send a bearer token.');
}

export function forbidden(message = 'You are not allowed to do this.'): DomainError {
  return new DomainError('FORBIDDEN', message);
}

/** The office the caller acts for; anything else (partner, anonymous…) is refused. */
export function requireOffice(principal: Principal): Extract<Principal, { kind: 'office' }> {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'office') throw forbidden('Only an accounting office can do this.');
  return principal;
}

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
  onUnexpected(original ?? error);
  return { message: 'Internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else is bad input, caught before it reaches SQL. */
export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value))
    throw new DomainError('INVALID_ID', `${field} must be an id this API issued (a UUID).`, field);
  return value.toLowerCase();
}
