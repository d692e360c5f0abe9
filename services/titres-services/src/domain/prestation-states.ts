import { DomainError, stateMachine, type TransitionTable } from '@fidu/service-kit/domain';

/** States of a prestation; see README.md for the diagram and export codes. */
export const PRESTATION_STATES = [
  'ENCODED',
  'CONFIRMED',
  'VALIDATED',
  'CONTESTED',
  'CORRECTED',
  'AWAITING_VOUCHERS',
  'ATTRIBUTED',
  'REIMBURSED',
  'CANCELLED',
  'PARTIALLY_ATTRIBUTED',
  'PARTIALLY_REIMBURSED',
  'PARTIALLY_ATTRIBUTED_FURTHER',
  'PARTIALLY_ATTRIBUTED_COMPLETE',
] as const;
export type PrestationState = (typeof PRESTATION_STATES)[number];

/**
 * What moves a prestation. CONFIRM/CONTEST are the user's, VALIDATE/CORRECT/CANCEL the company's
 * (or its office's), AUTO_VALIDATE the scheduled job's at the end of the period, ATTRIBUTE the
 * wallet's (vouchers taken after a later order), REIMBURSE a reimbursement request (remise).
 */
export type PrestationAction =
  'CONFIRM' | 'CONTEST' | 'VALIDATE' | 'CORRECT' | 'CANCEL' | 'AUTO_VALIDATE' | 'ATTRIBUTE' | 'REIMBURSE';

/**
 * Where an action may lead, by outcome. `agreed` = both sides have now agreed (user confirmed
 * and company validated, or the period ran out): vouchers are attributed at once and the
 * outcome is how far the wallet went (`none`, `partial`, `complete`).
 */
type Outcome = 'pending' | 'none' | 'partial' | 'complete';
type Targets = Partial<Record<Outcome, PrestationState>>;

/** Both sides agreed: the wallet decides between these three. */
const PAY: Targets = { none: 'AWAITING_VOUCHERS', partial: 'PARTIALLY_ATTRIBUTED', complete: 'ATTRIBUTED' };
/** Further vouchers after a partial attribution (codes 18 and 19). */
const TOP_UP: Targets = {
  partial: 'PARTIALLY_ATTRIBUTED_FURTHER',
  complete: 'PARTIALLY_ATTRIBUTED_COMPLETE',
};
const CANCEL: Targets = { pending: 'CANCELLED' };

/** The one transition table of the prestation aggregate: from → action → outcome → to. */
export const PRESTATION_TRANSITIONS: TransitionTable<PrestationState, PrestationAction, Targets> = {
  ENCODED: {
    CONFIRM: { pending: 'CONFIRMED' },
    CONTEST: { pending: 'CONTESTED' },
    VALIDATE: { pending: 'VALIDATED' },
    CORRECT: { pending: 'CORRECTED' },
    AUTO_VALIDATE: PAY,
    CANCEL,
  },
  CONFIRMED: { VALIDATE: PAY, AUTO_VALIDATE: PAY, CANCEL },
  VALIDATED: { CONFIRM: PAY, CONTEST: { pending: 'CONTESTED' }, AUTO_VALIDATE: PAY, CANCEL },
  // Contested: the company validates as encoded or corrects; either way the user confirms again.
  CONTESTED: { VALIDATE: { pending: 'VALIDATED' }, CORRECT: { pending: 'CORRECTED' }, CANCEL },
  CORRECTED: { CONFIRM: PAY, CONTEST: { pending: 'CONTESTED' }, AUTO_VALIDATE: PAY, CANCEL },
  AWAITING_VOUCHERS: { ATTRIBUTE: { partial: 'PARTIALLY_ATTRIBUTED', complete: 'ATTRIBUTED' } },
  ATTRIBUTED: { REIMBURSE: { complete: 'REIMBURSED' } },
  PARTIALLY_ATTRIBUTED: { ATTRIBUTE: TOP_UP, REIMBURSE: { partial: 'PARTIALLY_REIMBURSED' } },
  PARTIALLY_REIMBURSED: { ATTRIBUTE: TOP_UP },
  PARTIALLY_ATTRIBUTED_FURTHER: { ATTRIBUTE: TOP_UP, REIMBURSE: { partial: 'PARTIALLY_REIMBURSED' } },
  PARTIALLY_ATTRIBUTED_COMPLETE: { REIMBURSE: { complete: 'REIMBURSED' } },
  REIMBURSED: {},
  CANCELLED: {},
};

