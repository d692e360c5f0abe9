import { QueryFailedError } from 'typeorm';
import { DomainError } from '@fidu/service-kit';

/** Turns a unique-index violation into the domain error the caller can act on. */
export function mapUniqueViolation(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driver = error.driverError as { code?: string; constraint?: string };
  if (driver.code !== '23505') return error;
  switch (driver.constraint) {
    case 'approved_company_client_uq':
      return new DomainError(
        'TS_COMPANY_ALREADY_REGISTERED',
        'This client is already registered as an approved company.',
        'clientId',
      );
    case 'approved_company_office_approval_uq':
      return new DomainError(
        'TS_APPROVAL_NUMBER_TAKEN',
        'Another approved company of this office already has this approval number.',
        'approvalNumber',
      );
    case 'worker_company_niss_uq':
      return new DomainError(
        'TS_WORKER_ALREADY_ADDED',
        'A worker with this national number (NISS) already works for this company.',
        'niss',
      );
    default:
      return error;
  }
}
