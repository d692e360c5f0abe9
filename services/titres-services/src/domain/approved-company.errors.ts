import { DomainError } from '@fidu/service-kit/domain';

/** The client is unknown here, or belongs to another office (the same answer, so nothing leaks). */
export function clientNotFound(field = 'clientId'): DomainError {
  return new DomainError('CLIENT_NOT_FOUND', 'No such client in your office.', field);
}

/** The company does not exist, or is not one the caller may act on (the same answer, so nothing leaks). */
export function companyNotFound(field = 'companyId'): DomainError {
  return new DomainError('TS_COMPANY_NOT_FOUND', 'No such approved company among yours.', field);
}
