import type { DataSource } from 'typeorm';
import { DomainError, findClientsInDirectory, requireUuid } from '@fidu/service-kit';
import { lockBankAccount, markBankAccountActive, type BankAccountRow } from '../db/bank-account.repository';
import { parseIban } from '../domain/bank-entry-rules';
import { clientNotFound } from '../domain/connector.errors';

export interface ActivateBankAccountInput {
  officeId: string;
  clientId: string;
  iban: string;
}

/**
 * A bank marks one of its accounts active for an office's client — the stand-in for mandates'
 * BankAccountActivated until the mandates issue lands; both end in the same row. An account
 * another bank already delivers for is refused as not found (nothing about it is revealed).
 */
export async function activateBankAccount(
  ds: DataSource,
  bankId: string,
  input: ActivateBankAccountInput,
): Promise<BankAccountRow> {
  const clientId = requireUuid(input.clientId, 'clientId');
  const iban = parseIban(input.iban);
  const officeId = input.officeId.trim();
  return ds.transaction(async (em) => {
    const [client] = await findClientsInDirectory(em, officeId, [clientId]);
    if (!client) throw clientNotFound();
    const existing = await lockBankAccount(em, iban);
    if (existing?.bankId && existing.bankId !== bankId) {
      throw new DomainError(
        'CONNECTOR_BANK_ACCOUNT_NOT_FOUND',
        'This IBAN is not an account of your bank.',
        'iban',
      );
    }
    return markBankAccountActive(em, {
      iban,
      officeId,
      clientId,
      bankAccountId: null,
      bankId,
      activatedAt: new Date(),
      activatedBy: 'BANK_PARTNER',
    });
  });
}
