import { DomainError } from '@fidu/service-kit/domain';

/** The prestation does not exist or is not the caller's (the same answer, so nothing leaks). */
export function prestationNotFound(field = 'prestationId'): DomainError {
  return new DomainError('TS_PRESTATION_NOT_FOUND', 'No such prestation among yours.', field);
}

export function voucherUserNotFound(field = 'voucherUserId'): DomainError {
  return new DomainError('TS_VOUCHER_USER_NOT_FOUND', 'No such voucher user in your office.', field);
}

export function workerNotFound(field = 'workerId'): DomainError {
  return new DomainError('TS_WORKER_NOT_FOUND', 'No such worker in this company.', field);
}

export function directDebitNotFound(field = 'requestId'): DomainError {
  return new DomainError('TS_DIRECT_DEBIT_NOT_FOUND', 'No such direct-debit request among yours.', field);
}

/** Not found, not the caller's, or a malformed id: one answer, so nothing about other tenants leaks. */
export function invoiceNotFound(): DomainError {
  return new DomainError('TS_INVOICE_NOT_FOUND', 'No such invoice among yours.', 'id');
}
