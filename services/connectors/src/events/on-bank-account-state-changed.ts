import type { EntityManager } from 'typeorm';
import { BankAccountState, type BankAccountStateChanged } from '@fidu/proto-events';
import { wallClockOf } from '@fidu/service-kit';
import {
  liftBankAccountStop,
  markBankAccountStopped,
  type BankAccountStop,
} from '../db/bank-account.repository';
import { normalizeIban } from '@fidu/service-kit/domain';

const STOPPED: ReadonlyMap<BankAccountState, BankAccountStop> = new Map([
  [BankAccountState.STOPPED_BY_HOLDER, 'STOPPED_BY_HOLDER'],
  [BankAccountState.STOPPED_BY_BANK, 'STOPPED_BY_BANK'],
]);
const ACTIVE: readonly BankAccountState[] = [
  BankAccountState.ACTIVE_WAITING_FOR_FIRST_FILE,
  BankAccountState.ACTIVE,
];

/**
 * mandates stopped an account (by its holder or its bank) or made it active again. A stop is kept
 * with its Brussels date (the event's time): entries booked after it are refused and counted, those
 * booked up to it still flow; the account stays with its dossier. Active again: the stop is lifted.
 * Only the account that mandates activation created is touched, never a later holder's.
 */
export async function onBankAccountStateChanged(
  em: EntityManager,
  e: BankAccountStateChanged,
  time: Date,
): Promise<void> {
  const stopped = STOPPED.get(e.newState);
  const account = { iban: normalizeIban(e.iban), bankAccountId: e.bankAccountId };
  if (stopped) await markBankAccountStopped(em, account, wallClockOf(time).date, stopped);
  else if (ACTIVE.includes(e.newState)) await liftBankAccountStop(em, account);
}
