import { DomainError, uniqueViolationMapper } from '@fidu/service-kit';

/** The clients' unique indexes and the domain error each one means to the caller. */
export const mapUniqueViolation = uniqueViolationMapper({
  client_office_code_uq: () =>
    new DomainError(
      'CLIENT_CODE_TAKEN',
      'Another client of this office already has this client code.',
      'clientCode',
    ),
  client_office_enterprise_uq: () =>
    new DomainError(
      'CLIENT_ENTERPRISE_NUMBER_TAKEN',
      'Another client of this office already has this enterprise number.',
      'enterpriseNumber',
    ),
});
