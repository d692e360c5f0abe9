import type { EntityManager } from 'typeorm';
import { BankAccountState, type BankAccountStateChanged } from '@fidu/proto-events';
import { normalizeIban } from '../domain/iban';

const STOPPED: readonly BankAccountState[] = [
  BankAccountState.STOPPED_BY_HOLDER,
  BankAccountState.STOPPED_BY_BANK,
];

/**
 * mandates stopped an account (by its holder or its bank): its entries no longer flow, so the bank
 * can no longer deliver for it until mandates activates it again (a new BankAccountActivated).
 * Only the account that mandates activation created is removed, never a later holder's.
 */
export async function onBankAccountStateChanged(
  em: EntityManager,
  e: BankAccountStateChanged,
): Promise<void> {
  if (!STOPPED.includes(e.newState)) return;
  await em.query(`DELETE FROM bank_account WHERE iban = $1 AND bank_account_id = $2`, [
    normalizeIban(e.iban),
    e.bankAccountId,
  ]);
}