/** Export status code and label (French, as in the export file) of every state. */
export const EXPORT_STATUS: Readonly<Record<PrestationState, { code: number; label: string }>> = {
  ENCODED: { code: 1, label: 'Encodée' },
  CONFIRMED: { code: 2, label: "Confirmée par l'utilisateur" },
  VALIDATED: { code: 3, label: "Validée par l'entreprise" },
  CONTESTED: { code: 4, label: 'Contestée' },
  CORRECTED: { code: 5, label: 'Corrigée' },
  AWAITING_VOUCHERS: { code: 6, label: 'En attente de titres-services' },
  ATTRIBUTED: { code: 7, label: 'Attribuée' },
  REIMBURSED: { code: 8, label: 'Remboursée' },
  CANCELLED: { code: 9, label: 'Annulée' },
  PARTIALLY_ATTRIBUTED: { code: 16, label: 'Partiellement attribuée' },
  PARTIALLY_REIMBURSED: { code: 17, label: 'Partiellement remboursée' },
  PARTIALLY_ATTRIBUTED_FURTHER: { code: 18, label: 'Partiellement attribuée' },
  PARTIALLY_ATTRIBUTED_COMPLETE: { code: 19, label: 'Partiellement attribuée' },
};

/** States in which vouchers may be attributed when the user buys more (partial ones first). */
export const PARTIALLY_PAID_STATES: readonly PrestationState[] = [
  'PARTIALLY_ATTRIBUTED',
  'PARTIALLY_REIMBURSED',
  'PARTIALLY_ATTRIBUTED_FURTHER',
];

/** States the period job validates automatically (the user or the company has not acted yet). */
export const AUTO_VALIDATED_STATES: readonly PrestationState[] = [
  'ENCODED',
  'CONFIRMED',
  'VALIDATED',
  'CORRECTED',
];

/** States in which the voucher user still has to confirm or contest. */
export const AWAITING_USER_STATES: readonly PrestationState[] = ['ENCODED', 'VALIDATED', 'CORRECTED'];
/** States in which the company still has to validate, or answer a contest. */
export const AWAITING_COMPANY_STATES: readonly PrestationState[] = ['ENCODED', 'CONFIRMED', 'CONTESTED'];

/** The counts that decide the outcome of an attribution or reimbursement. */
export interface VoucherCounts {
  needed: number;
  attributed: number;
  reimbursementRequested: number;
}

/** A state change refused by the table. */
export function illegalTransition(from: PrestationState, action: PrestationAction): DomainError {
  return new DomainError(
    'TS_PRESTATION_ILLEGAL_TRANSITION',
    `${action} is not allowed on a prestation in state ${from}.`,
    undefined,
    { from, action },
  );
}

/** The table as a state machine (the kit's shape); its targets are the outcomes above. */
export const prestationMachine = stateMachine(PRESTATION_TRANSITIONS, illegalTransition);

/** Whether the table allows `action` from `from` at all (whatever the outcome). */
export function canApply(from: PrestationState, action: PrestationAction): boolean {
  return prestationMachine.can(from, action);
}

/** Whether `action` from `from` means both sides have now agreed, so vouchers must be attributed. */
export function leadsToPayment(from: PrestationState, action: PrestationAction): boolean {
  return PRESTATION_TRANSITIONS[from][action] === PAY;
}

/**
 * The state after `action`, given the voucher counts after it (attribution or reimbursement
 * already applied to `after`). Throws TS_PRESTATION_ILLEGAL_TRANSITION for anything the table
 * does not list.
 */
export function nextPrestationState(
  from: PrestationState,
  action: PrestationAction,
  after?: VoucherCounts,
): PrestationState {
  const targets = prestationMachine.next(from, action);
  let outcome: Outcome = 'pending';
  if (targets.pending === undefined) {
    if (!after) throw new Error(`${action} from ${from} needs voucher counts`);
    if (action === 'REIMBURSE')
      outcome = after.reimbursementRequested >= after.needed ? 'complete' : 'partial';
    else
      outcome = after.attributed === 0 ? 'none' : after.attributed >= after.needed ? 'complete' : 'partial';
  }
  const to = targets[outcome];
  if (!to) throw illegalTransition(from, action);
  return to;
}
