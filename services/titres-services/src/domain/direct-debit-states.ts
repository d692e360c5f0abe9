import { DomainError } from '@fidu/service-kit/domain';

/** States of a direct-debit (domiciliation) request. */
export type DirectDebitState = 'REQUESTED' | 'ACTIVE' | 'REJECTED' | 'CANCELLED';
/** ACCEPT/REJECT: the platform's operator once the bank answered; CANCEL: the company. */
export type DirectDebitAction = 'ACCEPT' | 'REJECT' | 'CANCEL';

/** The one transition table of the direct-debit request. */
export const DIRECT_DEBIT_TRANSITIONS: Readonly<
  Record<DirectDebitState, Partial<Record<DirectDebitAction, DirectDebitState>>>
> = {
  REQUESTED: { ACCEPT: 'ACTIVE', REJECT: 'REJECTED', CANCEL: 'CANCELLED' },
  ACTIVE: { CANCEL: 'CANCELLED' },
  REJECTED: {},
  CANCELLED: {},
};

/** The next state, or TS_DIRECT_DEBIT_ILLEGAL_TRANSITION. */
export function nextDirectDebitState(from: DirectDebitState, action: DirectDebitAction): DirectDebitState {
  const to = DIRECT_DEBIT_TRANSITIONS[from][action];
  if (!to) {
    throw new DomainError(
      'TS_DIRECT_DEBIT_ILLEGAL_TRANSITION',
      `${action} is not allowed on a direct debit in state ${from}.`,
      undefined,
      {
        from,
        action,
      },
    );
  }
  return to;
}
