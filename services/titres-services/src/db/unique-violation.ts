import { DomainError, uniqueViolationMapper } from '@fidu/service-kit';

/** The titres-services' unique indexes and the domain error each one means to the caller. */
export const mapUniqueViolation = uniqueViolationMapper({
  approved_company_client_uq: () =>
    new DomainError(
      'TS_COMPANY_ALREADY_REGISTERED',
      'This client is already registered as an approved company.',
      'clientId',
    ),
  approved_company_office_approval_uq: () =>
    new DomainError(
      'TS_APPROVAL_NUMBER_TAKEN',
      'Another approved company of this office already has this approval number.',
      'approvalNumber',
    ),
  worker_company_niss_uq: () =>
    new DomainError(
      'TS_WORKER_ALREADY_ADDED',
      'A worker with this national number (NISS) already works for this company.',
      'niss',
    ),
});
