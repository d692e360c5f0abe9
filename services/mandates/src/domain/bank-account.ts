import type { BankKind } from './bank-kind';
import { createStateMachine } from './state-machine';

/** States of a bank account covered by a CODA mandate. */
export const BANK_ACCOUNT_STATES = [
  'WAITING_FOR_SIGNED_MANDATE',
  'WAITING_FOR_HOLDER_ACTIVATION',
  'ACTIVATION_PENDING_AT_BANK',
  'ACTIVE_WAITING_FOR_FIRST_FILE',
  'ACTIVE',
  'STOPPED_BY_HOLDER',
  'STOPPED_BY_BANK',
] as const;
export type BankAccountState = (typeof BANK_ACCOUNT_STATES)[number];

/** The one table of bank-account transitions; a stopped account can be activated again. */
export const BANK_ACCOUNT_MACHINE = createStateMachine<BankAccountState>('bank account', 'BANK_ACCOUNT', {
  WAITING_FOR_SIGNED_MANDATE: [
    'WAITING_FOR_HOLDER_ACTIVATION',
    'ACTIVATION_PENDING_AT_BANK',
    'STOPPED_BY_BANK',
  ],
  WAITING_FOR_HOLDER_ACTIVATION: [
    'ACTIVATION_PENDING_AT_BANK',
    'ACTIVE_WAITING_FOR_FIRST_FILE',
    'STOPPED_BY_HOLDER',
    'STOPPED_BY_BANK',
  ],
  ACTIVATION_PENDING_AT_BANK: ['ACTIVE_WAITING_FOR_FIRST_FILE', 'STOPPED_BY_HOLDER', 'STOPPED_BY_BANK'],
  ACTIVE_WAITING_FOR_FIRST_FILE: ['ACTIVE', 'STOPPED_BY_HOLDER', 'STOPPED_BY_BANK'],
  ACTIVE: ['STOPPED_BY_HOLDER', 'STOPPED_BY_BANK'],
  STOPPED_BY_HOLDER: ['ACTIVATION_PENDING_AT_BANK'],
  STOPPED_BY_BANK: ['ACTIVATION_PENDING_AT_BANK'],
});

/** Where an account goes when its mandate is signed: online-banking holders must activate it themselves. */
export function stateAfterSignature(kind: BankKind): BankAccountState {
  return kind === 'ONLINE_BANKING' ? 'WAITING_FOR_HOLDER_ACTIVATION' : 'ACTIVATION_PENDING_AT_BANK';
}

/** States in which statement files are (or are about to be) delivered. */
export const ACTIVE_ACCOUNT_STATES: readonly BankAccountState[] = ['ACTIVE_WAITING_FOR_FIRST_FILE', 'ACTIVE'];
