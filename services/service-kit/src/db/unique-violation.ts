import { QueryFailedError } from 'typeorm';
import type { DomainError } from '../errors';

/** PostgreSQL's SQLSTATE for a unique-index violation. */
const UNIQUE_VIOLATION = '23505';

/** The unique index a failed statement violated, or undefined for any other error. */
export function violatedUniqueIndex(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === UNIQUE_VIOLATION ? driver.constraint : undefined;
}

/**
 * A service's mapper from its unique indexes to the domain errors a caller can act on (the
 * indexes, not the pre-checks, make the rules hold under concurrent requests). Errors of other
 * indexes and other failures come back unchanged: `throw mapUniqueViolation(error)`.
 */
export function uniqueViolationMapper(
  byIndex: Readonly<Record<string, () => DomainError>>,
): (error: unknown) => unknown {
  return (error) => {
    const index = violatedUniqueIndex(error);
    const toDomainError = index === undefined ? undefined : byIndex[index];
    return toDomainError ? toDomainError() : error;
  };
}
