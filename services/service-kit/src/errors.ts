/**
 * Domain errors: plain TypeScript (no GraphQL here; graphql/graphql-errors.ts turns them into
 * GraphQL errors), so services' domain code may import them through `@fidu/service-kit/domain`.
 */
import type { Principal } from './auth/principal';
import { capErrorMessage } from './domain/error-text';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else is bad input, caught before it reaches SQL. */
export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value))
    throw new DomainError('INVALID_ID', `${field} must be an id this API issued (a UUID).`, field);
  return value.toLowerCase();
}
