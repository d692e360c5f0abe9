import { QueryFailedError } from 'typeorm';
import { DomainError } from '@fidu/service-kit';

/** Turns a unique-index violation into the domain error the caller can act on. */
export function mapUniqueViolation(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code !== '23505') return error;
  if (driver.constraint === 'client_office_code_uq') {
    return new DomainError(
      'CLIENT_CODE_TAKEN',
      'Another client of this office already has this client code.',
      'clientCode',
    );
  }
  if (driver.constraint === 'client_office_enterprise_uq') {
    return new DomainError(
      'CLIENT_ENTERPRISE_NUMBER_TAKEN',
      'Another client of this office already has this enterprise number.',
      'enterpriseNumber',
    );
  }
  return error;
}
