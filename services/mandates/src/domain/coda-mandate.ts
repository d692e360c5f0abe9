import type { BankKind } from './bank-kind';
import { createStateMachine } from './state-machine';

/** States of a CODA mandate, from order to activation. */
export const CODA_STATES = [
  'REGISTERED',
  'IN_TREATMENT',
  'IN_PREPARATION',
  'SENT_TO_CLIENT',
  'AVAILABLE_ONLINE',
  'SIGNED',
  'BANK_PROCEDURE',
  'PROBLEM',
  'ACTIVE',
  'ARCHIVED',
] as const;
export type CodaState = (typeof CODA_STATES)[number];

/**
 * The one table of CODA transitions. Self-loops on SENT_TO_CLIENT and AVAILABLE_ONLINE are the
 * "resend to client" action (recorded in the history like any change).
 */
export const CODA_MACHINE = createStateMachine<CodaState>('CODA mandate', 'CODA', {
  REGISTERED: ['IN_TREATMENT', 'ARCHIVED'],
  IN_TREATMENT: ['IN_PREPARATION', 'AVAILABLE_ONLINE', 'PROBLEM', 'ARCHIVED'],
  IN_PREPARATION: ['SENT_TO_CLIENT', 'SIGNED', 'PROBLEM', 'ARCHIVED'],
  SENT_TO_CLIENT: ['SENT_TO_CLIENT', 'SIGNED', 'PROBLEM', 'ARCHIVED'],
  AVAILABLE_ONLINE: ['AVAILABLE_ONLINE', 'SIGNED', 'PROBLEM', 'ARCHIVED'],
  SIGNED: ['BANK_PROCEDURE', 'PROBLEM', 'ARCHIVED'],
  BANK_PROCEDURE: ['ACTIVE', 'PROBLEM', 'ARCHIVED'],
  PROBLEM: ['SENT_TO_CLIENT', 'AVAILABLE_ONLINE', 'SIGNED', 'BANK_PROCEDURE', 'ARCHIVED'],
  ACTIVE: ['ARCHIVED'],
  ARCHIVED: [],
});

/** Not signed yet: available online, in preparation, sent to the client, or a problem before signature. */
export const UNSIGNED_CODA_STATES: readonly CodaState[] = [
  'AVAILABLE_ONLINE',
  'IN_PREPARATION',
  'SENT_TO_CLIENT',
  'PROBLEM',
];

/** Whether the mandate is still to be signed by the client (a problem after signature is not). */
export function isUnsigned(state: CodaState, signedAt: Date | null): boolean {
  return signedAt === null && UNSIGNED_CODA_STATES.includes(state);
}

/** Who manages the office's mandates: the office itself, or the platform on its behalf. */
export const MANAGEMENT_MODES = ['OFFICE', 'PLATFORM'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];
/** When an office never chose, the platform manages (what most offices have). */
export const DEFAULT_MANAGEMENT_MODE: ManagementMode = 'PLATFORM';

/** Actions an office may take on a mandate. */
export const CODA_ACTIONS = [
  'DOWNLOAD_DOCUMENT',
  'SIGN_ELECTRONICALLY',
  'ARCHIVE',
  'RESEND_TO_CLIENT',
] as const;
export type CodaAction = (typeof CODA_ACTIONS)[number];

/** The first state of a new order: a bank that is not compatible keeps it registered. */
export function initialCodaState(kind: BankKind): CodaState {
  return kind === 'NOT_COMPATIBLE' ? 'REGISTERED' : 'IN_TREATMENT';
}

/** The state a mandate reaches once the platform has prepared it (in the order's transaction). */
export function preparedCodaState(kind: BankKind): CodaState | null {
  return kind === 'STANDARD' ? 'IN_PREPARATION' : null;
}

/** Where "resend to client" leads for a bank kind. */
export function resentCodaState(kind: BankKind): CodaState {
  return kind === 'ONLINE_BANKING' ? 'AVAILABLE_ONLINE' : 'SENT_TO_CLIENT';
}

export interface ActionInput {
  state: CodaState;
  signedAt: Date | null;
  bank: { kind: BankKind; supportsEsignature: boolean };
  mode: ManagementMode;
}

/**
 * The actions offered on a mandate, from the office's management mode × the bank's kind (seed
 * 001: "les actions possibles dépendent du type de banque et de l'accord … concernant la gestion"):
 * - a document exists only at STANDARD banks, while the mandate is unsigned;
 * - DOWNLOAD_DOCUMENT: the office manages, so it hands the document to its client;
 * - SIGN_ELECTRONICALLY: the bank accepts an e-signature (either mode);
 * - RESEND_TO_CLIENT: the platform manages, so the platform (re)sends it;
 * - ARCHIVE: whenever the transition table allows it.
 */
export function availableCodaActions(input: ActionInput): CodaAction[] {
  const { state, bank, mode } = input;
  const unsigned = isUnsigned(state, input.signedAt);
  const document = bank.kind === 'STANDARD' && unsigned && state !== 'AVAILABLE_ONLINE';
  const actions: CodaAction[] = [];
  if (document && mode === 'OFFICE') actions.push('DOWNLOAD_DOCUMENT');
  if (document && bank.supportsEsignature) actions.push('SIGN_ELECTRONICALLY');
  if (CODA_MACHINE.canMove(state, 'ARCHIVED')) actions.push('ARCHIVE');
  const resendable =
    bank.kind === 'ONLINE_BANKING'
      ? unsigned && (state === 'AVAILABLE_ONLINE' || state === 'PROBLEM')
      : document;
  if (mode === 'PLATFORM' && resendable) actions.push('RESEND_TO_CLIENT');
  return actions;
}
