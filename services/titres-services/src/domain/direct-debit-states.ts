import { DomainError, stateMachine, type TransitionTable } from '@fidu/service-kit/domain';

/** States of a direct-debit (domiciliation) request. */
export type DirectDebitState = 'REQUESTED' | 'ACTIVE' | 'REJECTED' | 'CANCELLED';
/** ACCEPT/REJECT: the platform's operator once the bank answered; CANCEL: the company. */
export type DirectDebitAction = 'ACCEPT' | 'REJECT' | 'CANCEL';

/** The one transition table of the direct-debit request. */
export const DIRECT_DEBIT_TRANSITIONS: TransitionTable<DirectDebitState, DirectDebitAction> = {
  REQUESTED: { ACCEPT: 'ACTIVE', REJECT: 'REJECTED', CANCEL: 'CANCELLED' },
  ACTIVE: { CANCEL: 'CANCELLED' },
  REJECTED: {},
  CANCELLED: {},
};

/** The table as a state machine; a move it does not list is TS_DIRECT_DEBIT_ILLEGAL_TRANSITION. */
export const directDebitMachine = stateMachine(
  DIRECT_DEBIT_TRANSITIONS,
  (from, action) =>
    new DomainError(
      'TS_DIRECT_DEBIT_ILLEGAL_TRANSITION',
      `${action} is not allowed on a direct debit in state ${from}.`,
      undefined,
      { from, action },
    ),
);

/** The next state, or TS_DIRECT_DEBIT_ILLEGAL_TRANSITION. */
export function nextDirectDebitState(from: DirectDebitState, action: DirectDebitAction): DirectDebitState {
  return directDebitMachine.next(from, action);
}
